"""u-blox SARA-N2 (issue #16: the SARA-N2 module, its own dialect): +NBAND / +NCONFIG parse/build pairs
on real lines, the band-change plan (radio off, AT+NBAND, AT+NRB), the AUTOCONNECT FALSE recovery, and
apply + verify through the CLI on the simulator.

Real lines, and where they were read:
- `+NBAND:8` (no space): a BC95 test assertion, same Huawei/Neul firmware (file index id 47275556703);
  `+NBAND:(1,3,5,8,20,28)`: a BC28 driver comment (id 17186622015).
- `+NCONFIG: "AUTOCONNECT","TRUE"` ...: a SARA-N211 read captured in ExploratoryEngineering/ArduinoNBIoT
  README.md (commit 9cc496b); `+NCONFIG:AUTOCONNECT,TRUE`: the Quectel BC95 form (blog.csdn.net/flyme2010/
  article/details/81009735).
- `SARA-N211-02X`: ATI of a SARA-N211 in an N211 set-up guide (id 31915256926).
"""

from __future__ import annotations

import pytest

from atctl.codecs import parse_line
from atctl.codecs.ublox.nband import build_nband, format_nband, format_nband_test
from atctl.codecs.ublox.nconfig import build_nconfig, format_nconfig
from atctl.dialects import get_dialect
from atctl.dialects.settings import Settings
from atctl.errors import InputError
from atctl.profiles import load_profile, match_profile

N211 = "ublox-sara-n211"


@pytest.mark.parametrize("line,bands,test", [
    ("+NBAND:8", [8], False),                       # BC95 capture (Huawei/Neul firmware)
    ("+NBAND:8,20", [8, 20], False),
    ("+NBAND: 20,8", [8, 20], False),                # a space and any order: reported ascending
    ("+NBAND:(1,3,5,8,20,28)", [1, 3, 5, 8, 20, 28], True),   # BC28 test reply
    ("+NBAND:(8,20)", [8, 20], True),
])
def test_nband_lines_decode(line, bands, test):
    parsed = parse_line(line)
    assert parsed.type == "NBAND" and parsed.fields["bands"] == bands and parsed.fields["test"] is test


def test_nband_build_and_format_pair():
    assert build_nband([20, 8]) == "AT+NBAND=8,20"
    assert parse_line(format_nband([20, 8])).fields["bands"] == [8, 20]
    assert parse_line(format_nband_test([8, 20])).fields == {"bands": [8, 20], "test": True}
    with pytest.raises(InputError):
        build_nband([])  # there is no "every band" value
    with pytest.raises(InputError):
        parse_line("+NBAND:")


@pytest.mark.parametrize("line,name,enabled", [
    ('+NCONFIG: "AUTOCONNECT","TRUE"', "AUTOCONNECT", True),                 # SARA-N211, ArduinoNBIoT README
    ('+NCONFIG: "CR_0354_0338_SCRAMBLING","TRUE"', "CR_0354_0338_SCRAMBLING", True),
    ('+NCONFIG: "COMBINE_ATTACH","FALSE"', "COMBINE_ATTACH", False),
    ("+NCONFIG:AUTOCONNECT,FALSE", "AUTOCONNECT", False),                   # Quectel BC95 form
])
def test_nconfig_lines_decode(line, name, enabled):
    fields = parse_line(line).fields
    assert fields["name"] == name and fields["enabled"] is enabled


def test_nconfig_build_and_format_pair():
    assert build_nconfig("autoconnect", False) == 'AT+NCONFIG="AUTOCONNECT","FALSE"'
    assert format_nconfig("AUTOCONNECT", "TRUE") == '+NCONFIG: "AUTOCONNECT","TRUE"'


def test_n211_is_told_by_its_ati_not_its_cgmm():
    # AT+CGMM answers "Neul Hi2110" on every SARA-N2 (u-blox ublox-cellular-base-n2xx): it must not pick a variant
    assert match_profile("Neul Hi2110 u-blox") is None
    assert match_profile("SARA-N211-02X").id == N211


