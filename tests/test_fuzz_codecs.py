"""Fuzzing every codec and response parser (issue #20): over integers of any sign and width,
hex masks up to 10 000 digits, bit strings, durations and junk text.

Each example must
- return or raise an atctl error (AtctlError), never another exception;
- finish: hypothesis' `deadline` fails a slow example, and because a deadline is only
  checked after an example returns, each example also runs under a SIGALRM guard that
  interrupts an infinite loop (the old mask decoder looped forever on a negative mask);
- stay bounded: the decoded output is at most a fixed multiple of the input's size.

Examples actually run are counted per test (not max_examples). To see the figures:
    ATCTL_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz_codecs.py -q -s -p no:randomly
prints one `fuzz-figures` line per test at the end of the module; add
`--hypothesis-show-statistics` for hypothesis' own per-phase counts.
"""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from atctl.errors import AtctlError

EXAMPLES = int(os.environ.get("ATCTL_FUZZ_EXAMPLES", "400"))
GUARD_S = 2.0  # wall-clock bound per example; a hang is interrupted and fails the test
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(milliseconds=500),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], derandomize=False)
RUN: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_figures():
    yield
    for name, count in sorted(RUN.items()):
        print(f"\nfuzz-figures {name}: {count} inputs run")


class Hang(Exception):
    pass


@contextmanager
def bounded(name: str):
    """Count the example; interrupt it after GUARD_S seconds (an infinite loop fails as Hang)."""
    RUN[name] += 1

    def expired(signum, frame):
        raise Hang(f"{name} did not return within {GUARD_S} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, GUARD_S)
    try:
        yield
    except AtctlError as exc:
        _event(f"{name}: {type(exc).__name__}")
    else:
        _event(f"{name}: decoded")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _event(text: str) -> None:
    try:
        event(text)
    except InvalidArgument:  # a plain (non-hypothesis) test: nothing to record
        pass


# ---------------------------------------------------------------- building blocks

big_ints = st.one_of(st.integers(-(1 << 20), 1 << 20), st.integers(-(1 << 600), 1 << 600),
                     st.sampled_from([-5, -1, 0, 1, (1 << 64) - 1, 1 << 64, 1 << 255, 1 << 256, 1 << 10000]))
hex_masks = st.one_of(
    big_ints.map(lambda n: ("-" if n < 0 else "") + f"0x{abs(n):x}"),
    big_ints.map(lambda n: f"{n:x}" if n >= 0 else f"-{-n:x}"),
    st.integers(0, 10_000).map(lambda width: "0x" + "f" * width),
    st.text(alphabet="0123456789abcdefxX-_ +", max_size=30),
)
junk = st.text(max_size=40)
bits = st.text(alphabet="01", max_size=10)
field_text = st.one_of(big_ints.map(str), hex_masks, bits, junk, st.just(""), st.just("-"),
                       st.sampled_from(["255", "99", "7", "9", "0", "1", "15", "\udcff", "\ud800"]))
quoted = field_text.map(lambda f: f'"{f}"')
any_field = st.one_of(field_text, quoted, field_text.map(lambda f: f"({f})"), field_text.map(lambda f: f" {f} "))
bodies = st.lists(any_field, max_size=14).map(",".join)


def _bounded_output(doc, line: str) -> None:
    text = json.dumps(doc, ensure_ascii=False)
    text.encode("utf-8")  # no lone surrogates reach the JSON
    assert len(text) <= 40 * len(line) + 20_000, "decoded output out of proportion to the line"


# ---------------------------------------------------------------- band masks

@FUZZ
@given(big_ints)
def test_mask_to_bands(mask):
    from atctl.bands.masks import MAX_MASK_BITS, mask_to_bands

    with bounded("mask_to_bands"):
        bands = mask_to_bands(mask)
        assert len(bands) <= MAX_MASK_BITS and all(1 <= b <= MAX_MASK_BITS for b in bands)


@FUZZ
@given(st.lists(big_ints, max_size=20))
def test_bands_to_mask_and_commands(bands):
    from atctl.bands.masks import bands_to_mask
    from atctl.codecs.quectel.qcfg import build_qcfg_band as qcfg_band_command
    from atctl.codecs.ublox.ubandmask import build_ubandmask as ubandmask_commands

    with bounded("bands_to_mask"):
        bands_to_mask(bands)
    with bounded("ubandmask_commands"):
        ubandmask_commands(0, bands)
    with bounded("qcfg_band_command"):
        qcfg_band_command("lpwa", {"lte-m": bands, "gsm": bands})


@FUZZ
@given(st.lists(hex_masks, max_size=5), st.sampled_from(["lpwa", "lte", "x"]))
def test_decode_qcfg_band(values, layout):
    from atctl.bands.masks import decode_qcfg_band, parse_hex

    with bounded("decode_qcfg_band"):
        decode_qcfg_band(values, layout)
    for value in values:
        with bounded("parse_hex"):
            parse_hex(value)


@FUZZ
@given(st.lists(big_ints, max_size=8))
def test_decode_ubandmask(values):
    from atctl.bands.masks import decode_ubandmask

    with bounded("decode_ubandmask"):
        decode_ubandmask(values)


@FUZZ
@given(st.lists(big_ints, max_size=10), st.lists(big_ints, max_size=10))
def test_ubandsel(mhz, umts):
    from atctl.bands.ubandsel import bands_from_ubandsel, ubandsel_values
    from atctl.codecs.ublox.ubandsel import build_ubandsel as ubandsel_command

    with bounded("ubandsel"):
        ubandsel_values(mhz, umts)
        bands_from_ubandsel(mhz, [850, 900, 1800, 1900], umts)
        ubandsel_command(mhz)


@FUZZ
@given(st.lists(big_ints, max_size=6), st.lists(st.sampled_from(["gsm", "umts", "lte", "lte-m", "nb-iot", "x"]),
                                               max_size=6))
def test_urat(values, rats):
    from atctl.bands import urat

    with bounded("urat"):
        for value in values:
            urat.describe(value)
        urat.set_order(values)
        urat.priority_order(values)
        urat.priority_values(rats)
        urat.set_values(rats)


# ---------------------------------------------------------------- timers

durations = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(1 << 80), 1 << 80),
                      st.sampled_from([0, 0.001, 2, 11160, 11161, 35712000, 35712001, 10485.76, 1e300]))
