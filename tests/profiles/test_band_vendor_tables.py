"""Band lists verified from a vendor document keep the table line they were read from, word for word,
here: each line must still decode to the shipped list and the fact must name the document.
The documents are Quectel's own, read from the copies in Deutsche Telekom iotcreators' document
library (github.com/iotcreators/doclib-downloads, device-integrations/Quectel/...):
  BG95 Series Hardware Design V1.3 (2021-01-08), Table 2
  BG95&BG77&BG600L Series Network Searching Scheme Introduction V2.0 (2022-04-24), Tables 3 and 4
  BG95&BG77&BG600L Series QCFG AT Commands Manual V2.0 (2021-07-27), AT+QCFG="band" notes 2 and 3
  BC66&BC66-NA AT Commands Manual V2.1 (2020-03-20), AT+QBAND note 1
the BG96 Hardware Design V1.3 and the BC660K-GL&BC950K-GL AT Commands Manual V1.4 (copies named beside their lines)
and, for the u-blox lists, u-blox's own data sheets in the copies the profiles cite (SARA-R4 UBX-16024152 R31,
SARA-R5 UBX-19016638 R16, LARA-R6 UBX-21004391 R10; see UBLOX_TABLE_LINES).
A changed list, or a fact that stops naming its table, fails here."""

import re

import pytest

from atctl.bands.masks import decode_qcfg_masks, parse_hex
from atctl.profiles import load_profile

HD = "BG95 Series Hardware Design V1.3"
NSS = "Network Searching Scheme Introduction V2.0"
BC66_MANUAL = "BC66&BC66-NA AT Commands Manual V2.1"

# BG96 Hardware Design V1.3 (2018-07-18), Table 1 "Frequency Bands of BG96 Module", in the copy at
# github.com/wwxxyx/Quectel_BG96 @310876f9, BG96/Hardware/Quectel_BG96_Hardware_Design_V1.3.pdf
BG96_HD = "BG96_Hardware_Design_V1.3"
BG96_HD_LTE_FDD = "Cat M1 & NB1:  \nLTE-FDD: \nB1/B2/B3/B4/B5/B8/B12/ \nB13/B18/B19/B20/B26/B28 \n"
BG96_HD_LTE_TDD = "LTE-TDD: B39 (for Cat M1 \nonly) "
# BC660K-GL&BC950K-GL AT Commands Manual V1.4, 7.5 AT+QBAND, in the text conversion the profile cites (stored in the
# code index as file 62289946496)
BC660K_MANUAL = "BC660K-GL&BC950K-GL AT Commands Manual, Version 1.4"

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
    ("quectel-bg95-m3", "nb-iot", HD, "Cat NB2:  \n" + HD_NB2),
    ("quectel-bg96", "lte-m", BG96_HD, BG96_HD_LTE_FDD + BG96_HD_LTE_TDD),
    ("quectel-bg96", "nb-iot", BG96_HD, BG96_HD_LTE_FDD),   # the TDD line that follows is "for Cat M1 only"
    ("quectel-bg96", "gsm", BG96_HD, "GSM850/EGSM900/ \nDCS1800/PCS1900"),
    ("quectel-bc660k-gl", "nb-iot", BC660K_MANUAL, "<band> Integer type. Currently preferred NB-IoT bands to be searched for.\n"
                                                   "Valid values: 1, 2, 3, 4, 5, 8, 12, 13, 17, 18, 19, 20, 25, 28, 66, 70, 85."),
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
    if "Valid values:" in line:                    # BC660K manual: "Valid values: 1, 2, ..., 85."
        return sorted({int(n) for n in re.findall(r"\d+", line.split("Valid values:", 1)[1])})
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


