"""u-blox TOBY-L2 (LTE Cat 4 with 3G/2G) through the CLI on the simulator: +UBANDSEL by MHz
covers LTE too (ModemManager's u-blox plugin num_bands_4g; radio off with AT+CFUN=4, change,
AT+CFUN=1: SETTINGS_UPDATE_METHOD_CFUN in its band_configuration[] for TOBY-L2)."""

import pytest

CASES = [
    # TOBY-L210 in DE (Telekom: LTE 1/3/7/8/20/28, GSM 900/1800): 800 MHz = LTE 20, 900 = LTE 8 + UMTS 8 + GSM 900
    ("ublox-toby-l210", "DE", "[lte, umts, gsm]", "de-telekom", "Deutsche Telekom"),
    # TOBY-L201 in US (AT&T LTE 2/4/5/12/14/17/...): 850 MHz = LTE 5 + UMTS 5
    ("ublox-toby-l201", "US", "[lte, umts]", "us-att", "AT&T"),
]


@pytest.mark.parametrize("module,country,rats,network,operator", CASES)
def test_apply_then_verify_on_lte(cli_json, tmp_path, module, country, rats, network, operator):
    cfg = tmp_path / "toby.yaml"
    cfg.write_text(f"module: {module}\ncountries: [{country}]\nrat: {rats}\nbands: auto\n")
    port = f"sim://{module}?network={network}&reg_delay=0.05&nvm={tmp_path}/nvm.json"
    code, plan = cli_json("plan", str(cfg), "--port", port)
    assert code == 0, plan
    code, doc = cli_json("apply", str(cfg), "--port", port)
    assert code == 0, doc
    sent = [s["command"] for s in doc["steps"]]
    assert sent == [s["command"] for s in plan["steps"]]
    assert sent[0] == "AT+CFUN=4" and sent[1].startswith("AT+UBANDSEL=") and sent[2] == "AT+CFUN=1"
    code, ver = cli_json("verify", str(cfg), "--port", port)
    checks = {c["name"]: c for c in ver["checks"]}
    assert code == 0 and ver["ok"] is True, ver
    assert checks["rat"]["ok"] and "lte" in checks["rat"]["reason"]
    assert operator in checks["operator_country"]["reason"]
    code, again = cli_json("apply", str(cfg), "--port", port)
    assert code == 0 and again["changed"] is False


def test_toby_l210_de_plans_the_lte_frequencies_it_needs(cli_json, tmp_path):
    cfg = tmp_path / "l210.yaml"
    cfg.write_text("module: ublox-toby-l210\ncountries: [DE]\nrat: [lte, umts, gsm]\nbands: auto\n")
    code, plan = cli_json("plan", str(cfg), "--port", "sim://ublox-toby-l210?reg_delay=0")
    assert code == 0
    assert [s["command"] for s in plan["steps"]] == ["AT+CFUN=4", "AT+UBANDSEL=800,900", "AT+CFUN=1"]


def test_toby_l210_bands_that_starve_gsm_are_refused(cli, tmp_path):
    # LTE band 1 alone is +UBANDSEL=2100: UMTS 1 too, but no GSM frequency
    cfg = tmp_path / "l210.yaml"
    cfg.write_text("module: ublox-toby-l210\ncountries: [DE]\nrat: [lte, umts, gsm]\nbands: {lte: [1]}\n")
    code, _, err = cli("plan", str(cfg), "--port", "sim://ublox-toby-l210?reg_delay=0")
    assert code == 2 and "leave gsm with no frequency" in err and "Traceback" not in err


def test_toby_l201_has_no_gsm_and_refuses_gsm_in_the_config(cli, tmp_path):
    cfg = tmp_path / "l201.yaml"
    cfg.write_text("module: ublox-toby-l201\ncountries: [US]\nrat: [lte, umts, gsm]\nbands: auto\n")
    code, _, err = cli("plan", str(cfg), "--port", "sim://ublox-toby-l201?reg_delay=0")
    assert code == 2 and "does not support gsm" in err and "Traceback" not in err


def _answers(cli_json, module, *commands):
    code, doc = cli_json("send", *commands, "--port", f"sim://{module}?reg_delay=0")
    assert code in (0, 1), doc
    return {r["command"]: (r["lines"], r["final"]) for r in doc["responses"]}


def test_simulated_toby_l210_answers_ubandsel_by_its_profile_and_registers_on_lte(cli_json):
    got = _answers(cli_json, "ublox-toby-l210", "AT+UBANDSEL=?", "AT+UBANDSEL=700", "AT+UBANDSEL=800",
                   "AT+CEREG=2", "AT+CEREG?", "AT+UBANDSEL?")
    # LTE 7 adds 2600 MHz to the SARA-U201 set; 700 MHz (LTE 12/13/17) is none of its bands
    assert got["AT+UBANDSEL=?"][0] == ["+UBANDSEL: (0,800,850,900,1800,1900,2100,2600)"]
    assert got["AT+UBANDSEL=700"][1] != "OK"
    assert got["AT+UBANDSEL=800"][1] == "OK" and got["AT+UBANDSEL?"][0] == ["+UBANDSEL: 800"]
    line = got["AT+CEREG?"][0][0]
    assert line.startswith("+CEREG: 2,1,") and line.endswith(",7")   # on LTE band 20 (E-UTRAN AcT 7)


def test_simulated_toby_l201_lists_only_its_frequencies(cli_json):
    got = _answers(cli_json, "ublox-toby-l201", "AT+UBANDSEL=?", "AT+UBANDSEL=1800")
    assert got["AT+UBANDSEL=?"][0] == ["+UBANDSEL: (0,700,850,1700,1900)"]   # LTE 2/4/5/13/17, UMTS 2/5
    assert got["AT+UBANDSEL=1800"][1] != "OK"


def test_sara_u201_frequencies_are_unchanged_by_the_lte_table(cli_json):
    # the LTE-only values (700, 2300, 2500, 2600 MHz) are not the 3G/2G SARA-U201's
    got = _answers(cli_json, "ublox-sara-u201", "AT+UBANDSEL=?", "AT+UBANDSEL=2600", "AT+UBANDSEL=0", "AT+UBANDSEL?")
    assert got["AT+UBANDSEL=?"][0] == ["+UBANDSEL: (0,800,850,900,1800,1900,2100)"]
    assert got["AT+UBANDSEL=2600"][1] != "OK"
    assert got["AT+UBANDSEL?"][0] == ["+UBANDSEL: 800,850,900,1800,1900,2100"]
