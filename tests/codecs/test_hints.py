"""The module facts a parser needs are inputs (ModuleHints) that the dialect supplies; a bare line
falls back to the old inference (vendor's eMTC AcT, +QCFG band layout from the first mask)."""

from __future__ import annotations

import pytest

from atctl.codecs import parse_line
from atctl.codecs.hints import ModuleHints, module_hints
from atctl.dialects import get_dialect
from atctl.profiles import load_profile

# DOMAIN.md: BG95-M3 default read, EG25-G real read
BG95_BAND = '+QCFG: "band",0xf,0x100002000000000f0e189f,0x10004200000000090e189f'
EG25_BAND = '+QCFG: "band",0xf,0x1e00b0e18df,0x0'


@pytest.mark.parametrize("profile_id,act_emtc,layout", [
    ("quectel-bg95-m3", 8, "lpwa"), ("quectel-eg25-g", None, "lte"), ("ublox-sara-r410m-02b", 7, None),
    ("quectel-bc660k-gl", None, "lpwa"), ("ublox-sara-u201", None, None),
])
def test_dialect_parse_context(profile_id, act_emtc, layout):
    hints = get_dialect(load_profile(profile_id)).parse_context()
    assert hints.act_emtc == act_emtc and hints.band_layout == layout and hints.vendor_emtc is None


def test_explicit_hints_decide_over_the_line_and_the_vendor():
    # 0xf as first mask would infer "lpwa"; the EG25-G dialect says "lte"
    lte = get_dialect(load_profile("quectel-eg25-g")).parse_context()
    fields = parse_line(EG25_BAND, hints=lte).fields
    assert fields["layout"] == "lte" and 41 in fields["lte"]
    assert parse_line(EG25_BAND).fields["layout"] == "lpwa"
    # the hint wins over a vendor that would say otherwise
    assert parse_line('+COPS: 0,2,"24701",8', vendor="quectel", hints=ModuleHints()).fields["rat"] == "ec-gsm-iot"
    assert parse_line('+COPS: 0,2,"24701",8', hints=ModuleHints(act_emtc=8)).fields["rat"] == "lte-m"
    assert parse_line('+CEREG: 2,1,"71F6","0A3B2C01",8', hints=ModuleHints(act_emtc=8)).fields["rat"] == "lte-m"


def test_bare_line_keeps_the_old_inference():
    assert module_hints("quectel").vendor_emtc == 8 and module_hints(None) == ModuleHints()
    assert parse_line('+COPS: 0,2,"24701",8', vendor="quectel").fields["rat"] == "lte-m"
    assert parse_line(BG95_BAND).fields["layout"] == "lpwa"
    assert parse_line('+QCFG: "band",0xbff,0x1e00b0e18df,0x0').fields["layout"] == "lte"  # WCDMA bits


def test_profile_band_mask_and_dialect_name_are_not_read():
    # the layout follows the module's RATs, never `band_mask` or the dialect name's suffix
    fake = {"band_mask": "qcfg-lte", "dialect": "quectel-lte", "rats": ["lte-m", "nb-iot"], "quirks": {}}
    assert parse_line(EG25_BAND, profile=fake).fields["layout"] == "lpwa"


def test_ubandmask_rat_numbers_come_from_the_hints():
    # LARA-R6 numbers 3 = LTE (DOMAIN.md); SARA-R4 default 0 LTE-M, 1 NB-IoT
    line = "+UBANDMASK: 3,524288"
    assert parse_line(line, hints=ModuleHints(ubandmask_rats={"lte": 3})).fields["lte"] == [20]
    assert parse_line("+UBANDMASK: 0,524288,1,524288").fields["nb_iot"] == [20]