# u-blox data sheets, word for word as pypdf extracts them from the copies the profiles cite:
#   SARA-R4 series data sheet UBX-16024152 R31 (korken89/rusty-tracker @821861e4, docs/SARA-R4_DataSheet_UBX-16024152.pdf):
#     Table 1's band footnotes and rows, Table 2's 2G cells and its footnote 5
#   SARA-R5 series data sheet UBX-19016638 R16 (sparkfun/SparkFun_MicroMod_LTE_GNSS_Function_Board_u-blox_SARA-R5
#     @03c14007, docs/assets/component_documentation/SARA-R5_DataSheet_UBX-19016638.pdf): Table 1's band footnote
#   LARA-R6 series data sheet UBX-21004391 R10 (sparkfun/SparkFun_LTE_Stick_LARA_R6 @68ef3eaf,
#     Documents/LARA-R6-Datasheet.pdf): Table 2's cells, one RAT's column at a time
R4_DS = "UBX-16024152 R31"
R5_DS = "UBX-19016638 R16"
R6_DS = "UBX-21004391 R10"
R4_T1_R410M_02B = " * = LTE bands may include 1, 2, 3, 4, 5, 8, 12, 13, 18, 19, 20, 25, 26, 28"
R4_T1_R412M = "** = LTE bands may include 2, 3, 4, 5, 8, 12, 13, 20, 26, 28 "
R4_T1_R422_00B = " *** = LTE bands include 1, 2, 3, 4, 5, 8, 12, 13, 20, 25, 26, 28, 66, 85 in M1 and NB2 "
R4_T1_ROW_52B = "SARA-R410M-52B North America 13 M1 2,4,5 12,13"
R4_T1_ROW_63B = "SARA-R410M-63B Japan 13 M1 1,8,19"
R4_T2_FOOTNOTE_5 = ("5 Not supported in NB-IoT by SARA-R410M-02B-01, SARA-R410M-02B-02, SARA-R410M-02B-03, or "
                    "SARA-R410M-02B-04. ")
R4_T2_BAND_25 = "Band 25 (1900 MHz) 1, 2, 3, 4, 5, 6, 7 "   # its footnote marks: 5 among them
R4_T2_2G = "2G bands  GSM 850 MHz  \nE-GSM 900 MHz  \nDCS 1800 MHz  \nPCS 1900 MHz "
R5_T1 = "* = LTE Bands 1, 2, 3, 4, 5, 8, 12, 13, 18, 19, 20, 25, 26, 28, 66, 71, 85 "
R6_T2_R6001_LTE = ("12 (700 MHz)  \n28 (700 MHz)  \n13 (700 MHz)  \n20 (800 MHz)  \n18 (850 MHz)  \n19 (850 MHz)  \n"
                   "26 (850 MHz)  \n5 (850 MHz)  \n8 (900 MHz)  \n4 (1700 MHz)  \n3 (1800 MHz)  \n2 (1900 MHz)  \n"
                   "1 (2100 MHz)  \n7 (2600 MHz)  \n39 (1900 MHz)  \n40 (2300 MHz)  \n41 (2600 MHz)  \n38 (2600 MHz) ")
R6_T2_WCDMA = "5 (850 MHz)  \n8 (900 MHz)  \n2 (1900 MHz)  \n1 (2100 MHz) "
R6_T2_GSM = "GSM 850  \nE-GSM 900  \nDCS 1800  \nPCS 1900  "
R6_T2_R6401_LTE = ("71 (600 MHz)  \n12 (700 MHz)  \n13 (700 MHz)  \n14 (700 MHz)  \n5 (850 MHz)  \n4 (1700 MHz)  \n"
                   "66 (1700 MHz)  \n2 (1900 MHz)  ")
R6_T2_R6801_LTE = ("28 (700 MHz)  \n20 (800 MHz)  \n18 (850 MHz)  \n19 (850 MHz)  \n26 (850 MHz)  \n5 (850 MHz)  \n"
                   "8 (900 MHz)  \n4 (1700 MHz)  \n3 (1800 MHz)  \n2 (1900 MHz)  \n1 (2100 MHz)  \n7 (2600 MHz)  ")

# (module, rat, data sheet, form, published text, {band left out: the footnote that leaves it out})
UBLOX_TABLE_LINES = [
    ("ublox-sara-r410m-02b", "lte-m", R4_DS, "list", R4_T1_R410M_02B, {}),
    ("ublox-sara-r410m-02b", "nb-iot", R4_DS, "list", R4_T1_R410M_02B, {25: R4_T2_FOOTNOTE_5}),
    ("ublox-sara-r410m-52b", "lte-m", R4_DS, "row", R4_T1_ROW_52B, {}),
    ("ublox-sara-r410m-63b", "lte-m", R4_DS, "row", R4_T1_ROW_63B, {}),
    ("ublox-sara-r412m", "lte-m", R4_DS, "list", R4_T1_R412M, {}),
    ("ublox-sara-r412m", "nb-iot", R4_DS, "list", R4_T1_R412M, {}),
    ("ublox-sara-r412m", "gsm", R4_DS, "gsm", R4_T2_2G, {}),
    ("ublox-sara-r422", "lte-m", R4_DS, "list", R4_T1_R422_00B, {}),
    ("ublox-sara-r422", "nb-iot", R4_DS, "list", R4_T1_R422_00B, {}),
    ("ublox-sara-r422", "gsm", R4_DS, "gsm", R4_T2_2G, {}),
    *[(module, rat, R5_DS, "list", R5_T1, {}) for module in ("ublox-sara-r500s", "ublox-sara-r510s",
                                                             "ublox-sara-r510m8s") for rat in ("lte-m", "nb-iot")],
    *[(module, rat, R6_DS, form, text, {}) for module in ("ublox-lara-r6001", "ublox-lara-r6001d")
      for rat, form, text in (("lte", "cells", R6_T2_R6001_LTE), ("umts", "cells", R6_T2_WCDMA),
                              ("gsm", "gsm", R6_T2_GSM))],
    ("ublox-lara-r6401", "lte", R6_DS, "cells", R6_T2_R6401_LTE, {}),
    ("ublox-lara-r6401d", "lte", R6_DS, "cells", R6_T2_R6401_LTE, {}),
    ("ublox-lara-r6801", "lte", R6_DS, "cells", R6_T2_R6801_LTE, {}),
    ("ublox-lara-r6801", "umts", R6_DS, "cells", R6_T2_WCDMA, {}),
    ("ublox-lara-r6801", "gsm", R6_DS, "gsm", R6_T2_GSM, {}),
]


