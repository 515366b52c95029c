"""Framing under arbitrary fragmentation, V0/V1, prompts, raw data and garbage."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from atctl.at.classify import RAW_DATA_PREFIXES
from atctl.at.framing import LINE, PROMPT, RAW, Framer


def raw_len(line):
    """The raw byte count a +QIRD: line announces; None when it announces none (as the session's own reader).
    (Hypothesis found `+QIRD:` alone, which made this helper, not the framer, raise.)"""
    if not line.startswith("+QIRD:"):
        return None
    try:
        return int(line.split(":")[1].split(",")[-1])
    except ValueError:
        return None


def frame(data: bytes, cuts: list[int]) -> list:
    framer = Framer(raw_length=raw_len, raw_prefixes=RAW_DATA_PREFIXES)
    events, last = [], 0
    for cut in sorted(set(c for c in cuts if 0 < c < len(data))) + [len(data)]:
        events += framer.feed(data[last:cut])
        last = cut
    return events


# Quectel BG96 TCP read (BG96 TCP/IP AT manual, AT+QIRD example): "+QIRD: <len>" then raw bytes
STREAM = (b"\r\n+CEREG: 1,\"71F6\",\"14BCB0C\",9\r\n"     # URC, DOMAIN.md capture
          b"AT+QIRD=0,10\r\r\n+QIRD: 7\r\nab\r\nc\x00d\r\nOK\r\n"   # echo, raw block with CRLF and NUL inside
          b"\x00\x00\xff\xfeRDY\r\n"                    # boot junk before a line
          b"0\r"                                        # V0 OK
          b"\r\n> ")                                    # prompt without line end

EXPECTED = [
    (LINE, '+CEREG: 1,"71F6","14BCB0C",9'), (LINE, "AT+QIRD=0,10"), (LINE, "+QIRD: 7"),
    (RAW, b"ab\r\nc\x00d"), (LINE, "OK"), (LINE, "RDY"), (LINE, "0"), (PROMPT, "> "),
]


def test_whole_stream():
    assert frame(STREAM, []) == EXPECTED


def test_one_byte_fragments():
    assert frame(STREAM, list(range(len(STREAM)))) == EXPECTED


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=len(STREAM) - 1), max_size=40))
def test_any_fragmentation(cuts):
    assert frame(STREAM, cuts) == EXPECTED


def test_single_and_double_crlf_multiline():
    data = b"\r\n+CGDCONT: 1,\"IP\",\"iot\"\r\n+CGDCONT: 2,\"IP\",\"b\"\r\n\r\nOK\r\n"
    assert [v for _, v in frame(data, [])] == ['+CGDCONT: 1,"IP","iot"', '+CGDCONT: 2,"IP","b"', "OK"]


def test_garbage_only_line_vanishes():
    assert frame(b"\x01\x02\xff\r\nOK\r\n", []) == [(LINE, "OK")]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.lists(st.integers(min_value=1, max_value=299), max_size=20))
def test_random_bytes_never_crash(data, cuts):
    for kind, value in frame(data, cuts):
        assert kind in (LINE, PROMPT, RAW)
        if kind == LINE:
            assert value and "\r" not in value and "\n" not in value


# ---- bounds (#13, #20): a port streaming noise must not grow memory ------------------------------

def test_overlong_line_is_dropped_counted_and_not_stored():
    from atctl.at.framing import MAX_LINE

    framer = Framer()
    events = []
    for _ in range(200):  # 200 KiB of printable text and no line end: a wrong baud rate or a stuck UART
        events += framer.feed(b"A" * 1024)
        assert len(framer.pending) <= MAX_LINE
    events += framer.feed(b"tail\r\nOK\r\n")
    assert events == [(LINE, "OK")]  # the rest of the overlong line is dropped too, up to its line end
    assert framer.overlong_lines == 1 and framer.dropped_bytes >= 200 * 1024


def test_noise_bytes_are_counted_not_kept():
    framer = Framer()
    events = framer.feed(b"\x00\xff\xfe\x07" * 5000 + b"\r\nOK\r\n")
    assert events == [(LINE, "OK")] and framer.noise_bytes == 20000 and framer.pending == b""


def test_noise_without_line_end_is_not_buffered():
    framer = Framer()
    for _ in range(100):
        framer.feed(b"\x00" * 4096)
    assert framer.pending == b"" and framer.noise_bytes == 409600


def test_announced_raw_length_is_capped():
    from atctl.at.framing import MAX_RAW

    framer = Framer(raw_length=raw_len, raw_prefixes=RAW_DATA_PREFIXES)
    events = framer.feed(b"\r\n+QIRD: 99999999999\r\nOK\r\n")
    # a length no module sends is not trusted: the following bytes stay lines
    assert events == [(LINE, "+QIRD: 99999999999"), (LINE, "OK")] and 99999999999 > MAX_RAW


# ---- invalid UTF-8 (#13): never silenced, counted -------------------------------------------------

def test_invalid_utf8_is_replaced_and_counted():
    # an operator name in Latin-1 (0xE9 = e-acute), as some firmware prints +COPS long names
    framer = Framer()
    events = framer.feed(b'\r\n+COPS: 0,0,"Caf\xe9 Telecom",7\r\n\r\nOK\r\n')
    assert events == [(LINE, '+COPS: 0,0,"Caf\ufffd Telecom",7'), (LINE, "OK")]
    assert framer.undecodable_bytes == 1


def test_valid_utf8_survives_fragmentation():
    data = '\r\n+COPS: 0,0,"Telefónica",7\r\n'.encode()
    assert frame(data, list(range(len(data)))) == [(LINE, '+COPS: 0,0,"Telefónica",7')]


@settings(max_examples=100, deadline=2000)
@given(st.lists(st.one_of(st.binary(min_size=1, max_size=3000), st.just(b"A" * 9000), st.just(b"\r\n"),
                          st.just(b"\x00" * 5000)), max_size=12))
@example(chunks=[b"+QIRD:", b"\r\n"])  # a raw-data prefix announcing no count
def test_buffer_never_exceeds_the_line_cap(chunks):
    from atctl.at.framing import MAX_LINE

    framer = Framer(raw_length=raw_len, raw_prefixes=RAW_DATA_PREFIXES)
    for chunk in chunks:
        for kind, value in framer.feed(chunk):
            assert kind != LINE or len(value) <= MAX_LINE
        assert len(framer.pending) <= MAX_LINE + 1  # +1: a held CR before a raw block
