"""The PTW >= eDRX cycle warning (issue #14): `edrx encode` and `plan` give it for the same values
(cycle 10.24 s, PTW 15.36 s: the device never reaches eDRX sleep), from one library function."""

from atctl.timers.edrx import ptw_cycle_warnings

WARNING = "not shorter than the cycle"


def test_library_function_warns_only_when_the_window_covers_the_cycle():
    assert any(WARNING in w for w in ptw_cycle_warnings(10.24, 15.36))
    assert any(WARNING in w for w in ptw_cycle_warnings(10.24, 10.24))
    assert ptw_cycle_warnings(81.92, 5.12) == ()
    assert ptw_cycle_warnings(10.24, None) == ()


def test_edrx_encode_warns(cli_json):
    code, doc = cli_json("edrx", "encode", "--rat", "lte-m", "--cycle", "10.24s", "--ptw", "15.36s",
                         "--vendor", "quectel")
    assert code == 0 and any(WARNING in w for w in doc["warnings"])


def test_plan_warns_for_the_same_values(cli_json, cli, tmp_path):
    cfg = tmp_path / "bg95.yaml"
    cfg.write_text("module: quectel-bg95-m3\ncountries: [DE]\nrat: [lte-m]\nbands: auto\n"
                   "edrx: {lte-m: {cycle: 10.24s, ptw: 15.36s}}\n")
    port = "sim://quectel-bg95-m3?reg_delay=0"
    code, doc = cli_json("plan", str(cfg), "--port", port)
    assert code == 0 and any(WARNING in w for w in doc["warnings"]), doc["warnings"]
    code, out, err = cli("plan", str(cfg), "--port", port)  # text mode: warnings go to stderr
    assert code == 0 and "never reaches eDRX sleep" in " ".join(err.split())


def test_plan_does_not_warn_for_a_short_window(cli_json, tmp_path):
    cfg = tmp_path / "bg95.yaml"
    cfg.write_text("module: quectel-bg95-m3\ncountries: [DE]\nrat: [lte-m]\nbands: auto\n"
                   "edrx: {lte-m: {cycle: 81.92s, ptw: 5.12s}}\n")
    code, doc = cli_json("plan", str(cfg), "--port", "sim://quectel-bg95-m3?reg_delay=0")
    assert code == 0 and not any(WARNING in w for w in doc["warnings"])
