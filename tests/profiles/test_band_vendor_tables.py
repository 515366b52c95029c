"""Band lists verified from a vendor document keep the table line they were read from, word for word,
here: each line must still decode to the shipped list and the fact must name the document.
The documents are Quectel's own, read from the copies in Deutsche Telekom iotcreators' document
library (github.com/iotcreators/doclib-downloads, device-integrations/Quectel/...):
  BG95 Series Hardware Design V1.3 (2021-01-08), Table 2
  BG95&BG77&BG600L Series Network Searching Scheme Introduction V2.0 (2022-04-24), Tables 3 and 4
  BG95&BG77&BG600L Series QCFG AT Commands Manual V2.0 (2021-07-27), AT+QCFG="band" notes 2 and 3
  BC66&BC66-NA AT Commands Manual V2.1 (2020-03-20), AT+QBAND note 1
A changed list, or a fact that stops naming its table, fails here."""

import re

import pytest

from atctl.bands.masks import decode_qcfg_masks, parse_hex
from atctl.profiles import load_profile

HD = "BG95 Series Hardware Design V1.3"
NSS = "Network Searching Scheme Introduction V2.0"
BC66_MANUAL = "BC66&BC66-NA AT Commands Manual V2.1"

HD_M1 = "LTE-FDD: \nB1/B2/B3/B4/B5/B8/B12/B13/ \nB18/B19/B20/B25/B26/B27/B28/ \nB66/B85"
HD_NB2 = "LTE-FDD:  \nB1/B2/B3/B4/B5/B8/B12/B13/ \nB18/B19/B20/B25/B28/B66/B71/\nB85"
HD_EGPRS = "EGPRS:  \n850/900/1800/1900 MHz"

# (module, rat, document named in the source, the table line as the document prints it)
TABLE_LINES = [
    ("quectel-bg95-m1", "lte-m", HD, "BG95-M1 \nCat M1 Only: \n" + HD_M1),
    ("quectel-bg95-m2", "lte-m", HD, "BG95-M2 \nCat M1:  \n" + HD_M1),
    ("quectel-bg95-m2", "nb-iot", HD, "Cat NB2:  \n" + HD_NB2),
    ("quectel-bg95-m3", "lte-m", HD, "BG95-M3 \nCat M1:  \nLTE-FDD:  \nB1/B2/B3/B4/B5/B8/B12/B13/ \n"
                                     "B18/B19/B20/B25/B26/B27/ \nB28/B66/B85"),
    ("quectel-bg95-m3", "gsm", HD, HD_EGPRS),
    ("quectel-bg95-m5", "lte-m", HD, "BG95-M5 \nCat M1:  \n" + HD_M1),
    ("quectel-bg95-m5", "nb-iot", HD, "Cat NB2:  \n" + HD_NB2),
    ("quectel-bg95-m5", "gsm", HD, HD_EGPRS),
    ("quectel-bg95-m6", "lte-m", HD, "BG95-M6 \nCat M1:  \n" + HD_M1),
    ("quectel-bg95-m6", "nb-iot", HD, "Cat NB2:  \n" + HD_NB2),
    ("quectel-bg77", "lte-m", NSS, "eMTC B1/B2/B3/B4/B5/B8/B12/B13/B18/B19/B20/B25/B26/B27/B28/B66/B85*"),
    ("quectel-bg77", "nb-iot", NSS, "NB-IoT B1/B2/B3/B4/B5/B8/B12/B13/B18/B19/B20/B25/B28/B66/B71/B85*"),
    ("quectel-bg600l-m3", "lte-m", NSS, "eMTC B1/B2/B3/B4/B5/B8/B12/B13/B18/B19/B20/B25/B26/B27/B28/B66/B85"),
    ("quectel-bg600l-m3", "nb-iot", NSS, "NB-IoT B1/B2/B3/B4/B5/B8/B12/B13/B18/B19/B20/B25/B28/B66/B71/B85"),
    ("quectel-bg600l-m3", "gsm", NSS, "EGPRS GSM850, EGSM900, DCS1800, PCS1900"),
    ("quectel-bc66", "nb-iot", BC66_MANUAL, "1. BC66 supports 16 bands, including bands 1, 2, 3, 4, 5, 8, 12, 13, 17, "
                                            "18, 19, 20, 25, 26, 28 and 66."),
]

