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


def test_decode_nband_read_and_test_forms(cli_json, cli):
    # SARA-N2 / BC95 band reads (u-blox SARA-N2 AT manual form, as Sodaq_nbIOT and
    # ublox-cellular-base-n2xx parse it): the read is the enabled set, the =? form the supported one
    code, doc = cli_json("bands", "decode", "+NBAND:20,8")
    assert code == 0 and doc["type"] == "NBAND" and doc["fields"] == {"nb_iot": [8, 20], "supported_list": False}
    code, doc = cli_json("bands", "decode", "+NBAND: (8,20)")
    assert code == 0 and doc["fields"] == {"nb_iot": [8, 20], "supported_list": True}
    code, out, _ = cli("bands", "decode", "+NBAND:8,20")
    assert code == 0 and "nb_iot  8 20" in out


def test_decode_ubandsel_names_the_bands_each_mhz_value_enables(cli_json, cli):
    # ModemManager's u-blox test (mm-modem-helpers-ublox test, SARA-U201): "+UBANDSEL: 800,850,900,1900,2100"
    # is UMTS 6 / GSM 850 + UMTS 5 / EGSM + UMTS 8 / PCS + UMTS 2 / UMTS 1
    code, doc = cli_json("bands", "decode", "+UBANDSEL: 800,850,900,1900,2100", "--module", "ublox-sara-u201")
    assert code == 0 and doc["type"] == "UBANDSEL"
    assert doc["fields"]["mhz"] == [800, 850, 900, 1900, 2100]
    assert doc["fields"]["gsm"] == [850, 900, 1900] and doc["fields"]["umts"] == [1, 2, 5, 6, 8, 19]
    assert doc["fields"]["lte"] == []                     # SARA-U201 has no LTE (same keys on every +UBANDSEL decode)
    # without a module, every band each value can mean, and the output says so
    code, doc = cli_json("bands", "decode", "+UBANDSEL: 1800")
    assert code == 0 and doc["fields"]["gsm"] == [1800] and doc["fields"]["umts"] == [3] and doc["fields"]["lte"] == [3]
    code, out, _ = cli("bands", "decode", "+UBANDSEL: 0")
    assert code == 0 and "default" in out
    code, doc = cli_json("bands", "decode", "+UBANDSEL: 0")
    assert doc["fields"]["mhz"] == [] and doc["fields"]["default"] is True and 1800 in doc["fields"]["gsm"]


def test_decode_rejects_a_line_that_is_no_band_read(cli):
    code, _, err = cli("bands", "decode", "+CSQ: 20,99")
    assert code == 2 and "+NBAND" in err and "Traceback" not in err


# ---- review findings on +NBAND / +UBANDSEL decode (round 7) ------------------------------------

def test_decode_keeps_what_it_could_not_read(cli_json, cli):
    code, doc = cli_json("bands", "decode", "+UBANDSEL: 850,abc")
    assert code == 0 and doc["fields"]["gsm"] == [850] and doc["fields"]["unparsed"]
    assert any("abc" in w for w in doc["fields"]["warnings"])
    code, out, err = cli("bands", "decode", "+UBANDSEL: 850,abc")
    assert code == 0 and "abc" in out + err


def test_decode_ubandsel_values_that_are_no_band(cli_json, cli):
    code, _, err = cli("bands", "decode", "+UBANDSEL: 9999")
    assert code == 2 and "9999" in err and "1800" in err          # names the values it knows
    code, doc = cli_json("bands", "decode", "+UBANDSEL: 850,9999")
    assert code == 0 and doc["fields"]["mhz"] == [850] and any("9999" in w for w in doc["fields"]["warnings"])
    code, doc = cli_json("bands", "decode", "+UBANDSEL: 0,850")
    assert code == 0 and any("0" in w and "alone" in w for w in doc["fields"]["warnings"])


def test_decode_ubandsel_test_form_is_the_supported_list(cli_json):
    # AT+UBANDSEL=? on SARA-U2 (u-blox SARA-N2/N3 AT manual R21 5.9 example: "+UBANDSEL: (0,850,900,1800,1900)")
    code, doc = cli_json("bands", "decode", "+UBANDSEL: (0,850,900,1800,1900)")
    assert code == 0 and doc["fields"]["supported_list"] is True and doc["fields"]["mhz"] == [850, 900, 1800, 1900]


def test_decode_ubandsel_default_on_a_module_is_every_band_it_has(cli_json):
    # the dialect reads 0 as every frequency (dialects/ublox.py UbloxU2.absorb): decode says the same
    code, doc = cli_json("bands", "decode", "+UBANDSEL: 0", "--module", "ublox-sara-u201")
    f = doc["fields"]
    assert code == 0 and f["default"] is True and f["gsm"] == [850, 900, 1800, 1900] and f["umts"] == [1, 2, 5, 6, 8, 19]
    assert f["lte"] == []                                      # same keys on every +UBANDSEL decode


def test_decode_refuses_a_line_the_module_does_not_answer(cli):
    code, _, err = cli("bands", "decode", "+NBAND:8,20", "--module", "quectel-eg25-g")
    assert code == 2 and "quectel-eg25-g" in err and 'AT+QCFG="band"' in err
    code, _, err = cli("bands", "decode", "+UBANDSEL: 850", "--module", "ublox-sara-n211")
    assert code == 2 and "AT+NBAND?" in err


def test_decode_flags_a_band_the_module_lacks(cli_json):
    code, doc = cli_json("bands", "decode", "+NBAND:8,20,3", "--module", "ublox-sara-n211")
    assert code == 0 and doc["fields"]["nb_iot"] == [3, 8, 20]
    assert any("3" in w and "ublox-sara-n211" in w for w in doc["fields"]["warnings"])


def test_decode_nband_ranges_and_impossible_bands(cli_json, cli):
    code, doc = cli_json("bands", "decode", "+NBAND: (1-5)")
    assert code == 0 and doc["fields"]["nb_iot"] == [1, 2, 3, 4, 5] and doc["fields"]["supported_list"] is True
    code, _, err = cli("bands", "decode", "+NBAND:0")
    assert code == 2 and "no band" in err
    code, doc = cli_json("bands", "decode", "+NBAND: 8,20,(3)")
    assert code == 0 and doc["fields"]["warnings"]             # a read and a test form in one line


def test_decode_says_not_a_band_read_before_parsing(cli):
    code, _, err = cli("bands", "decode", "+CFUN: 1 [x]")
    assert code == 2 and "not a band read" in err


def test_decode_qband_the_read_bc66_and_bc660k_answer(cli_json):
    # BC660K-GL AT manual V1.4 7.5: read "+QBAND: 8,20", 0 = every band, test "(0-17),(1,2,3,...)"
    code, doc = cli_json("bands", "decode", "+QBAND: 8,20", "--module", "quectel-bc66")
    assert code == 0 and doc["type"] == "QBAND" and doc["fields"]["nb_iot"] == [8, 20]
    code, doc = cli_json("bands", "decode", "+QBAND: 0", "--module", "quectel-bc66")
    assert code == 0 and doc["fields"]["all_bands"] is True and 20 in doc["fields"]["nb_iot"]
    code, doc = cli_json("bands", "decode", "+QBAND: (0-3),(3,8,20)")
    assert code == 0 and doc["fields"]["supported_list"] is True and doc["fields"]["nb_iot"] == [3, 8, 20]