def _plan(current: Settings, desired: Settings):
    return [s.command for s in get_dialect(load_profile(N211)).plan(current, desired)]


def test_band_change_is_radio_off_nband_reboot():
    current = Settings(bands={"nb-iot": frozenset({8, 20})}, cfun=1, rat_config={"autoconnect": True})
    assert _plan(current, Settings(bands={"nb-iot": frozenset({20})}, cfun=1)) == \
        ["AT+CFUN=0", "AT+NBAND=20", "AT+NRB"]
    assert _plan(current, Settings(bands={"nb-iot": frozenset({8, 20})}, cfun=1)) == []


def test_autoconnect_false_turns_the_radio_on_and_attaches_after_the_reboot():
    current = Settings(bands={"nb-iot": frozenset({8, 20})}, cfun=1, rat_config={"autoconnect": False})
    assert _plan(current, Settings(bands={"nb-iot": frozenset({8})}, cfun=1)) == \
        ["AT+CFUN=0", "AT+NBAND=8", "AT+NRB", "AT+CFUN=1", "AT+CGATT=1"]
    # radio found off (it booted so), no band change: on and attach, not AT+CFUN=1 alone
    off = Settings(bands={"nb-iot": frozenset({8, 20})}, cfun=0, rat_config={"autoconnect": False})
    assert _plan(off, Settings(bands={"nb-iot": frozenset({8, 20})}, cfun=1)) == ["AT+CFUN=1", "AT+CGATT=1"]


def _port(tmp_path, **extra):
    query = "&".join(f"{k}={v}" for k, v in {"network": "de-telekom", "reg_delay": 0.05,
                                               "nvm": tmp_path / "nvm.json", **extra}.items())
    return f"sim://{N211}?{query}"


def _config(tmp_path, bands: str) -> str:
    path = tmp_path / "n211.yaml"
    path.write_text(f"module: {N211}\ncountries: [DE]\nrat: [nb-iot]\nbands:\n  nb-iot: [{bands}]\napn: iot.example\n")
    return str(path)


def test_apply_changes_bands_and_verifies_on_the_simulator(cli_json, tmp_path):
    code, doc = cli_json("apply", _config(tmp_path, "8"), "--port", _port(tmp_path))
    assert code == 0 and doc["verify"]["ok"] is True, doc
    assert [s["command"] for s in doc["steps"]][:3] == ["AT+CFUN=0", "AT+NBAND=8", "AT+NRB"]
    code, verified = cli_json("verify", _config(tmp_path, "8"), "--port", _port(tmp_path))
    assert code == 0 and verified["ok"] is True


def test_apply_with_autoconnect_false_registers(cli_json, cli, tmp_path):
    port = _port(tmp_path)
    assert cli("send", 'AT+NCONFIG="AUTOCONNECT","FALSE"', "--port", port)[0] == 0
    assert cli("send", "AT+NRB", "--port", port)[0] == 0   # the switch takes effect at boot
    code, doc = cli_json("apply", _config(tmp_path, "20"), "--port", port)
    assert code == 0 and doc["verify"]["ok"] is True, doc
    assert [s["command"] for s in doc["steps"]][-2:] == ["AT+CFUN=1", "AT+CGATT=1"]


def test_nuestats_cell_gives_the_band_from_the_earfcn():
    # the N211 set-up guide's capture; columns EARFCN,PCI,primary,RSRP,RSRQ,RSSI,SNR (tenths of dB)
    parsed = parse_line("NUESTATS:CELL,3547,186,1,-813,-134,-715,10")
    assert parsed.fields["band"] == 8 and parsed.fields["snr"] == 10   # decode shows the band too
    cell = parsed.model.cell_in_use()
    assert (cell.band, cell.channel, cell.rat) == (8, 3547, "nb-iot")
    assert cell.signal == {"rsrp_dbm": -81.3, "rsrq_db": -13.4, "rssi_dbm": -71.5}
    assert parse_line("NUESTATS:CELL,3547,187,0,-900,-150,-800,2").model.cell_in_use() is None  # a neighbour
    assert parse_line('NUESTATS: "RADIO","Signal power",-682').model.cell_in_use() is None     # pwitab/ublox docstring


