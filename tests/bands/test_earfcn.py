"""Downlink EARFCN -> band (atctl.bands.earfcn), against 3GPP TS 36.101 Table 5.7.3-1 and real captures.

Second table, written independently of atctl's (frequencies there, first EARFCNs here): the DL_BAND_n
constants of SergeyDorozhko/LTE_RF-Band_Calculator ConstLTE.java ("taken from standard: ETSI TS 136 101
v10.3.0"), bands 1-25 (no 15, 16, 22). Captures: lines that carry both the band and the channel.
"""

from __future__ import annotations

import pytest

from atctl.bands.earfcn import DOWNLINK, band_of_dl_earfcn, dl_range, first_dl_earfcn
from atctl.codecs import parse_line

# ConstLTE.java: final static int DL_BAND_1 = 0 ; ... DL_BAND_25 = 8040
CONST_LTE_DL_FIRST = {1: 0, 2: 600, 3: 1200, 4: 1950, 5: 2400, 6: 2650, 7: 2750, 8: 3450, 9: 3800, 10: 4150,
                      11: 4750, 12: 5010, 13: 5180, 14: 5280, 17: 5730, 18: 5850, 19: 6000, 20: 6150, 21: 6450,
                      23: 7500, 24: 7700, 25: 8040}


@pytest.mark.parametrize("band,first", sorted(CONST_LTE_DL_FIRST.items()))
def test_first_downlink_earfcn_matches_the_second_table(band, first):
    assert first_dl_earfcn(band) == first


@pytest.mark.parametrize("band,low,high", [
    # 36.101 Table 5.7.3-1 N_DL ranges of the bands IoT modules use most
    (1, 0, 599), (3, 1200, 1949), (5, 2400, 2649), (8, 3450, 3799), (20, 6150, 6449), (28, 9210, 9659),
    (21, 6450, 6599), (66, 66436, 67335), (71, 68586, 68935), (85, 70366, 70545), (87, 70546, 70595),
    (53, 60140, 60254), (103, 70646, 70655), (106, 70656, 70705),
])
def test_downlink_range(band, low, high):
    span = dl_range(band)
    assert (span.start, span.stop - 1) == (low, high)


def test_no_two_bands_share_a_downlink_earfcn():
    seen: dict[int, int] = {}
    for band in DOWNLINK:
        for n in (dl_range(band).start, dl_range(band).stop - 1):
            assert band_of_dl_earfcn(n) == band, (band, n, seen.get(n))
    spans = sorted((dl_range(b).start, dl_range(b).stop, b) for b in DOWNLINK)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("line,band,channel", [
    # +QNWINFO carries both: the Quectel BG95 AT manual's example (tests/codecs/test_vendor_tables.py)
    ('+QNWINFO: "eMTC","24701","LTE BAND 20",6300', 20, 6300),
])
def test_captured_channels_fall_in_their_reported_band(line, band, channel):
    cell = parse_line(line).model.cell_in_use()
    assert (cell.band, cell.channel) == (band, channel)
    assert band_of_dl_earfcn(channel) == band


@pytest.mark.parametrize("earfcn,band", [
    (3547, 8),    # SARA-N211, AT+NUESTATS=CELL, an Austrian N211 set-up guide: NUESTATS:CELL,3547,186,1,...
    (6352, 20),   # SARA-N2, AT+NUESTATS on Telenor Norway: "EARFCN",6352 (ExploratoryEngineering/ArduinoNBIoT README)
    (3702, 8),    # Maxis NB-IoT capture, "BAND8" with EARFCN 3702 (CytronTechnologies/maxis-nbiot-hackathon)
    (3600, 8),    # eMTC on 274-02 (Iceland), +QENG "servingcell" line in tests/codecs: earfcn 3600, band 8
    (5035, 12),   # EP06 +QENG "servingcell" LTE line in tests/codecs/test_formatters_qeng_qcsq.py: earfcn 5035, band 12
])
def test_device_captures(earfcn, band):
    assert band_of_dl_earfcn(earfcn) == band


def test_outside_every_band():
    assert band_of_dl_earfcn(10400) is None and band_of_dl_earfcn(-1) is None and dl_range(99) is None
