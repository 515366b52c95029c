"""plan / apply / verify against simulator scenarios, for a Quectel LPWA module,
an EG25-G and u-blox SARA-R4/R5: granted as asked, granted differently, PSM refused,
registration denied, failure mid-apply with restore, reboot mid-apply, idempotence."""

import json

import pytest

EX = "examples/"


def apply(cli_json, config, port):
    return cli_json("apply", EX + config, "--port", port)


def failed(doc):
    return {c["name"]: c["reason"] for c in doc["verify"]["checks"] if not c["ok"]}


@pytest.mark.parametrize("config,module,network", [
    ("lte-m-tracker-eu-us.yaml", "quectel-bg95-m3", "de-telekom"),
    ("nbiot-meter-nl.yaml", "quectel-bg95-m3", "nl-kpn"),
    ("ublox-sara-r4-tracker.yaml", "ublox-sara-r410m-02b", "de-telekom"),
    ("eg25-gateway.yaml", "quectel-eg25-g", "us-att"),
    ("lara-r6-gateway.yaml", "ublox-lara-r6001", "de-telekom"),
])
def test_apply_then_second_apply_changes_nothing(cli_json, tmp_path, config, module, network):
    port = f"sim://{module}?network={network}&reg_delay=0.05&nvm={tmp_path}/nvm.json"
    code, doc = apply(cli_json, config, port)
    assert code == 0, doc
    assert doc["changed"] is True and doc["verify"]["ok"] is True
    code, again = apply(cli_json, config, port)
    assert code == 0 and again["changed"] is False and again["steps"] == []
    code, verified = cli_json("verify", EX + config, "--port", port)
    assert code == 0 and verified["ok"] is True


def test_network_grants_less_psm(cli_json):
    code, doc = apply(cli_json, "lte-m-tracker-eu-us.yaml", "sim://quectel-bg95-m3?network=psm-clamp&reg_delay=0.05")
    assert code == 1
    assert failed(doc) == {"psm_granted": "TAU granted 2 h instead of 6 h; active time granted 10 s instead of 20 s "
                                          "(tolerance 25%)"}


def test_network_refuses_psm_on_sara_r4(cli_json):
    code, doc = apply(cli_json, "ublox-sara-r4-tracker.yaml", "sim://ublox-sara-r410m-02b?network=psm-refused&reg_delay=0.05")
    assert code == 1 and "not granted" in failed(doc)["psm_granted"]


def test_registration_denied_names_the_cause(cli_json):
    code, doc = apply(cli_json, "lte-m-tracker-eu-us.yaml", "sim://quectel-bg95-m3?network=denied&reg_delay=0.05")
    assert code == 1 and "cause 11: PLMN not allowed" in failed(doc)["registered"]


def test_sara_r5_edrx_with_ptw(cli_json, tmp_path):
    cfg = tmp_path / "r5.yaml"
    cfg.write_text("module: ublox-sara-r510s\ncountries: [DE]\nrat: [lte-m]\nbands: auto\n"
                   "edrx: {lte-m: {cycle: 81.92s, ptw: 5.12s}}\npsm: {tau: 12h, active: 30s}\n")
    code, doc = cli_json("apply", str(cfg), "--port", "sim://ublox-sara-r510s?reg_delay=0.05")
    assert code == 0, doc
    assert 'AT+CEDRXS=2,4,"0101","0011"' in [s["command"] for s in doc["steps"]]


def test_failed_step_restores_saved_state(cli_json, cli, tmp_path):
    nvm = tmp_path / "nvm.json"
    port = f"sim://quectel-bg95-m3?reg_delay=0.05&cme=AT%2BCGDCONT:50&nvm={nvm}"
    code, doc = apply(cli_json, "lte-m-tracker-eu-us.yaml", port)
    assert code == 1
    assert "AT+CGDCONT" in doc["error"] and "step 5/5" in doc["error"]
    assert doc["restore"]["restored"] is True
    # the module is back as it was: plan shows the full change list again
    code, plan = cli_json("plan", EX + "lte-m-tracker-eu-us.yaml", "--port", port)
    assert len(plan["steps"]) == 5
    code, _, err = cli("apply", EX + "lte-m-tracker-eu-us.yaml", "--port", port)
    assert code == 1 and "failed" in err and "Traceback" not in err


