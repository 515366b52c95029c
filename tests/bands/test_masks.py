"""Mask codecs against real reads, and round trips (hypothesis) past 64 bits.

Real reads (DOMAIN.md section 4): BG95-M3 default `+QCFG: "band",0xf,0x100002000000000f0e189f,
0x10004200000000090e189f` decodes to the BG95-M3 datasheet band lists; EG25-G
`+QCFG: "band",0xbff,0x1e00b0e18df,0x0`; SARA-R410M `+UBANDMASK: 0,168761503,1,168761503`;
u-blox AT manual example: B20 only = `AT+UBANDMASK=0,524288`."""

from hypothesis import given, settings
from hypothesis import strategies as st

from atctl.bands.masks import (
    bands_to_mask,
    decode_qcfg_band,
    decode_ubandmask,
    mask_to_bands,
)
from atctl.codecs.quectel.qcfg import build_qcfg_band as qcfg_band_command  # the builder the dialects use
from atctl.codecs.ublox.ubandmask import build_ubandmask as ubandmask_commands
from atctl.bands.relations import EUTRA_BANDS

BG95_LTEM = [1, 2, 3, 4, 5, 8, 12, 13, 18, 19, 20, 25, 26, 27, 28, 66, 85]
BG95_NB = [1, 2, 3, 4, 5, 8, 12, 13, 18, 19, 20, 25, 28, 66, 71, 85]


def test_bg95_default_read():
    d = decode_qcfg_band(["0xf", "0x100002000000000f0e189f", "0x10004200000000090e189f"])
    assert d == {"gsm": [850, 900, 1800, 1900], "lte_m": BG95_LTEM, "nb_iot": BG95_NB}


def test_bg95_read_with_fourth_field_and_no_0x():
    d = decode_qcfg_band(["f", "100002000000000f0e189f", "10004200000000090e189f", "0"])
    assert d["lte_m"] == BG95_LTEM


def test_eg25_read():
    d = decode_qcfg_band(["0xbff", "0x1e00b0e18df", "0x0"], layout="lte")
    assert d["lte"] == [1, 2, 3, 4, 5, 7, 8, 12, 13, 18, 19, 20, 25, 26, 28, 38, 39, 40, 41]
    assert d["gsm"] == [850, 900, 1800, 1900]


def test_sara_r410m_read_and_b20_example():
    d = decode_ubandmask([0, 168761503, 1, 168761503])
    assert d["lte_m"] == [1, 2, 3, 4, 5, 8, 12, 13, 17, 18, 19, 20, 26, 28]
    assert ubandmask_commands(0, [20]) == ["AT+UBANDMASK=0,524288"]


def test_ubandmask_above_64_uses_second_mask():
    assert ubandmask_commands(1, [20, 71, 85]) == [f"AT+UBANDMASK=1,{1 << 19},{(1 << 6) | (1 << 20)}"]
    assert decode_ubandmask([1, 1 << 19, (1 << 6) | (1 << 20)], {1: "nb_iot"}) == {"nb_iot": [20, 71, 85]}


band_sets = st.lists(st.sampled_from(sorted(EUTRA_BANDS)), unique=True, max_size=20)


@settings(max_examples=300, deadline=None)
@given(band_sets)
def test_mask_round_trip(bands):
    assert mask_to_bands(bands_to_mask(bands)) == sorted(bands)


@settings(max_examples=200, deadline=None)
@given(band_sets, band_sets, st.lists(st.sampled_from([850, 900, 1800, 1900]), unique=True))
def test_qcfg_lpwa_round_trip(ltem, nb, gsm):
    command = qcfg_band_command("lpwa", {"gsm": gsm, "lte-m": ltem, "nb-iot": nb}, effect=None)
    values = command.split(",", 1)[1].split(",")
    assert decode_qcfg_band(values) == {"gsm": sorted(gsm), "lte_m": sorted(ltem), "nb_iot": sorted(nb)}


@settings(max_examples=200, deadline=None)
@given(band_sets, st.sampled_from([0, 1]))
def test_ubandmask_round_trip(bands, rat):
    if not bands:
        return
    values = [int(v) for v in ubandmask_commands(rat, bands)[0].split("=")[1].split(",")]
    if len(values) == 2:
        values.append(0)
    assert decode_ubandmask(values, {rat: "x"}) == {"x": sorted(bands)}


# ---- issue #20: every mask input terminates and stays bounded -------------------------------

import signal
from contextlib import contextmanager

import pytest

from atctl.bands.masks import MAX_MASK_BITS, parse_hex, split_ubandmask
from atctl.errors import InputError


@contextmanager
def _time_guard(seconds: float = 2.0):
    """Fail instead of hanging: an infinite loop in pure Python is interrupted by SIGALRM."""
    def _expired(signum, frame):
        raise TimeoutError("codec did not return")
    old = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("mask", [-5, -1, -(1 << 70)])
def test_negative_mask_is_refused_not_looped(mask):
    with _time_guard(), pytest.raises(InputError, match="negative"):
        mask_to_bands(mask)


@pytest.mark.parametrize("values", [["0xf", "-0x5", "0x0"], ["f", "-5", "0"], ["0xf", "0x" + "f" * 10000, "0x0"],
                                    ["0xf", "0x1_0", "0"], ["0xf", " ", "0"]])
def test_qcfg_band_bad_masks_are_input_errors(values):
    with _time_guard(), pytest.raises(InputError):
        decode_qcfg_band(values)


def test_wide_mask_is_refused_before_decoding():
    with _time_guard(), pytest.raises(InputError, match=str(MAX_MASK_BITS)):
        mask_to_bands(1 << 100000)
    with _time_guard(), pytest.raises(InputError):
        parse_hex("0x" + "f" * 100000)


def test_ubandmask_negative_and_wide_values_refused():
    with _time_guard(), pytest.raises(InputError):
        decode_ubandmask([0, -5])
    with _time_guard(), pytest.raises(InputError):
        split_ubandmask([0, 1, -1])
    with _time_guard(), pytest.raises(InputError):
        decode_ubandmask([0, 1 << 64])  # each u-blox mask is 64 bits


@pytest.mark.parametrize("band", [0, -3, MAX_MASK_BITS + 1, 10 ** 12])
def test_band_numbers_out_of_range_refused_before_shifting(band):
    with _time_guard(), pytest.raises(InputError):
        bands_to_mask([band])


def test_highest_band_still_round_trips():
    assert mask_to_bands(bands_to_mask([MAX_MASK_BITS])) == [MAX_MASK_BITS]


@pytest.mark.parametrize("command", ["AT+UBANDMASK=0," + str(1 << 300), "AT+UBANDMASK=0,1," + str(1 << 64),
                                     "AT+UBANDMASK=0," + "9" * 5000])
def test_simulator_answers_an_over_wide_ubandmask_like_a_module(command):
    # the sim decodes masks with this codec: a mask the codec refuses is CME 50, not a crash
    from atctl.profiles import load_profile
    from atctl.sim.modem import SimModem
    from atctl.sim.scenarios import get_scenario

    modem = SimModem(load_profile("ublox-sara-r410m-02b"), get_scenario(None))
    with _time_guard():
        assert modem.handle(command, 100.0).final == "+CME ERROR: 50"
