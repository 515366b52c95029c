"""PSM timer codecs against published vectors.

Sources:
- Nordic sdk-nrf lte_lc unit tests (round-up policy), quoted in DOMAIN.md section 1.
- 3GPP TS 24.008 table 10.5.163a (GPRS Timer 3) and 10.5.146/10.5.7.4 (GPRS Timer 2).
- Seed example `AT+CPSMS=1,,,"01001110","00000101"` = TAU 140 h, active 10 s (DOMAIN.md).
- u-blox SARA-R4 app note: 600 s read back as 10010100 (30 s x 20) instead of 00000001 (10 min x 1).
"""

import pytest

from atctl.errors import InputError
from atctl.timers.psm import (
    decode_t3324,
    decode_t3412,
    decode_t3412_ext,
    encode_psm,
    encode_t3324,
    encode_t3412_ext,
)


@pytest.mark.parametrize("seconds,bits", [
    (60, "01111110"),         # Nordic lte_lc test: TAU 60 s
    (123456, "01000100"),     # Nordic: rounds up to 144 000 s (4 x 10 h)
    (35712000, "11011111"),   # Nordic: maximum, 31 x 320 h
    (504000, "01001110"),     # seed example: 140 h = 14 x 10 h
])
def test_tau_round_up_vectors(seconds, bits):
    assert encode_t3412_ext(seconds).bits == bits


@pytest.mark.parametrize("seconds,bits", [
    (600, "00101010"),      # Nordic: active 600 s = 10 x 1 min
    (89, "00100010"),       # Nordic: rounds up to 120 s
    (11160, "01011111"),    # Nordic: maximum, 31 x 6 min
    (10, "00000101"),       # seed example: 5 x 2 s
    (0, "00000000"),        # Nordic: 0 -> 00000000 (u-blox: T3324 = 0 is legal)
    (1, "00000001"),        # Nordic: 1 s -> 2 s (ubxlib floors it to 0 s: a known bug)
])
def test_active_round_up_vectors(seconds, bits):
    assert encode_t3324(seconds).bits == bits


def test_over_maximum_is_an_error_naming_the_maximum():
    with pytest.raises(InputError, match="413 d 8 h"):   # Nordic: 35 712 001 -> error
        encode_t3412_ext(35712001)
    with pytest.raises(InputError, match="3 h 6 min"):   # Nordic: 11 161 -> error
        encode_t3324(11161)


def test_tau_zero_refused_with_explanation():
    with pytest.raises(InputError, match="never sleep"):
        encode_t3412_ext(0)


def test_ublox_ubxlib_floor_bug_region_is_encoded_correctly():
    # ubxlib: 1 116 001..1 151 999 s encoded as 11000000 = 0 s. Round up must give 320 h x 1.
    enc = encode_t3412_ext(1116001)
    assert enc.bits == "11000001" and enc.seconds == 1152000
    assert any("320 h" in w for w in enc.warnings)


def test_equivalent_encodings_decode_to_same_seconds():
    # SARA-R4 reads 00000001 back as 10010100: both are 600 s.
    assert decode_t3412_ext("00000001").seconds == decode_t3412_ext("10010100").seconds == 600


@pytest.mark.parametrize("bits,seconds", [
    ("00001010", 20),      # +CEREG real capture (DOMAIN.md): active 20 s
    ("01000011", 1080),    # +UCPSMS capture (DOMAIN.md): 3 x decihour
    ("01011111", 11160),
])
def test_t3324_decode(bits, seconds):
    assert decode_t3324(bits).seconds == seconds


def test_timer3_capture_from_cereg():
    # +CEREG: 1,"71F6","14BCB0C",9,,,"00001010","00001010": TAU 10 x 10 min = 6000 s
    assert decode_t3412_ext("00001010").seconds == 6000


def test_deactivated_ignores_value_bits():
    for value in range(32):
        bits = f"111{value:05b}"
        assert decode_t3412_ext(bits).deactivated and decode_t3412_ext(bits).seconds is None
        assert decode_t3324(bits).deactivated and decode_t3412(bits).seconds is None


def test_undefined_timer2_units_read_as_one_minute():
    # TS 24.008 10.5.7.4: other unit values are interpreted as multiples of 1 minute
    for unit in ("011", "100", "101", "110"):
        value = decode_t3324(f"{unit}00011")
        assert value.seconds == 180 and "1 minute" in value.note


def test_psm_warnings():
    assert any("never sleeps" in w for w in encode_psm(60, 120).warnings)
    assert any("tenth" in w for w in encode_psm(3600, 600).warnings)
    assert encode_psm(86400, 30).warnings == ()
    assert (encode_psm(140 * 3600, 10).tau.bits, encode_psm(140 * 3600, 10).active.bits) == ("01001110", "00000101")


@pytest.mark.parametrize("bad", ["0101", "0010201a", "", "001000011"])
def test_bad_bits_rejected(bad):
    with pytest.raises(InputError):
        decode_t3412_ext(bad)


# nrfconnect/sdk-nrf tests/lib/lte_lc/src/main.c @ 879dd348, test_parse_psm and test_encode_psm
@pytest.mark.parametrize("active_bits,tau_bits,active_s,tau_s", [
    ("01000001", "01000010", 360, 72000),   # valid_values_0
    ("00100100", "00001000", 240, 4800),    # valid_values_1
    ("00010000", "10111011", 32, 1620),     # valid_values_2
])
def test_nrf_parse_psm_vectors(active_bits, tau_bits, active_s, tau_s):
    assert decode_t3324(active_bits).seconds == active_s
    assert decode_t3412_ext(tau_bits).seconds == tau_s


def test_nrf_parse_psm_disabled_and_legacy():
    # "disabled": 11100000 everywhere -> deactivated; "tau_legacy": legacy T3412 00101010 = 600 s
    assert decode_t3324("11100000").deactivated and decode_t3412_ext("11100000").deactivated
    assert decode_t3412("00101010").seconds == 600 and decode_t3324("00001000").seconds == 16


@pytest.mark.parametrize("tau_s,active_s,tau_bits,active_bits", [
    (11400, 60, "00010011", "00011110"),
    (1, 1, "01100001", "00000001"),
    (35712000, 11160, "11011111", "01011111"),
    (123456, 89, "01000100", "00100010"),
    (62, 63, "01111111", "00100010"),
])
def test_nrf_encode_psm_vectors(tau_s, active_s, tau_bits, active_bits):
    assert encode_t3412_ext(tau_s).bits == tau_bits
    assert encode_t3324(active_s).bits == active_bits
