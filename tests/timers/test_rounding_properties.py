"""Rounding policies, checked exhaustively against the set of representable values."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atctl.errors import InputError
from atctl.timers.edrx import cycle_values, decode_edrx, decode_ptw, encode_edrx, encode_ptw, ptw_values
from atctl.timers.psm import (
    T3324_MAX_S,
    T3412_EXT_MAX_S,
    decode_t3324,
    decode_t3412_ext,
    encode_t3324,
    encode_t3412_ext,
    representable,
)

TAU_VALUES = sorted(s for _, s in representable("tau"))
ACTIVE_VALUES = sorted(s for _, s in representable("active"))


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=T3412_EXT_MAX_S))
def test_tau_policies(request_s):
    up = encode_t3412_ext(request_s, "up")
    assert up.seconds == min(v for v in TAU_VALUES if v >= request_s)
    assert decode_t3412_ext(up.bits).seconds == up.seconds
    lower = [v for v in TAU_VALUES if 0 < v <= request_s]
    if lower:
        assert encode_t3412_ext(request_s, "down").seconds == max(lower)
    nearest = encode_t3412_ext(request_s, "nearest")
    assert abs(nearest.seconds - request_s) == min(abs(v - request_s) for v in TAU_VALUES)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=T3324_MAX_S))
def test_active_policies(request_s):
    assert encode_t3324(request_s, "up").seconds == min(v for v in ACTIVE_VALUES if v >= request_s)
    assert encode_t3324(request_s, "down").seconds == max(v for v in ACTIVE_VALUES if v <= request_s)
    nearest = encode_t3324(request_s, "nearest")
    assert abs(nearest.seconds - request_s) == min(abs(v - request_s) for v in ACTIVE_VALUES)
    assert decode_t3324(encode_t3324(request_s).bits).seconds == encode_t3324(request_s).seconds


def test_every_representable_value_round_trips_exactly():
    for bits, seconds in representable("tau"):
        if seconds:
            enc = encode_t3412_ext(seconds, "exact")
            assert enc.delta_s == 0 and decode_t3412_ext(enc.bits).seconds == seconds
    for bits, seconds in representable("active"):
        assert decode_t3324(encode_t3324(seconds, "exact").bits).seconds == seconds


def test_exact_refuses_unrepresentable():
    with pytest.raises(InputError, match="exactly"):
        encode_t3412_ext(61, "exact")


def test_every_octet_decodes():
    for octet in range(256):
        bits = f"{octet:08b}"
        for decode in (decode_t3412_ext, decode_t3324):
            value = decode(bits)
            assert value.deactivated == bits.startswith("111")


@pytest.mark.parametrize("rat", ["lte-m", "nb-iot"])
def test_edrx_encode_never_yields_reinterpreted_bits(rat):
    honoured = dict(cycle_values(rat))
    top = int(max(honoured.values()) * 100)
    for centi in list(range(1, top + 1, 997)) + [top]:
        seconds = centi / 100
        for rounding in ("up", "nearest"):
            enc = encode_edrx(rat, seconds, rounding)
            assert enc.bits in honoured
            assert decode_edrx(rat, enc.bits).effective_bits == enc.bits


@pytest.mark.parametrize("rat", ["lte-m", "nb-iot"])
def test_ptw_round_trip(rat):
    for bits, seconds in ptw_values(rat):
        assert encode_ptw(rat, seconds, "exact").bits == bits
        assert decode_ptw(rat, bits).seconds == seconds
