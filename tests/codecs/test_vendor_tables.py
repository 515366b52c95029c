"""One copy of every vendor table: the write side (RAT -> code/name, used by the dialects and the
simulator) reads back through the parse side to the same RAT."""

from __future__ import annotations

import pytest

from atctl.codecs import parse_line
from atctl.codecs.quectel.act_names import ACT_RATS, QENG_ACT, QNWINFO_ACT, act_rat
from atctl.codecs.quectel.qcfg import IOTOPMODE, IOTOPMODE_CODE, NWSCANMODE_ONLY, NWSCANSEQ, NWSCANSEQ_CODE


def test_quectel_act_names_round_trip():
    for table in (QNWINFO_ACT, QENG_ACT):
        for rat, name in table.items():
            assert act_rat(name) == rat
    assert all(name == name.upper() for name in ACT_RATS)
    assert act_rat(" eMTC ") == "lte-m" and act_rat(None) is None and act_rat("5G") is None


@pytest.mark.parametrize("rat", sorted(QNWINFO_ACT))
def test_qnwinfo_name_decodes_to_its_rat(rat):
    # BG95 AT manual example: +QNWINFO: "eMTC","24701","LTE BAND 20",6300
    line = f'+QNWINFO: "{QNWINFO_ACT[rat]}","24701","LTE BAND 20",6300'
    assert parse_line(line).fields["rat"] == rat


def test_nwscan_and_iotopmode_codes_are_the_read_tables_reversed():
    assert NWSCANSEQ_CODE == {"gsm": "01", "lte-m": "02", "nb-iot": "03"}
    assert all(NWSCANSEQ["lpwa"][code] == rat for rat, code in NWSCANSEQ_CODE.items())
    assert all(IOTOPMODE[code] == list(rats) for rats, code in IOTOPMODE_CODE.items())
    assert NWSCANMODE_ONLY["lpwa"] == {"gsm": 1, "lte": 3}
    # the dialect plans from the same table the parser reads (BG95 AT manual AT+QCFG="nwscanseq")
    from atctl.dialects import get_dialect
    from atctl.profiles import load_profile

    planned = get_dialect(load_profile("quectel-bg95-m3")).rat_settings(["nb-iot", "lte-m"])
    assert planned["nwscanseq"] == NWSCANSEQ_CODE["nb-iot"] + NWSCANSEQ_CODE["lte-m"] + NWSCANSEQ_CODE["gsm"]
    assert parse_line('+QCFG: "nwscanseq",020301').fields["text"] == ["lte-m", "nb-iot", "gsm"]