def test_reboot_mid_apply_is_waited_out_and_the_run_ends_verified(cli_json, tmp_path):
    # issue 13: a reboot mid-apply used to end "settings not saved to NVM are lost; run the
    # operation again". start() takes 5 commands, AT+CGMM 1, the SIM check 1, the dialect's reads 9: the 2nd write
    # reboots; apply waits for RDY, re-reads, re-plans and continues, then verifies
    port = f"sim://quectel-bg95-m3?reg_delay=0.05&reboot_after=18&nvm={tmp_path}/nvm.json"
    code, doc = apply(cli_json, "lte-m-tracker-eu-us.yaml", port)
    assert code == 0, doc
    assert doc["reboots"] == 1 and doc["verify"]["ok"] is True
    assert "rebooted 1 time(s) mid-apply" in doc["summary"] and doc["summary"].endswith("verified")
    # the module really holds the config: a second apply has nothing to send
    code, again = apply(cli_json, "lte-m-tracker-eu-us.yaml", port.replace("&reboot_after=17", ""))
    assert code == 0 and again["steps"] == []


def test_plan_json_lists_reboots(cli_json):
    code, doc = cli_json("plan", EX + "ublox-sara-r4-tracker.yaml", "--port", "sim://ublox-sara-r410m-02b")
    assert code == 0
    kinds = [s["kind"] for s in doc["steps"]]
    assert kinds[0] == "deregister" and kinds[-1] == "reboot"


def test_verify_before_apply_says_the_module_asks_for_nothing(cli_json):
    # A fresh simulated module has PSM and eDRX off: verify must blame the module's
    # settings, not the network.
    code, doc = cli_json("verify", EX + "lte-m-tracker-eu-us.yaml", "--port", "sim://quectel-bg95-m3?reg_delay=0")
    reasons = {c["name"]: c["reason"] for c in doc["checks"] if not c["ok"]}
    assert code == 1
    assert reasons["psm_granted"].startswith("the module does not request PSM (AT+CPSMS mode 0)")
    assert reasons["edrx_granted"].startswith("the module does not request eDRX on lte-m")


def test_nb_module_bands_applied_with_qband_and_idempotent(cli_json, tmp_path):
    cfg = tmp_path / "bc660k.yaml"
    cfg.write_text("module: quectel-bc660k-gl\ncountries: [DE]\nrat: [nb-iot]\nbands: {nb-iot: [8, 20]}\n"
                   "psm: {tau: 24h, active: 10s}\n")
    port = f"sim://quectel-bc660k-gl?reg_delay=0.05&nvm={tmp_path}/nvm.json"
    code, doc = cli_json("apply", str(cfg), "--port", port)
    assert code == 0, doc
    assert [s["command"] for s in doc["steps"]][0] == "AT+QBAND=2,8,20"
    assert {c["name"]: c["ok"] for c in doc["verify"]["checks"]}["band"] is True
    code, again = cli_json("apply", str(cfg), "--port", port)
    assert code == 0 and again["changed"] is False


def test_sara_u201_bands_by_frequency_and_idempotent(cli_json, tmp_path):
    # +UBANDSEL: GSM 900 planned for DE (3G is off there); 900 MHz also enables UMTS band 8
    cfg = tmp_path / "u201.yaml"
    cfg.write_text("module: ublox-sara-u201\ncountries: [DE]\nrat: [umts, gsm]\nbands: auto\n")
    port = f"sim://ublox-sara-u201?reg_delay=0.05&nvm={tmp_path}/nvm.json"
    code, doc = cli_json("apply", str(cfg), "--port", port)
    assert code == 0, doc
    assert [s["command"] for s in doc["steps"]] == ["AT+CFUN=4", "AT+UBANDSEL=900", "AT+CFUN=1"]
    code, again = cli_json("apply", str(cfg), "--port", port)
    assert code == 0 and again["changed"] is False


def test_rat_without_band_command_warns_on_auto_and_refuses_explicit_bands(cli_json, cli, tmp_path):
    # SARA-R412M: +UBANDMASK takes LTE-M and NB-IoT masks only (SARA-R4 AT manual UBX-17003787 R16)
    cfg = tmp_path / "r412.yaml"
    cfg.write_text("module: ublox-sara-r412m\ncountries: [DE]\nrat: [lte-m, gsm]\nbands: auto\n")
    code, doc = cli_json("plan", str(cfg), "--port", "sim://ublox-sara-r412m?reg_delay=0")
    assert code == 0 and any("cannot restrict gsm bands on ublox-sara-r412m" in w for w in doc["warnings"])
    cfg.write_text("module: ublox-sara-r412m\ncountries: [DE]\nrat: [lte-m, gsm]\nbands: {lte-m: [20], gsm: [900]}\n")
    code, _, err = cli("plan", str(cfg), "--port", "sim://ublox-sara-r412m?reg_delay=0")
    assert code == 2 and "cannot restrict gsm bands" in err and "Traceback" not in err


NB_CFG = ("module: quectel-bc660k-gl\ncountries: [DE]\nrat: [nb-iot]\nbands: {nb-iot: [8, 20]}\n"
          "psm: {tau: 24h, active: 10s}\nedrx: {nb-iot: {cycle: 81.92s}}\n")


