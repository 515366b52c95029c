"""seconds_of: the one bits -> seconds helper the codecs and dialects share
(TS 24.008 10.5.7.4a GPRS Timer 3; 10.5.7.3 GPRS Timer and 10.5.7.4 GPRS Timer 2 units)."""

import pytest

from atctl.timers import psm


@pytest.mark.parametrize("bits,timer,seconds", [
    ("00100001", "tau", 3600),         # 001 = 1 h units, x1
    ("00000110", "tau", 3600),         # 000 = 10 min units, x6: the same hour, other bits
    ("11100000", "tau", None),         # 111 = deactivated
    ("00100001", "active", 60),        # 001 = 1 min units
    ("00000101", "active", 10),        # 000 = 2 s units
    ("11100000", "active", None),
    ("01000011", "legacy-tau", 1080),  # 010 = decihours (6 min), x3
    (None, "tau", None),
])
def test_seconds_of(bits, timer, seconds):
    assert psm.seconds_of(bits, timer) == seconds