def test_status_shows_the_band_and_the_sim_without_an_at_cpin_read(cli_json, tmp_path):
    code, doc = cli_json("status", "--port", _port(tmp_path, reg_delay=0))
    assert code == 0 and doc["sim"]["state"] == "ready"   # AT+CPIN? answers ERROR: AT+CIMI tells
    assert doc["rat"] == "nb-iot" and doc["band"] in (8, 20) and not doc["errors"], doc  # from AT+NUESTATS=CELL


def test_apply_stops_at_once_without_a_sim(cli, tmp_path):
    code, out, err = cli("apply", _config(tmp_path, "8"), "--port", _port(tmp_path, sim="absent"))
    assert code == 1 and "no SIM inserted" in err and "Traceback" not in err


def test_nrb_prints_the_boot_text_before_its_ok(cli):
    # Exploratory Engineering's SARA-N210 tutorial: AT+NRB -> REBOOT_CAUSE_APPLICATION_AT / u-blox / OK
    from atctl.at.classify import is_boot_line

    assert is_boot_line("REBOOT_CAUSE_APPLICATION_AT") and is_boot_line("RDY") and not is_boot_line("u-blox")
    code, out, err = cli("send", "AT+NRB", "--port", f"sim://{N211}")
    assert code == 0 and "REBOOT_CAUSE_APPLICATION_AT" in out and "error" not in err


@pytest.mark.slow
def test_an_nrb_that_never_answers_fails_and_puts_the_radio_back(cli_json, cli, tmp_path):
    # found in review: the step read "no answer (the module reset before answering)", the radio stayed
    # off (AT+CFUN=0 before it) and apply then waited out its registration timeout
    port = _port(tmp_path, stall="AT%2BNRB")
    code, doc = cli_json("apply", _config(tmp_path, "8"), "--port", port)
    assert code == 1, doc
    nrb = next(r for r in doc["steps"] if r["command"] == "AT+NRB")
    assert nrb["ok"] is False and "did not reboot" in nrb["response"]
    code, out, _ = cli("send", "AT+CFUN?", "--port", _port(tmp_path))
    assert "+CFUN: 1" in out   # restored: the radio is on again


def test_bands_mask_tells_what_autoconnect_false_needs(cli_json):
    code, doc = cli_json("bands", "mask", "--module", N211, "--country", "DE", "--rat", "nb-iot")
    assert code == 0 and doc["commands"][-1] == "AT+NRB"
    assert any("AT+CFUN=1 and AT+CGATT=1" in note for note in doc["notes"]), doc["notes"]


class _Answers:
    """A session stub: each command's (ok, lines, error code, final)."""

    def __init__(self, **replies):
        self.replies = replies

    def command(self, command, *args, **kwargs):
        from types import SimpleNamespace

        ok, lines, code, final = self.replies[command.replace("AT+", "").replace("?", "")]
        return SimpleNamespace(ok=ok, lines=lines, error_code=code, final=final, error_text=None)


@pytest.mark.parametrize("cimi,state", [
    ((True, ["262011234567890"], None, "OK"), "ready"),            # 27.007: bare digits
    ((True, ["+CIMI: 262011234567890"], None, "OK"), "ready"),     # prefixed, as some firmware writes it
    ((False, [], 10, "+CME ERROR: 10"), "absent"),
    ((False, [], 11, "+CME ERROR: 11"), "pin-required"),
    ((False, [], None, "ERROR"), "unknown"),                       # nothing to tell: stays unknown
])
def test_sim_state_without_an_at_cpin_read(cimi, state):
    from atctl.sim_card import read_sim_state

    session = _Answers(CPIN=(False, [], None, "ERROR"), CIMI=cimi)
    sim = read_sim_state(session)
    assert sim.state == state and "262011234567890" not in (sim.raw + sim.detail)


