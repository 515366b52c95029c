"""u-blox +UBANDSEL frequency <-> per-RAT bands. Vectors: ModemManager
plugins/ublox/tests/test-modem-helpers-ublox.c (test_ubandsel_response_three: SARA-U201
"800,850,900,1900,2100"; test_ubandsel_request_2g: SARA-G310 quad-band GSM -> "+UBANDSEL=850,900,1800,1900"; with LTE: test_ubandsel_response_one TOBY-R200 "850,1700,1900",
test_ubandsel_response_four LARA-R204 "700,1700", test_ubandsel_request_1800), and its num_bands_4g
table (mm-modem-helpers-ublox.c), all at commit 1d4caa92 (2021-07-14)."""

import pytest

from atctl.bands.ubandsel import UBANDSEL_LTE_MHZ, bands_from_ubandsel, ubandsel_values
from atctl.codecs.ublox.ubandsel import build_ubandsel as ubandsel_command
from atctl.profiles import load_profile


def test_sara_u201_read_enables_gsm_and_umts_on_each_frequency():
    p = load_profile("ublox-sara-u201")
    got = bands_from_ubandsel([800, 850, 900, 1900, 2100], p.bands_for("gsm"), p.bands_for("umts"))
    assert got["gsm"] == {850, 900, 1900}
    assert {1, 2, 5, 6, 8} <= got["umts"]          # 800 MHz: band 6 (and 19 where the module has it)


def test_quad_band_gsm_request():
    assert ubandsel_command(ubandsel_values(gsm=[850, 900, 1800, 1900])) == "AT+UBANDSEL=850,900,1800,1900"


def test_umts_band_maps_to_its_frequency_and_empty_means_default():
    assert ubandsel_values(umts=[1]) == [2100] and ubandsel_values(umts=[8], gsm=[900]) == [900]
    assert ubandsel_command([]) == "AT+UBANDSEL=0"


# ---- LTE (TOBY-L2 / TOBY-R2 / LARA-R2): ModemManager plugins/ublox/mm-modem-helpers-ublox.c,
# num_bands_4g, commit 1d4caa92 (2021-07-14); the lines below are its test-modem-helpers-ublox.c vectors
NUM_BANDS_4G = {700: {12, 13, 17}, 800: {20, 27}, 850: {5, 18, 19, 26}, 900: {8}, 1700: {4, 10}, 1800: {3},
                1900: {2, 39}, 2100: {1}, 2300: {40}, 2500: {41}, 2600: {7, 38}}


@pytest.mark.parametrize("mhz,lte", sorted(NUM_BANDS_4G.items()))
def test_lte_frequency_table_is_modemmanagers(mhz, lte):
    assert set(UBANDSEL_LTE_MHZ[mhz]) == lte
    assert bands_from_ubandsel([mhz], (), (), range(1, 90))["lte"] == lte
    assert all(ubandsel_values(lte=[band]) == [mhz] for band in lte)


# (MM test, +UBANDSEL line, model's gsm / umts / lte bands from MM's band_configuration[], expected)
RESPONSES = [
    ("test_ubandsel_response_one", "+UBANDSEL: 850,1700,1900\r\n", ([850, 900, 1800, 1900], [5, 8, 2, 1], [2, 4, 5, 12]),
     {"gsm": {850, 1900}, "umts": {5, 2}, "lte": {5, 4, 2}}),                       # TOBY-R200
    ("test_ubandsel_response_four", "+UBANDSEL: 700,1700\r\n", ([], [], [4, 13]),
     {"gsm": set(), "umts": set(), "lte": {13, 4}}),                                 # LARA-R204
]


@pytest.mark.parametrize("name,line,supported,expected", RESPONSES, ids=[r[0] for r in RESPONSES])
def test_modemmanager_ubandsel_reads_with_lte(name, line, supported, expected):
    from atctl.codecs.ublox.ubandsel import parse_ubandsel

    read = parse_ubandsel(line.strip().split(":", 1)[1])
    assert bands_from_ubandsel(read.mhz, *supported) == expected


def test_modemmanager_ubandsel_requests_with_lte():
    # test_ubandsel_request_1800 (TOBY-R200): DCS + UTRAN 3 + EUTRAN 3 -> "+UBANDSEL=1800"
    assert ubandsel_command(ubandsel_values(gsm=[1800], umts=[3], lte=[3])) == "AT+UBANDSEL=1800"
    # test_ubandsel_request_any: no band -> "+UBANDSEL=0"
    assert ubandsel_command(ubandsel_values()) == "AT+UBANDSEL=0"


def test_toby_l210_read_of_every_frequency_gives_its_profile_bands():
    p = load_profile("ublox-toby-l210")
    got = bands_from_ubandsel([800, 850, 900, 1800, 1900, 2100, 2600], p.bands_for("gsm"), p.bands_for("umts"),
                              p.bands_for("lte"))
    assert got == {"gsm": {850, 900, 1800, 1900}, "umts": {1, 2, 5, 8}, "lte": {1, 3, 5, 7, 8, 20}}


def test_without_lte_the_result_has_no_lte_key():
    # SARA-U201 callers pass no LTE bands: the result keeps its two RATs
    assert set(bands_from_ubandsel([900], [900], [8])) == {"gsm", "umts"}
