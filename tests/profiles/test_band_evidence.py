"""Band lists cite public device reads as corroboration in their notes; those reads,
decoded with atctl's own +QCFG="band" codec, must still give the lists the profiles ship.
A changed band list without a changed note fails here."""

import pytest

from atctl.bands.masks import decode_qcfg_band
from atctl.profiles import load_profile

# (module, captured +QCFG "band" values, where the line was published)
CAPTURES = [
    # forums.quectel.com/t/lte-b28-causes-ec25eux-to-remain-in-search-state-and-unable-to-connect/53540
    # (EC25EUXGAR08A15M1G): '+QCFG: "band",0x93,0x1a0080800c5,0x0'
    ("quectel-ec25-eux", ["0x93", "0x1a0080800c5", "0x0"], {"gsm", "umts", "lte"}),
    # cnblogs.com/chenxiaomeng/p/11972811.html (2019, EC25-AF): 'AT+QCFG="band",260,42000000000000381A,0'
    ("quectel-ec25-af", ["260", "42000000000000381A", "0"], {"umts", "lte"}),
]


@pytest.mark.parametrize("module_id, values, rats", CAPTURES, ids=[c[0] for c in CAPTURES])
def test_cited_device_read_decodes_to_the_shipped_lists(module_id, values, rats):
    profile = load_profile(module_id)
    decoded = decode_qcfg_band(values, layout="lte")
    for rat in rats:
        assert sorted(profile.bands[rat].bands) == decoded[rat], rat
    assert not decoded["gsm"] or "gsm" in profile.bands
    for rat in rats:  # a device read corroborates; it does not verify: a verified list rests on two other sources
        fact = profile.bands[rat]
        assert fact.verified is False or "two-source rule" in fact.source, rat
        assert "not a statement of supported bands" in fact.note
