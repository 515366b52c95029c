"""Hypothesis over the log reader: random interleavings of timestamps, app prints, echo,
partial lines and junk never crash it, and the AT traffic is still paired."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from atctl.logs import read_log

EXCHANGES = [  # (command, reply lines, final) from the real fixtures
    ("AT+CEREG?", ["+CEREG: 0,2"], "OK"),
    ("AT+CPSMS?", ['+CPSMS: 1,,,"00011000","00011110"'], "OK"),
    ("AT+CPIN?", [], "+CME ERROR: 10"),
    ("AT+COPS?", ['+COPS: 0,0,"242 01 Telenor",9'], "OK"),
    ("ATI", ["SIM808 R14.18"], "OK"),
]
STAMPS = st.sampled_from(["", "17:13:30.563 -> ", "[2024-01-22_11:53:06:302]    ", "[00049709ms][INFO][CELL]: ",
                          "-> ", "<- ", "2024-05-01 10:00:00.123 "])
PRINTS = st.sampled_from(["Waiting for network...", "[OK]", "BG96:Modem SIM is ready", "........", "### Modem: x"])
ENDS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def logs(draw):
    lines, expected = [], []
    for _ in range(draw(st.integers(1, 8))):
        command, replies, final = draw(st.sampled_from(EXCHANGES))
        stamp = draw(STAMPS)
        lines.append(stamp + command)
        if draw(st.booleans()):
            lines.append(stamp + command)  # echo
        for reply in replies:
            lines.append(draw(STAMPS) + reply)
        if draw(st.booleans()):
            lines.append(draw(PRINTS))
        lines.append(draw(STAMPS) + final)
        expected.append((command, final))
    end = draw(ENDS)
    return end.join(lines), expected


@settings(max_examples=200, deadline=None)
@given(logs())
def test_interleavings_are_paired(case):
    text, expected = case
    result = read_log(text.splitlines())
    got = [(e.command, e.result) for e in result.exchanges if e.command]
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), STAMPS, STAMPS.map(lambda s: s + "AT+CSQ"), st.just("OK"),
                          st.sampled_from(["--> 'AT<CR>", "AT RX (3): <cr>", "DEBUG: response: ['", "<CR><LF>"]),
                          st.binary(max_size=40).map(lambda b: b.decode("latin-1"))), max_size=30),
       st.integers(0, 60))
def test_any_text_and_cut_lines_never_crash(lines, cut):
    import json

    text = "\n".join(lines)
    result = read_log(text[: len(text) - cut].splitlines())
    json.dumps(result.to_dict())  # always serialisable
