"""eDRX and PTW against TS 24.008 10.5.5.32 and published examples.

Sources: DOMAIN.md section 2 (TS 24.008 table, seed example `AT+CEDRXS=1,4,"1000"` =
LTE-M 143.36 s; `+CEDRXP: 4,"1000","0101","1011"` = requested 143.36 s, granted 81.92 s,
PTW 15.36 s); ubxlib bugs listed there (NB 20 000 s -> "0110"; LTE-M PTW 21 s wraps to 0000).
"""

import pytest

from atctl.errors import InputError
from atctl.timers.edrx import decode_edrx, decode_ptw, encode_edrx, encode_ptw


def test_seed_example():
    assert encode_edrx("lte-m", 143.36).bits == "1000"  # the command: tests/codecs/test_builders.py


def test_cedrxp_example_fields():
    assert decode_edrx("lte-m", "1000").seconds == 143.36
    assert decode_edrx("lte-m", "0101").seconds == 81.92
    assert decode_ptw("lte-m", "1011").seconds == 15.36


@pytest.mark.parametrize("rat,bits,effective", [
    ("nb-iot", "0000", None), ("nb-iot", "0001", None),
    ("nb-iot", "0100", "0010"), ("nb-iot", "0110", "0010"), ("nb-iot", "0111", "0010"), ("nb-iot", "1000", "0010"),
    ("lte-m", "1110", "1101"), ("lte-m", "1111", "1101"),
    ("lte-m", "0000", "0000"), ("nb-iot", "1111", "1111"),
])
def test_reinterpretation(rat, bits, effective):
    assert decode_edrx(rat, bits).effective_bits == effective


def test_nb_61s_rounds_to_a_valid_value():
    assert encode_edrx("nb-iot", 61.44).bits == "0101"  # 61.44 is not honoured on NB: 81.92 s


def test_ubxlib_bugs_avoided():
    with pytest.raises(InputError, match="10485.76"):
        encode_edrx("nb-iot", 20000)
    with pytest.raises(InputError, match="20.48"):
        encode_ptw("lte-m", 21)


def test_ptw_steps():
    assert decode_ptw("lte-m", "0000").seconds == 1.28
    assert decode_ptw("nb-iot", "1111").seconds == 40.96


def test_unknown_rat():
    with pytest.raises(InputError, match="no eDRX table"):
        encode_edrx("gsm", 10)
