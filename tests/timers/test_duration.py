import pytest

from atctl.errors import InputError
from atctl.timers.duration import format_duration, parse_duration


@pytest.mark.parametrize("text,seconds", [
    ("10s", 10), ("1.5m", 90), ("24h", 86400), ("2d", 172800), ("1h30m", 5400),
    ("143.36s", 143.36), ("500ms", 0.5), ("60", 60), ("3 h", 10800), (45, 45),
])
def test_parse(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "abc", "10x", "h", "1h30", "-5", "10s10"])
def test_parse_rejects(bad):
    with pytest.raises(InputError, match="not a duration|negative"):
        parse_duration(bad)


@pytest.mark.parametrize("seconds,text", [(504000, "5 d 20 h"), (30, "30 s"), (81.92, "81.92 s"),
                                          (5400, "1 h 30 min"), (None, "off")])
def test_format(seconds, text):
    assert format_duration(seconds) == text
