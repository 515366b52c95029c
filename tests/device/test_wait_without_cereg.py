"""The registration wait on a module without +CEREG (a 2G/3G module, or firmware that refuses it):
it must see the +CREG / +CGREG registration the status read sees, not wait out its whole timeout
and say it gave up. Found in review: `apply` on SARA-U201 with AT+CEREG refused waited the full
--timeout, then verify read CREG and passed."""

from __future__ import annotations

from atctl.at import open_session
from atctl.device.registration import wait_for_registration

NO_CEREG = "sim://ublox-sara-u201?cme=AT%2BCEREG&reg_delay=1"


def test_the_wait_falls_back_to_creg_and_cgreg():
    with open_session(NO_CEREG) as session:
        result = wait_for_registration(session, 30, want_timers=False)
    assert result.registered and not result.gave_up and result.waited_s < 10
    assert result.state == "home"


def test_apply_does_not_wait_out_its_timeout(cli_json, tmp_path):
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "sara-u201-legacy-de.yaml"
    code, doc = cli_json("apply", str(example), "--port", NO_CEREG, "--timeout", "60s")
    assert code == 0 and doc["wait"]["registered"] and doc["wait"]["waited_s"] < 10, doc["wait"]