duration_text = st.one_of(durations.map(str), st.text(alphabet="0123456789.smhdw ", max_size=30), junk,
                          st.integers(1, 500).map(lambda n: "9" * n))


@FUZZ
@given(durations, st.sampled_from(["up", "down", "nearest", "exact", "sideways"]))
def test_psm_and_edrx_encoders(seconds, rounding):
    from atctl.timers import edrx, psm

    for name, encode in (("encode_t3412_ext", psm.encode_t3412_ext), ("encode_t3324", psm.encode_t3324),
                         ("encode_t3412", psm.encode_t3412)):
        with bounded(name):
            encode(seconds, rounding)
    with bounded("encode_psm"):
        psm.encode_psm(seconds, seconds / 10 if isinstance(seconds, (int, float)) else seconds, rounding)
    for rat in ("lte-m", "nb-iot"):
        with bounded("encode_edrx"):
            edrx.encode_edrx(rat, seconds, rounding)
        with bounded("encode_ptw"):
            edrx.encode_ptw(rat, seconds, rounding)


@FUZZ
@given(st.one_of(bits, junk, hex_masks))
def test_timer_decoders(text):
    from atctl.codecs import edrx_request
    from atctl.timers import edrx, psm

    for name, decode in (("decode_t3412_ext", psm.decode_t3412_ext), ("decode_t3324", psm.decode_t3324),
                         ("decode_t3412", psm.decode_t3412)):
        with bounded(name):
            decode(text)
    for rat in ("lte-m", "nb-iot", "gsm"):
        with bounded("decode_edrx"):
            edrx.decode_edrx(rat, text)
        with bounded("decode_ptw"):
            edrx.decode_ptw(rat, text)
        with bounded("edrx_commands"):
            edrx_request.edrx_commands(rat, text, text, "quectel")


@FUZZ
@given(duration_text)
def test_durations(text):
    from atctl.timers.duration import format_duration, parse_duration

    with bounded("parse_duration"):
        format_duration(parse_duration(text))


@FUZZ
@given(durations)
def test_format_duration(seconds):
    from atctl.timers.duration import format_duration

    with bounded("format_duration"):
        assert isinstance(format_duration(seconds), str)


# ---------------------------------------------------------------- response parsers

def _prefixes():
    from atctl.codecs import supported_prefixes

    return supported_prefixes()


