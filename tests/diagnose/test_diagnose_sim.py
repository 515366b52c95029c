"""`atctl diagnose` against simulator scenarios: right findings, a bundle every time,
nothing unredacted in any file of the bundle."""

import zipfile

from atctl.profiles import load_profile
from atctl.sim.modem import SimModem
from atctl.sim.scenarios import get_scenario


def identities(scenario="de-telekom", seed=1):
    modem = SimModem(load_profile("quectel-bg95-m3"), get_scenario(scenario), seed=seed)
    return [modem.imei, modem.imsi, modem.iccid]


def run(cli_json, tmp_path, query, *extra):
    bundle = tmp_path / "bundle.zip"
    code, doc = cli_json("diagnose", "--port", f"sim://quectel-bg95-m3?{query}", "--out", str(bundle), "--wait", "2",
                         *extra)
    assert bundle.exists(), "a bundle is produced every time"
    with zipfile.ZipFile(bundle) as z:
        files = {name: z.read(name).decode() for name in z.namelist()}
    assert set(files) == {"report.json", "report.md", "transcript.jsonl"}
    return code, doc, files


def codes(doc):
    return {(f["severity"], f["code"]) for f in doc["findings"]}


def assert_redacted(files, scenario="de-telekom"):
    for ident in identities(scenario):
        for name, text in files.items():
            assert ident not in text, f"{ident} unredacted in {name}"
        assert any(ident[-4:] in text for text in files.values())


def test_healthy(cli_json, tmp_path):
    code, doc, files = run(cli_json, tmp_path, "reg_delay=0.05")
    assert code == 0 and doc["summary"]["severity"] == "ok"
    assert ("info", "module") in codes(doc)
    assert_redacted(files)
    assert "atctl diagnostics" in files["report.md"]


def test_no_sim(cli_json, tmp_path):
    code, doc, files = run(cli_json, tmp_path, "sim=absent")
    assert code == 1 and ("critical", "no-sim") in codes(doc)


def test_registration_denied(cli_json, tmp_path):
    code, doc, _ = run(cli_json, tmp_path, "network=denied&reg_delay=0.05")
    assert code == 1 and ("critical", "registration-denied") in codes(doc)


def test_psm_refused_after_apply(cli_json, tmp_path):
    nvm = tmp_path / "nvm.json"
    code, _ = cli_json("apply", "examples/lte-m-tracker-eu-us.yaml", "--port",
                       f"sim://quectel-bg95-m3?network=psm-refused&reg_delay=0.05&nvm={nvm}")
    assert code == 1
    code, doc, _ = run(cli_json, tmp_path, f"network=psm-refused&reg_delay=0.05&nvm={nvm}")
    assert code == 1 and ("major", "psm-not-granted") in codes(doc)


def test_roaming_on_an_unplanned_band(cli_json, tmp_path):
    code, doc, files = run(cli_json, tmp_path, "network=roaming&reg_delay=0.05", "--config",
                           "examples/lte-m-tracker-eu-us.yaml")
    assert code == 1
    found = codes(doc)
    assert ("major", "roaming") in found and ("major", "verify-operator_country") in found
    assert_redacted(files, "roaming")


def test_module_stops_answering_midway(cli_json, tmp_path):
    code, doc, files = run(cli_json, tmp_path, "die_after=12&reg_delay=0.05")
    assert code == 1 and ("critical", "stopped-answering") in codes(doc)
    assert any("skipped" in f for f in doc["facts"]["failures"])


def test_unopenable_port_still_writes_a_bundle(cli_json, tmp_path):
    bundle = tmp_path / "b.zip"
    code, doc = cli_json("diagnose", "--port", "/dev/ttyNOPE0", "--out", str(bundle))
    assert code == 3 and bundle.exists() and ("critical", "no-answer") in codes(doc)


def test_show_ids_keeps_them(cli_json, tmp_path):
    code, doc = cli_json("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0.05", "--show-ids", "--wait", "2")
    assert doc["facts"]["identity"]["imei"] == identities()[0]


def test_human_panel(cli):
    code, out, _ = cli("diagnose", "--port", "sim://quectel-bg95-m3?sim=absent")
    assert code == 1 and "No SIM card" in out


def test_unidentified_module_with_config_still_writes_a_bundle(cli_json, tmp_path):
    # ATI never answers and AT+CG* fail: identification fails; a config without `module:` cannot be checked
    cfg = tmp_path / "c.yaml"
    cfg.write_text("countries: [DE]\nrat: [lte-m]\n")
    code, doc, _ = run(cli_json, tmp_path, "reg_delay=0&cme=AT%2BCG&stall=ATI", "--config", str(cfg))
    assert any("verify checks" in f and "not identified" in f for f in doc["facts"]["failures"])


def test_module_dying_during_the_network_read_is_detected(cli_json, tmp_path):
    # die_after=30: the module goes silent inside the registration/operator reads; the reader
    # probes with AT instead of waiting out AT+COPS's 180 s deadline on every later command
    code, doc, _ = run(cli_json, tmp_path, "reg_delay=0&die_after=30", "--config", "examples/lte-m-tracker-eu-us.yaml")
    assert doc["facts"]["stopped_answering"].startswith("registration, operator")
    assert ("critical", "stopped-answering") in codes(doc)
