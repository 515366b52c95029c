"""Colon helpers: the commands they insert are the codecs' own (vectors from DOMAIN.md 1-4)."""

from __future__ import annotations

import pytest

from atctl.console.helpers import run_helper
from atctl.errors import InputError
from atctl.profiles import load_profile

BG95 = load_profile("quectel-bg95-m3")
R5 = load_profile("ublox-sara-r510s")


def test_psm_inserts_cpsms():
    result = run_helper(":psm 24h 30s", BG95)
    assert result.insert == ['AT+CPSMS=1,,,"00111000","00001111"']   # 24 h = 24 x 1 h, 30 s = 15 x 2 s
    assert 'TAU 1 d ("00111000")' in result.lines[0]


def test_psm_on_a_module_that_needs_a_deregistration_says_so():
    result = run_helper(":psm 1h 10s", load_profile("ublox-sara-r410m-02b"))
    assert any("AT+COPS=2" in line for line in result.lines)


def test_edrx_follows_the_dialect():
    assert run_helper(":edrx lte-m 143.36s", None).insert == ['AT+CEDRXS=2,4,"1000"']  # DOMAIN.md seed example
    assert run_helper(":edrx lte-m 81.92s 15.36s", BG95).insert == ['AT+QPTWEDRXS=2,4,"1011","0101"']
    assert run_helper(":edrx lte-m 81.92s 15.36s", R5).insert == ['AT+CEDRXS=2,4,"0101","1011"']


def test_bands_gives_the_mask_commands():
    bg95 = run_helper(":bands DE NL", BG95)
    assert len(bg95.insert) == 1 and bg95.insert[0].startswith('AT+QCFG="band",')
    r5 = run_helper(":bands DE", R5)
    # as `plan` sends them (issue #14): radio off, the masks, the dialect's reboot
    assert r5.insert[0] == "AT+CFUN=0" and r5.insert[-1] == "AT+CFUN=16"
    assert r5.insert[1:-1] and all(c.startswith("AT+UBANDMASK=") for c in r5.insert[1:-1])


def test_decode_explains_without_sending():
    result = run_helper(':decode +CEDRXP: 4,"1000","0101","1011"', BG95)
    assert "granted 81.92 s" in result.lines[0] and result.insert == []


@pytest.mark.parametrize("text,words", [
    (":psm 24h", "needs a TAU and an active time"), (":psm 1x 2s", "TAU"), (":edrx wifi 10s", "wifi"),
    (":bands", "country"), (":bands ZZ", "ZZ"), (":decode hello", "not a response line"),
    (":psn 1h 2s", "did you mean :psm"),
])
def test_bad_helper_input_is_one_line(text, words):
    with pytest.raises(InputError) as info:
        run_helper(text, BG95)
    assert words in info.value.one_line()


def test_bands_needs_a_known_module():
    with pytest.raises(InputError) as info:
        run_helper(":bands DE", None)
    assert "--module" in info.value.one_line()