first_fields = st.sampled_from(['"band"', '"iotopmode"', '"nwscanseq"', '"nwscanmode"', '"psm/urc"', "band",
                                '"servingcell"', '"LTE"', '"NR5G-NSA"', "0", "1", "2", "3", "5", "002", "0011"])


@FUZZ
@given(st.sampled_from(_prefixes()), st.one_of(bodies, st.tuples(first_fields, bodies).map(",".join)),
       st.sampled_from(["", " "]), st.sampled_from([None, True, False]),
       st.sampled_from([None, "quectel", "ublox"]))
def test_parse_line_every_prefix(prefix, body, space, is_urc, vendor):
    from atctl.codecs import parse_line

    line = f"+{prefix}:{space}{body}"
    with bounded(f"parse_line {prefix}"):
        _bounded_output(parse_line(line, vendor=vendor, is_urc=is_urc).to_dict(), line)


@FUZZ
@given(st.one_of(
    st.lists(st.one_of(big_ints.map(str), hex_masks, junk), min_size=1, max_size=8).map(
        lambda v: "+UBANDMASK: " + ",".join(v)),
    st.lists(st.one_of(hex_masks, junk), min_size=1, max_size=5).map(lambda v: '+QCFG: "band",' + ",".join(v)),
    st.lists(st.one_of(big_ints.map(str), junk), min_size=1, max_size=8).map(
        lambda v: f"+{'URAT UBANDSEL QBAND'.split()[len(v) % 3]}: " + ",".join(v))))
def test_parse_band_lines(line):
    """Band replies built from numbers of any sign and width (the #20 lines are among them)."""
    from atctl.codecs import parse_line

    with bounded("parse_line band replies"):
        _bounded_output(parse_line(line).to_dict(), line)


@FUZZ
@given(st.one_of(junk, st.binary(max_size=60).map(lambda b: b.decode("utf-8", "surrogateescape"))))
def test_parse_line_junk(text):
    from atctl.codecs import parse_line

    with bounded("parse_line junk"):
        _bounded_output(parse_line(text).to_dict(), text)


@FUZZ
@given(st.sampled_from(["CEREG", "CGREG", "CREG"]), st.lists(st.one_of(
    st.sampled_from(["", "0", "1", "2", "3", "5", "002", "0011", "90", "7", "9"]),
    st.sampled_from(['"71F6"', "1F00", '"14BCB0C"', "B", '"00001010"', '"11100000"', "15"]), any_field), max_size=12),
    st.sampled_from([None, "AT+CEREG?", "AT+CSQ"]))
def test_registration_layout_search(prefix, values, pending):
    """The layout search reads each line in up to four layouts: still bounded."""
    from atctl.codecs import parse_line

    line = f"+{prefix}: " + ",".join(values)
    with bounded("registration layouts"):
        _bounded_output(parse_line(line, pending=pending).to_dict(), line)


# ---------------------------------------------------------------- long adversarial lines
# Random examples are short; quadratic scans only show on long inputs. Each of these lines is
# ~60 k characters: linear work takes milliseconds, a quadratic regex takes seconds (and trips
# the guard). `+QBAND: ((((...` took 143 s at 200 k characters before the group regex was fixed.
LONG = 60_000
ADVERSARIAL = {
    "open-parens": "(" * LONG,
    "quote-parens": '("' * (LONG // 2),
    "quotes": '"' * (LONG + 1),
    "commas": "," * LONG,
    "digits-then-junk": "1" * LONG + "x",
    "hex": "0x" + "f" * LONG,
    "band-text": '"eMTC","24701","LTE BAND ' + "2" * LONG + 'x",1',
}


@pytest.mark.parametrize("shape", sorted(ADVERSARIAL))
@pytest.mark.parametrize("prefix", _prefixes())
def test_long_adversarial_lines_stay_linear(prefix, shape):
    from atctl.codecs import parse_line

    line = f"+{prefix}: {ADVERSARIAL[shape]}"
    with bounded(f"long {shape}"):
        _bounded_output(parse_line(line).to_dict(), line)


@pytest.mark.parametrize("text", ["1" * LONG + "x", "1s" * (LONG // 2) + "x", "1." * LONG, " " * LONG + "1s"])
def test_long_durations_stay_linear(text):
    from atctl.timers.duration import parse_duration

    with bounded("long duration"):
        parse_duration(text)
