"""`atctl bands` through the CLI with the shipped data."""


def test_check_json_contract(cli_json):
    code, doc = cli_json("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE", "--country", "US",
                         "--country", "JP")
    assert code == 0 and doc["module"] == "quectel-bg95-m3"
    jp = next(c for c in doc["countries"] if c["country"] == "JP")
    for key in ("network_bands", "usable_bands", "missing_bands", "verdict"):
        assert key in jp["rats"]["lte-m"]
    assert jp["rats"]["gsm"]["verdict"] == "not-deployed"   # Japan never had GSM


def test_check_fails_when_a_country_has_no_usable_band(cli_json):
    # SARA-U201 would be the classic case; EG25-G limited to GSM in Japan is another
    code, doc = cli_json("bands", "check", "--module", "quectel-eg25-g", "--country", "JP", "--rat", "gsm")
    assert code == 1 and doc["ok"] is False


def test_mask_commands(cli_json):
    code, doc = cli_json("bands", "mask", "--module", "ublox-sara-r410m-02b", "--country", "DE", "--rat", "lte-m")
    assert code == 0 and doc["bands"]["lte-m"] and doc["commands"][1].startswith("AT+UBANDMASK=0,")
    assert [step["kind"] for step in doc["steps"]] == ["deregister", "write", "reboot"]  # as `plan` sends them


def test_decode(cli_json):
    code, doc = cli_json("bands", "decode", '+QCFG: "band",0xf,0x100002000000000f0e189f,0x10004200000000090e189f')
    assert code == 0 and doc["fields"]["gsm"] == [850, 900, 1800, 1900] and 85 in doc["fields"]["lte_m"]


def test_bad_country_and_module(cli):
    code, _, err = cli("bands", "check", "--module", "quectel-bg95-m3", "--country", "XX")
    assert code == 2 and "XX" in err
    code, _, err = cli("bands", "check", "--module", "quectel-bg95", "--country", "DE")
    assert code == 2 and "did you mean" in err


def test_human_output(cli):
    code, out, _ = cli("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE")
    assert code == 0 and "Germany" in out and "derived" in out


def test_a_rat_without_any_fact_is_no_data_not_absent(cli_json, cli):
    # Niger's networks were added without a source for their 3G or LTE bands (docs/DATA.md, `operators:`):
    # the check must not tell a field tech there is no LTE or that 3G was shut down there
    code, doc = cli_json("bands", "check", "--module", "quectel-eg25-g", "--country", "NE")
    rats = doc["countries"][0]["rats"]
    assert rats["lte"]["verdict"] == "not-deployed" and rats["lte"]["no_data"] is True   # the contract's verdict
    assert rats["gsm"]["no_data"] is False and rats["gsm"]["verdict"] == "full"
    assert any("no LTE facts" in w for w in rats["lte"]["warnings"])
    assert not any(w.startswith("UMTS is shut down or absent") for w in doc["warnings"])
    code, out, _ = cli("bands", "check", "--module", "quectel-eg25-g", "--country", "NE")
    assert "no data" in out
