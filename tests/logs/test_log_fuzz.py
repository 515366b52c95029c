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


SESSION = [("tx", "AT\r"), ("rx", "AT\r\r\nOK\r\n"), ("tx", "AT+CEREG?\r"),
           ("rx", '\r\n+CEREG: 2\r\n\r\n+CEREG: 5,1,"1A2B","01A2B3C",7,,,"00100001","00000011"\r\n\r\nOK\r\n'),
           ("rx", "\r\n+QIURC: \"pdpdeact\",1\r\n"), ("tx", "AT+CPIN?\r"), ("rx", "\r\n+CME ERROR: 10\r\n")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=20, max_size=20))
def test_transcript_chunks_split_anywhere_give_the_same_exchanges(cuts):
    import json

    def records(session, sizes):
        out, k = [], 0
        for direction, data in session:
            while data:
                size = sizes[k % len(sizes)]
                k += 1
                out.append(json.dumps({"t": 0, "dir": direction, "data": data[:size]}))
                data = data[size:]
        return out

    whole = read_log(json.dumps({"t": 0, "dir": d, "data": x}) for d, x in SESSION)
    split = read_log(records(SESSION, cuts))
    assert [(e.command, e.lines, e.result) for e in split.exchanges] == \
        [(e.command, e.lines, e.result) for e in whole.exchanges]
    assert [u["line"] for u in split.urcs] == [u["line"] for u in whole.urcs] == ["+CEREG: 2", '+QIURC: "pdpdeact",1']
