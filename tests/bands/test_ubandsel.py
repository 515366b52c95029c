"""u-blox +UBANDSEL frequency <-> per-RAT bands. Vectors: ModemManager
plugins/ublox/tests/test-modem-helpers-ublox.c (test_ubandsel_response_three: SARA-U201
"800,850,900,1900,2100"; test_ubandsel_request_2g: SARA-G310 quad-band GSM -> "+UBANDSEL=850,900,1800,1900")."""

from atctl.bands.ubandsel import bands_from_ubandsel, ubandsel_values
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