GSM_NAMES = {"GSM850": 850, "EGSM900": 900, "DCS1800": 1800, "PCS1900": 1900}


def decode(line: str, rat: str) -> list[int]:
    """Bands a vendor table line names: 'B1/B2', 'bands 1, 2 ... and 66', '850/900 MHz', 'GSM850'."""
    if rat == "gsm":
        named = {GSM_NAMES[name] for name in re.findall(r"\b(GSM850|EGSM900|DCS1800|PCS1900)\b", line)}
        mhz = set()
        if match := re.search(r"([\d/]+) MHz", line):
            mhz = {int(n) for n in match.group(1).split("/")}
        return sorted(named | mhz)
    if "including bands" in line:                  # BC66 manual: "supports 16 bands, including bands 1, 2, ..."
        return sorted({int(n) for n in re.findall(r"\d+", line.split("including bands", 1)[1])})
    return sorted({int(n) for n in re.findall(r"B(\d+)", line)})


def test_decode_reads_each_table_form():
    assert decode("Cat NB2:  \nLTE-FDD:  \nB1/B2/ \nB71/\nB85", "nb-iot") == [1, 2, 71, 85]
    assert decode("eMTC B1/B85*", "lte-m") == [1, 85]
    assert decode("EGPRS:  \n850/900/1800/1900 MHz", "gsm") == [850, 900, 1800, 1900]
    assert decode("EGPRS GSM850, EGSM900, DCS1800, PCS1900", "gsm") == [850, 900, 1800, 1900]
    assert decode("1. BC66 supports 16 bands, including bands 1, 2, 3 and 66.", "nb-iot") == [1, 2, 3, 66]


@pytest.mark.parametrize("module_id, rat, document, line", TABLE_LINES, ids=[f"{t[0]}-{t[1]}" for t in TABLE_LINES])
def test_vendor_table_line_gives_the_shipped_list(module_id, rat, document, line):
    fact = load_profile(module_id).bands[rat]
    assert decode(line, rat) == sorted(fact.bands), line
    assert document in fact.source + (fact.note or "")
    assert fact.verified is True


@pytest.mark.parametrize("module_id", ["quectel-bg77", "quectel-bg600l-m3"])
def test_qcfg_all_bands_values_decode_to_the_lpwa_lists(module_id):
    # QCFG manual V2.0 AT+QCFG="band" note 2/3: the values "when all eMTC/NB-IoT bands are intended to be
    # searched for" are "0x100002000000000F0E189F" / "0x10004200000000090E189F" "for BG77, BG600L-M3 and
    # other BG95 series modules"
    decoded = decode_qcfg_masks(0, parse_hex("0x100002000000000F0E189F"), parse_hex("0x10004200000000090E189F"))
    profile = load_profile(module_id)
    assert decoded["lte_m"] == sorted(profile.bands["lte-m"].bands)
    assert decoded["nb_iot"] == sorted(profile.bands["nb-iot"].bands)


def test_bc66_has_no_band_its_manual_gives_only_to_bc66_na():
    # BC66&BC66-NA AT manual V2.1 AT+QBAND note 2: "BC66-NA supports 18 bands, including ... 66, 71 and 85";
    # B70 is in neither list. The shipped BC66 list had 70, 71 and 85 until 2026-12-01.
    assert not {70, 71, 85} & set(load_profile("quectel-bc66").bands["nb-iot"].bands)


def test_bg95_m6_is_not_described_as_power_class_2():
    # HD V1.3 Table 2: BG95-M6 "Power Class 3 (23 dBm)"; power class 2 is BG95-M4's, on B31/B72/B73 only
    profile = load_profile("quectel-bg95-m6")
    assert "power class 3" in profile.description.lower() and "class 2" not in profile.description.lower()


@pytest.mark.parametrize("module_id, rat, country, network", [
    ("quectel-bc66", "nb-iot", "NL", "nl-kpn"),          # the list changed: B70/B71/B85 removed
    ("quectel-bg77", "lte-m", "DE", "de-telekom"),
    ("quectel-bg600l-m3", "gsm", "DE", "de-telekom"),
    ("quectel-bg95-m1", "lte-m", "US", "us-att"),
])
def test_vendor_verified_module_applies_and_verifies_on_the_simulator(applies_and_verifies, module_id, rat, country,
                                                                      network):
    applies_and_verifies(module_id, rat, country, network)
