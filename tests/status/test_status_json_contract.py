"""The `atctl status --json` document is a contract (DESIGN.md): pinned per simulator scenario.

The fixture was written from main before the network state became typed (#14), so a change of
the reader or of the value types that alters one key or value fails here. Regenerate it only for
an intended contract change: `ATCTL_PIN_STATUS=1 pytest tests/status/test_status_json_contract.py`.
"""

import json
import os
from pathlib import Path

import pytest

PINNED = Path(__file__).parent / "fixtures" / "status_json.json"
PORTS = [
    "sim://quectel-bg95-m3?reg_delay=0",
    "sim://quectel-bg95-m3?network=psm-clamp&reg_delay=0",
    "sim://quectel-bg95-m3?network=edrx-fixed&reg_delay=0",
    "sim://quectel-bg95-m3?network=denied&reg_delay=0",
    "sim://quectel-bg95-m3?network=no-coverage&reg_delay=0",
    "sim://quectel-bc660k-gl?reg_delay=0",
    "sim://quectel-ec25-e?network=nl-kpn&reg_delay=0",
    "sim://ublox-sara-r410m-02b?network=roaming&reg_delay=0",
    "sim://ublox-sara-r510s?network=psm-round&reg_delay=0",
    "sim://ublox-lara-r6401?network=us-att&reg_delay=0",
    "sim://ublox-sara-u201?reg_delay=0",
    "sim://ublox-sara-r510s?network=weak-signal&reg_delay=0",
    "sim://quectel-bg95-m3?sim=absent&reg_delay=0",
    "sim://quectel-bg95-m3?sim=pin&reg_delay=0",
    "sim://quectel-bg95-m3?cme=AT%2BCFUN&reg_delay=0",
    "sim://quectel-bg95-m3?stall=AT%2BCEDRXS&reg_delay=0",
    "sim://ublox-sara-r510s?cme=AT%2BCEREG&reg_delay=0",
]
# requests written first (the simulator keeps them in its NVM file): PSM and eDRX asked and granted
REQUESTED = {
    "sim://quectel-bg95-m3?network=psm-clamp&reg_delay=0": ['AT+CPSMS=1,,,"00111000","00001111"',
                                                           'AT+CEDRXS=2,4,"0101"'],
    "sim://ublox-sara-r410m-02b?reg_delay=0": ['AT+CPSMS=1,,,"00111000","00001111"'],
    "sim://ublox-sara-r510s?network=edrx-fixed&reg_delay=0": ['AT+CEDRXS=2,4,"0010"'],
}


def _status(cli_json, port):
    code, doc = cli_json("status", "--port", port, "--no-observations")
    return {"exit": code, "doc": doc}


def _requested(cli_json, tmp_path, port, commands):
    from atctl.at import open_session
    from atctl.profiles import load_profile

    nvm = tmp_path / f"nvm{len(commands)}{port.count('r')}.json"
    url = f"{port}&nvm={nvm}"
    with open_session(url, profile=load_profile(port.split("//")[1].split("?")[0])) as session:
        for command in commands:
            session.check(command)
    result = _status(cli_json, url)
    result["doc"]["port"] = port  # the NVM file's path is not part of what is pinned
    return result


@pytest.mark.slow
def test_status_json_is_unchanged(cli_json, tmp_path):
    got = {port: _status(cli_json, port) for port in PORTS}
    got.update({f"{port} after {commands}": _requested(cli_json, tmp_path, port, commands)
                for port, commands in REQUESTED.items()})
    if os.environ.get("ATCTL_PIN_STATUS") == "1":
        PINNED.write_text(json.dumps(got, indent=1, sort_keys=False) + "\n")
        pytest.fail("status goldens rewritten; commit them on their own and run again without ATCTL_PIN_STATUS")
    pinned = json.loads(PINNED.read_text())
    assert set(got) == set(pinned)
    for port in got:
        assert got[port] == pinned[port], port


def test_typed_state_reads_back_every_pinned_document():
    # diagnose from a log and the dashboard read a status document back into the typed state
    from atctl.network_values import NetworkState

    for port, pinned in json.loads(PINNED.read_text()).items():
        doc = pinned["doc"]
        net = {key: doc[key] for key in ("registration", "operator", "rat", "band", "signal", "psm", "edrx", "apn",
                                         "sim", "radio", "errors")}
        again = NetworkState.from_dict(net).as_dict()
        again.pop("channel")  # not in the status document
        assert again == net, port


def test_a_state_nothing_was_read_into_is_empty():
    from atctl.network_values import NetworkState

    doc = NetworkState().as_dict()
    assert doc["registration"] == doc["operator"] == doc["signal"] == doc["psm"] == doc["sim"] == doc["radio"] == {}
    assert not NetworkState().registered
