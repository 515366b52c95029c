"""atctl.diagnose.status.read_status as a library call (not through the CLI): the `status --json` document,
the registration wait and its feedback, the battery block."""

from atctl.at import open_session
from atctl.diagnose.status import read_status


def test_status_document_of_a_registered_module():
    port = "sim://quectel-bg95-m3?reg_delay=0"
    with open_session(port) as session:
        reading = read_status(session, port, observe=False)
    doc = reading.document
    assert reading.wait is None and doc["module"] == "quectel-bg95-m3" and doc["port"] == port
    assert doc["registration"]["stat_text"] == "home" and doc["rat"] and doc["band"]
    assert "battery" not in doc


def test_waits_for_registration_and_says_how_it_ended():
    port = "sim://quectel-bg95-m3?reg_delay=0.3"
    heard = []
    with open_session(port) as session:
        reading = read_status(session, port, wait_s=10, on_wait=heard.append, observe=False)
    assert reading.document["registration"]["stat_text"] == "home"
    assert heard and heard[0].state == "searching" and heard[0].limit_s == 10
    assert reading.wait.registered and reading.wait.summary().startswith("registered (home) after")


def test_no_wait_when_the_network_denies():
    port = "sim://quectel-bg95-m3?network=denied&reg_delay=0"
    heard = []
    with open_session(port) as session:
        reading = read_status(session, port, wait_s=10, on_wait=heard.append, observe=False)
    assert reading.document["registration"]["stat"] == 3 and heard == [] and reading.wait is None


def test_battery_block_for_a_config_with_traffic_and_battery(tmp_path):
    from atctl.config.loader import load_config

    cfg = tmp_path / "tracker.yaml"
    cfg.write_text("module: quectel-bg95-m3\ncountries: [DE]\nrat: [lte-m]\npsm: {tau: 24h, active: 30s}\n"
                   "traffic: {uplink: 200B, per_day: 2}\nbattery: {preset: 2xAA, life_target: 3y}\n")
    port = "sim://quectel-bg95-m3?network=psm-clamp&reg_delay=0"
    with open_session(port) as session:
        doc = read_status(session, port, wait_s=20, observe=False, config=load_config(cfg)).document
    assert set(doc["battery"]) >= {"requested_life_days", "granted_life_days"}