def decode_ublox(text: str, form: str) -> list[int]:
    """Bands a u-blox data sheet prints: a footnote list ('include 1, 2, ... in M1 and NB2': 'M1'/'NB2' are not
    bands), a Table 1 row (the comma groups after the RAT columns; the 3GPP release before them is not a band),
    Table 2 cells ('12 (700 MHz)'), or 2G cells ('GSM 850 MHz', 'E-GSM 900')."""
    if form == "list":
        return sorted({int(n) for n in re.findall(r"\b\d+\b", re.split(r"include|Bands", text, maxsplit=1)[1])})
    if form == "row":
        tokens = text.split()
        after_rat = tokens[max(i for i, t in enumerate(tokens) if t in ("M1", "NB1", "NB2")) + 1:]
        return sorted({int(n) for t in after_rat if re.fullmatch(r"\d+(,\d+)*", t) for n in t.split(",")})
    if form == "cells":
        return sorted({int(n) for n in re.findall(r"^\s*(\d+) \(\d+ MHz\)", text, flags=re.MULTILINE)})
    return sorted({int(n) for n in re.findall(r"\b(850|900|1800|1900)\b", text)})


def test_decode_ublox_reads_each_data_sheet_form():
    assert decode_ublox(" *** = LTE bands include 1, 20, 85 in M1 and NB2 ", "list") == [1, 20, 85]
    assert decode_ublox("* = LTE Bands 1, 2, 71 ", "list") == [1, 2, 71]
    assert decode_ublox("SARA-R410M-83B APAC Multi Region 13 M1 NB1 3,5,8 20,28", "row") == [3, 5, 8, 20, 28]
    assert decode_ublox("12 (700 MHz)  \n 5 (850 MHz)  \n66 (1700 MHz)  ", "cells") == [5, 12, 66]
    assert decode_ublox("2G bands  GSM 850 MHz  \nE-GSM 900 MHz  \nPCS 1900 MHz ", "gsm") == [850, 900, 1900]


@pytest.mark.parametrize("module_id, rat, document, form, text, left_out", UBLOX_TABLE_LINES,
                         ids=[f"{t[0]}-{t[1]}" for t in UBLOX_TABLE_LINES])
def test_ublox_data_sheet_line_gives_the_shipped_list(module_id, rat, document, form, text, left_out):
    fact = load_profile(module_id).bands[rat]
    stated = decode_ublox(text, form)
    for band, footnote in left_out.items():
        assert band in stated and "NB-IoT" in footnote and module_id.removeprefix("ublox-").upper() in footnote
        # Table 2's row of that band carries the footnote's mark
        assert R4_T2_BAND_25.startswith(f"Band {band} (")
        assert footnote.split()[0] in re.findall(r"\d+", R4_T2_BAND_25.split("MHz)", 1)[1])
    assert sorted(set(stated) - set(left_out)) == sorted(fact.bands), text
    assert document in fact.source + (fact.note or "")
    assert fact.verified is True


def test_every_vendor_verified_list_keeps_its_table_line_here():
    """A list verified from a vendor document (not under the two-source rule, which test_band_corroboration.py
    covers) must keep its table line above, so a changed list or a misread table fails."""
    from atctl.profiles import all_profiles

    listed = {(t[0], t[1]) for t in TABLE_LINES} | {(t[0], t[1]) for t in UBLOX_TABLE_LINES}
    missing = [(profile.id, rat) for profile in all_profiles().values() for rat, fact in profile.bands.items()
               if fact.verified and "two-source rule" not in fact.source + (fact.note or "")
               and (profile.id, rat) not in listed]
    assert missing == []