def test_an_unreadable_nuestats_field_is_reported_not_dropped():
    # the codecs' rule (DESIGN.md): an optional field that cannot be read is listed, the rest decodes
    fields = parse_line("NUESTATS:CELL,3547,186,1,-813,x,-715,10").fields
    assert fields["band"] == 8 and fields["rsrq_db"] is None and fields["unparsed"] == {"rsrq": "x"}


def test_bands_mask_for_a_rat_the_module_lacks_says_so(cli_json):
    # it said "its ublox-n2 dialect has no band command for them", as if the module had LTE-M
    code, doc = cli_json("bands", "mask", "--module", N211, "--country", "DE", "--rat", "lte-m")
    assert code == 0 and doc["commands"] == []
    assert doc["notes"] == ["ublox-sara-n211 does not support lte-m: there is no lte-m band to restrict"]


@pytest.mark.slow
def test_ctrl_c_while_nrb_reboots_names_the_reboot_and_restores(tmp_path):
    # Ctrl-C while AT+NRB's module is rebooting (reboot_time=5 s, longer than the 3 s apply waits for
    # a late answer): the step must say the module was rebooting, not that "the write may or may not
    # have been kept" (AT+NRB writes nothing), and the restore puts the bands back (8 and 20, the
    # module's default) through its own radio-off, AT+NBAND, AT+NRB
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    transcript, nvm = tmp_path / "t.jsonl", tmp_path / "nvm.json"
    proc = subprocess.Popen([sys.executable, "-m", "atctl", "apply", _config(tmp_path, "20"), "--json", "--port",
                             f"sim://{N211}?reboot_time=5&nvm={nvm}", "--transcript", str(transcript)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (transcript.exists() and "AT+NRB" in transcript.read_text()):
        assert time.monotonic() < deadline and proc.poll() is None, "AT+NRB was never sent"
        time.sleep(0.02)  # polling a file the other process writes
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err, err
    doc = json.loads(out)
    nrb = next(r for r in doc["steps"] if r["command"] == "AT+NRB")
    assert nrb["ok"] is False and "rebooting" in nrb["response"] and "write" not in nrb["response"], nrb
    assert doc["restore"]["restored"] is True, doc["restore"]
    assert os.path.exists(nvm) and json.loads(nvm.read_text())["bands"]["nb-iot"] == [8, 20]


def test_nrb_that_prints_only_rebooting_is_a_reboot_not_a_module_that_stayed_up():
    # u-blox SARA-N2/N3 AT commands manual UBX-16014887 R21, 4.13 +NRB: "There is a short delay after the
    # command issuing before the module reboot that will be notified by an IRC. No further AT commands will
    # be processed." / "IRC REBOOTING". A module answering so (no OK once back) has rebooted: apply must
    # wait for it, not fail the step as "did not reboot"
    from scripted import ScriptedPort

    from atctl.at.session import AtSession
    from atctl.config.apply import _still_up
    from atctl.errors import ModemTimeout

    port = ScriptedPort({"AT+NRB": b"\r\nREBOOTING\r\n", "AT": b"\r\nOK\r\n", "ATE0": b"\r\nOK\r\n"})
    session = AtSession(port)
    with pytest.raises(ModemTimeout):
        session.command("AT+NRB", 0.3, expect_reboot=True)
    assert "REBOOTING" in session.urcs and session.rebooted
    assert _still_up(session) is False


def test_simulated_nrb_prints_rebooting_then_the_boot_text_and_ok(cli):
    # both sources: the manual's REBOOTING at once, Exploratory Engineering's boot text and OK once back
    code, out, _ = cli("send", "AT+NRB", "--port", f"sim://{N211}")
    assert code == 0 and out.index("REBOOTING") < out.index("REBOOT_CAUSE_APPLICATION_AT")