def test_failed_edrx_read_does_not_blame_the_module(cli_json, tmp_path):
    cfg = tmp_path / "nb.yaml"
    cfg.write_text(NB_CFG)
    port = f"sim://quectel-bc660k-gl?reg_delay=0&nvm={tmp_path}/nvm.json"
    assert cli_json("apply", str(cfg), "--port", port)[0] == 0
    # the cell refuses eDRX and AT+CEDRXS? fails: what the module asks for is unknown
    code, doc = cli_json("verify", str(cfg), "--port", port + "&network=edrx-refused&cme=AT%2BCEDRXS%3F")
    reason = {c["name"]: c["reason"] for c in doc["checks"]}["edrx_granted"]
    assert code == 1 and "does not request" not in reason and "does not use eDRX" in reason


def test_setting_unreadable_before_apply_is_named_after_a_failure(cli_json, tmp_path):
    # AT+QBAND? fails, so the bands before apply are unknown; a later step fails: restore must
    # not claim everything is back
    cfg = tmp_path / "nb.yaml"
    cfg.write_text(NB_CFG)
    port = f"sim://quectel-bc660k-gl?reg_delay=0&nvm={tmp_path}/nvm.json&cme=AT%2BQBAND%3F&stall=AT%2BCEDRXS%3D"
    code, doc = cli_json("apply", str(cfg), "--port", port)
    assert code == 1
    assert "bands could not be read before apply" in json.dumps(doc), doc


def test_failed_write_after_radio_off_turns_the_radio_back_on(cli_json, tmp_path):
    # SARA-U201: AT+CFUN=4, then AT+UBANDSEL fails: nothing else differs, but the radio must come back
    port = f"sim://ublox-sara-u201?reg_delay=0&nvm={tmp_path}/nvm.json&cme=AT%2BUBANDSEL=:50"
    transcript = tmp_path / "t.jsonl"
    code, doc = cli_json("apply", EX + "sara-u201-legacy-de.yaml", "--port", port, "--transcript", str(transcript))
    assert code == 1 and doc["restore"]["restored"] is True, doc["restore"]
    sent = [json.loads(line)["data"].strip() for line in transcript.read_text().splitlines()
            if json.loads(line)["dir"] == "tx"]
    failed_at = sent.index("AT+UBANDSEL=900")
    assert "AT+CFUN=1" in sent[failed_at:]


def test_sara_u201_bands_that_starve_a_rat_are_refused_and_rat_order_is_not_promised(cli, cli_json, tmp_path):
    cfg = tmp_path / "u.yaml"
    cfg.write_text("module: ublox-sara-u201\ncountries: [DE]\nrat: [umts, gsm]\nbands: {umts: [1]}\n")
    code, _, err = cli("plan", str(cfg), "--port", "sim://ublox-sara-u201?reg_delay=0")
    assert code == 2 and "leave gsm with no frequency" in err and "Traceback" not in err
    code, doc = cli_json("plan", EX + "sara-u201-legacy-de.yaml", "--port", "sim://ublox-sara-u201?reg_delay=0")
    assert code == 0 and any("cannot select or order RATs on ublox-sara-u201" in w for w in doc["warnings"])


def test_write_answered_ok_but_not_kept_is_caught(cli_json, tmp_path):
    # DOMAIN.md 7.5: "band configuration accepted with OK but not applied"; the simulator's
    # ignore= fault answers OK and changes nothing
    port = f"sim://quectel-bg95-m3?reg_delay=0&nvm={tmp_path}/nvm.json&ignore=AT%2BQCFG=%22band%22"
    code, doc = apply(cli_json, "lte-m-tracker-eu-us.yaml", port)
    reason = failed(doc)["configured"]
    assert code == 1 and "does not report the planned bands" in reason and 'AT+QCFG="band"' in reason


def test_stalled_settings_read_does_not_abort_verify(cli_json, tmp_path):
    port = f"sim://quectel-bg95-m3?reg_delay=0&nvm={tmp_path}/nvm.json"
    assert apply(cli_json, "lte-m-tracker-eu-us.yaml", port)[0] == 0
    # AT+QCFG="band" never answers (the module still does): bands cannot be read back, nothing is
    # blamed and the network checks still run (exit 3 would mean "modem unreachable")
    code, doc = cli_json("verify", EX + "lte-m-tracker-eu-us.yaml", "--port", port + "&stall=AT%2BQCFG=%22band%22")
    checks = {c["name"]: c for c in doc["checks"]}
    assert code == 0 and checks["configured"]["ok"] and "bands could not be read back" in checks["configured"]["reason"]
    assert checks["registered"]["ok"]
