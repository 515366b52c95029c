"""A band list verified without a readable vendor table rests on two independent, non-reseller sources
that state the same list. The lines those sources publish are kept here, word for word as the search
returned them; each must still decode to the shipped list, and the profile must name both sources.
A changed list, a lost source or a source that no longer agrees fails here."""

import csv
import io
import re

import pytest

from atctl.profiles import load_profile

# GSM bands written as 3GPP GERAN band numbers (Teltonika: "GSM: B3/B8") or as names.
GSM_BAND_NUMBERS = {2: 1900, 3: 1800, 5: 850, 8: 900}
GSM_NAMES = {"G850": 850, "GSM850": 850, "GSM 850": 850, "EGSM": 900, "EGSM900": 900, "E-GSM 900": 900,
             "DCS": 1800, "DCS1800": 1800, "DCS 1800": 1800, "PCS": 1900, "PCS1900": 1900, "PCS 1900": 1900}


# Band Atlas data/models.csv header (365724-ctrl/band-atlas-data at 027adc45): a row is read by its column.
BAND_ATLAS_HEADER = "id,name,vendor,kind,category,region,lte_bands,nr_bands,umts_bands,gsm_mhz,sources"
BAND_ATLAS_COLUMN = {"lte": "lte_bands", "umts": "umts_bands", "gsm": "gsm_mhz"}
# row labels of an integrator's per-RAT band rows ("labelled-rows" form)
RAT_LABELS = {"lte": {"LTE FDD", "LTE TDD"}, "umts": {"WCDMA"}, "gsm": {"GSM"}}


def decode(text: str, rat: str, form: str) -> list[int]:
    """Band list stated by one published line: 'B1/B3', 'Band 28A (700 MHz)', 'EGSM900 (900 MHz)',
    a Band Atlas models.csv row (the RAT's own column), a Markdown table whose first column is the band, or an
    integrator's labelled rows ('LTE FDD: ...', 'WCDMA: ...', 'GSM: B3/B8'), each read for the RAT's own label."""
    if form == "band-atlas-csv":
        row = next(csv.DictReader(io.StringIO(BAND_ATLAS_HEADER + "\n" + text)))
        cell = row[BAND_ATLAS_COLUMN[rat]] or ""
        if rat == "gsm":
            return sorted({int(n) for n in re.findall(r"\d+", cell)})
        return sorted({int(n) for n in re.findall(r"B(\d+)", cell)})
    if form == "table-rows":
        return sorted({int(n) for n in re.findall(r"^\|\s*(\d+)\s*\|", text, flags=re.MULTILINE)})
    if form == "labelled-rows":  # 'LTE FDD: B1/B3', 'WCDMA: B1/B5', 'GSM: B3/B8': only the RAT's own labels count
        labels = RAT_LABELS[rat]
        cells = re.findall(r"\b(LTE FDD|LTE TDD|WCDMA|GSM): ([B\d/ ]+)", text)
        numbers = {int(n) for label, cell in cells if label in labels for n in re.findall(r"B(\d+)", cell)}
        return sorted(GSM_BAND_NUMBERS[n] for n in numbers) if rat == "gsm" else sorted(numbers)
    if form == "gsm-names":
        names = sorted(GSM_NAMES, key=len, reverse=True)
        found = re.findall(r"(?<![A-Z-])(" + "|".join(map(re.escape, names)) + r")(?![0-9])", text)
        return sorted({GSM_NAMES[name] for name in found})
    numbers = {int(n) for n in re.findall(r"\b(?:B|Band |MM_MODEM_BAND_UTRAN_)(\d+)", text)}
    if rat == "gsm":
        return sorted(GSM_BAND_NUMBERS[n] for n in numbers)
    return sorted(numbers)


TELTONIKA_FMC640 = "wiki.teltonika-gps.com/view/Template:FMC640_Basic_characteristics"
PARTICLE_MSOM = "particle-iot/docs, src/content/reference/datasheets/m-series/msom-datasheet.md"
PARTICLE_BORON = "particle-iot/docs, src/content/reference/datasheets/b-series/boron-datasheet.md"
MODEMMANAGER_UBLOX = "linux-mobile-broadband/ModemManager, src/plugins/ublox/mm-modem-helpers-ublox.c"
BAND_ATLAS_MODELS = "365724-ctrl/band-atlas-data, data/models.csv"
PINE64_SPECS = "pine64/website, content/documentation/PinePhone/Further_information/Specifications.adoc"
RAYHUNTER_PINEPHONE = "EFForg/rayhunter, doc/pinephone.md"
ROOTER_MASK = "ofmodemsandmen/RooterSource, package/rooter/ext-rooter-basic/files/usr/lib/rooter/luci/mask.sh"
# RAKwireless (gateway maker) RAK7268V2/RAK7268CV2 WisGate Edge Lite 2 datasheet, "LTE Radio Specifications
# (Optional, Available with RAK7268CV2)" table, as docs.rakwireless.com publishes it (its Markdown source is stored
# in the code index as file 37598428477; the older stored revision in RAKWireless/rakwireless-docs @0703b837 lists
# only EG95-E/EG95-NA there)
RAK7268V2_DATASHEET = "RAKwireless RAK7268V2/RAK7268CV2 WisGate Edge Lite 2 datasheet"
# the table's EC25-E rows, word for word (HTML table rows of the Markdown source)
RAK7268V2_EC25E = ('<tr><td rowSpan="4">EC25-E (Korea/India)</td><td>LTE FDD: B1/B3/B5/B7/B8/B20 </td></tr>\n'
                   '    <tr><td>WCDMA: B1/B5/B8</td></tr>\n'
                   '    <tr><td>LTE TDD: B38/B40/B41</td></tr>\n'
                   '    <tr><td>GSM: B3/B8</td></tr>')

# Band Atlas models.csv rows at commit 027adc45, word for word
ATLAS_EG25G = ("eg25-g,Quectel EG25-G,Quectel,module,Cat 4,global,B1 B2 B3 B4 B5 B7 B8 B12 B13 B18 B19 B20 B25 B26 B28 "
               "B38 B39 B40 B41,,B1/B2/B4/B5/B6/B8/B19,850/900/1800/1900,q-eg25g erf-eg25g")
ATLAS_EC25E = "ec25-e,Quectel EC25-E,Quectel,module,Cat 4,EMEA,B1 B3 B5 B7 B8 B20 B38 B40 B41,,B1/B5/B8,900/1800,q-ec25 erf-ec25e"
ATLAS_EC25EUX = ("ec25-eux,Quectel EC25-EUX,Quectel,module,Cat 4,Europe (with B28),B1 B3 B7 B8 B20 B28 B38 B40 B41,,"
                 "B1/B8,,q-ec25 mouser-ec25")
ATLAS_EC25AF = ("ec25-af,Quectel EC25-AF,Quectel,module,Cat 4,North America,B2 B4 B5 B12 B13 B14 B66 B71,,B2/B4/B5,,"
                "q-ec25 mouser-ec25 erf-ec25af")

# Seeed's Wio Tracker - LTE wiki page (SeeedDocument/Wio_LTE, "Wio Tracker - LTE WIKI.md" @13e86f41): its
# "EC21 Module" table copies Quectel's EC21 variant table; the header and the EC21-E column's rows, word for word
SEEED_WIO_LTE = "SeeedDocument/Wio_LTE, file 'Wio Tracker - LTE WIKI.md'"
SEEED_EC21_TABLE = ("|Frequency|EC21-E|EC21-A|EC21-V|EC21-AUT|\n"
                    "|FDD-LTE(4G)| B1/ B3/ B5/ B7/ B8/ B20|B2/ B4/ B12|B4/ B8|B1/ B3/ B5/ B7/ B28|\n"
                    "|TDD-LTE(4G)||\n"
                    "|WCDMA(3G)|B1/ B5/ B8| B2/ B4/ B5|| B1/ B5|\n"
                    "|GSM/EDGE(2G)| B3/ B8||||")
# ModemManager's report of an EC21-E (firmware EC21EFAR06A02M4G) in IoTMAXX's gateway firmware README
# (iotmaxx/gw41XX-firmware, README; the revision stored in the code index as file 19171088726), word for word
IOTMAXX_README = "iotmaxx/gw41XX-firmware, README"
IOTMAXX_EC21E_MMCLI = ("  Bands    |            supported: egsm, dcs, utran-1, utran-5, utran-8, eutran-1, eutran-3,\n"
                       "           |                       eutran-5, eutran-7, eutran-8, eutran-20")
MM_GSM_NAMES = {"g850": 850, "egsm": 900, "dcs": 1800, "pcs": 1900}
COLUMN_ROW_LABELS = {"lte": ("FDD-LTE", "TDD-LTE"), "umts": ("WCDMA",), "gsm": ("GSM",)}


def decode_column(text: str, rat: str, column: str) -> list[int]:
    """Bands a Markdown table with one column per module variant gives `column` for `rat` (rows 'FDD-LTE(4G)',
    'WCDMA(3G)', 'GSM/EDGE(2G)'; GSM as GERAN band numbers B3/B8)."""
    rows = [line.strip().strip("|").split("|") for line in text.splitlines()]
    index = [cell.strip() for cell in rows[0]].index(column)
    numbers = {int(n) for row in rows[1:] if row[0].startswith(COLUMN_ROW_LABELS[rat]) and len(row) > index
               for n in re.findall(r"B(\d+)", row[index])}
    return sorted(GSM_BAND_NUMBERS[n] for n in numbers) if rat == "gsm" else sorted(numbers)


def decode_mm_supported(text: str, rat: str) -> list[int]:
    """Bands in ModemManager's 'Bands | supported:' lines (mmcli): egsm/dcs/g850/pcs, utran-N, eutran-N."""
    names = re.findall(r"\b(egsm|dcs|g850|pcs|utran-\d+|eutran-\d+)\b", text)
    if rat == "gsm":
        return sorted(MM_GSM_NAMES[n] for n in names if n in MM_GSM_NAMES)
    prefix = {"lte": "eutran-", "umts": "utran-"}[rat]
    return sorted(int(n[len(prefix):]) for n in names if n.startswith(prefix))


# (module, rat, [(where the line was published, form, the published lines)])
CORROBORATED = [
    ("quectel-eg91-ex", "lte", [
        (TELTONIKA_FMC640, "numbers", "EG91-EX: LTE FDD: B1/B3/B7/B8/B20/B28"),
        (PARTICLE_MSOM, "numbers", "| LTE FDD Bands | Band 28A (700 MHz) |\n"
                                   "| | Band 20 (800 MHz)  |\n"
                                   "| | Band 8 (900 MHz)  |\n"
                                   "| | Band 3 (1800 MHz)  |\n"
                                   "| | Band 1 (2100 MHz)  |\n"
                                   "| | Band 7 (2600 MHz)  |"),
    ]),
    ("quectel-eg91-ex", "umts", [
        (TELTONIKA_FMC640, "numbers", "EG91-EX: WCDMA: B1/B8"),
        (PARTICLE_MSOM, "numbers", "| WCDMA Bands | Band 8 (900 MHz) | \n"
                                   "| | Band 1 (2100) |"),
    ]),
    ("quectel-eg91-ex", "gsm", [
        (TELTONIKA_FMC640, "numbers", "EG91-EX: GSM: B3/B8"),
        (PARTICLE_MSOM, "gsm-names", "| GSM Bands | EGSM900 (900 MHz) |\n"
                                     "| | DCS1800 (1800 MHz) |"),
    ]),
    ("quectel-eg25-g", "lte", [
        (PINE64_SPECS, "numbers", "** *LTE-FDD*: B1, B2, B3, B4, B5, B7, B8, B12, B13, B18, B19, B20, B25, B26, B28\n"
                                  "** *LTE-TDD*: B38, B39, B40, B41"),
        (BAND_ATLAS_MODELS, "band-atlas-csv", ATLAS_EG25G),
        # the frequency labels of rows 19 and 39 are wrong in the original; the band numbers are what is read
        (RAYHUNTER_PINEPHONE, "table-rows", "|    1 | 2100 MHz (IMT)    |\n|    2 | 1900 MHz (PCS)    |\n"
                                            "|    3 | 1800 MHz (DCS)    |\n|    4 | 1700 MHz (AWS-1)  |\n"
                                            "|    5 | 850 MHz (CLR)     |\n|    7 | 2600 MHz (IMT-E)  |\n"
                                            "|    8 | 900 MHz (E-GSM)   |\n|   12 | 700 MHz (LSMH)    |\n"
                                            "|   13 | 700 MHz (USMH)    |\n|   18 | 850 MHz (LSMH)    |\n"
                                            "|   19 | 850 MHz (L800)    |\n|   20 | 800 MHz (DD)      |\n"
                                            "|   25 | 1900 MHz (E-PCS)  |\n|   26 | 850 MHz (E-CLR)   |\n"
                                            "|   28 | 700 MHz (APT)     |\n|   38 | 2600 MHz (IMT-E)  |\n"
                                            "|   39 | 850 MHz (E-CLR)   |\n|   40 | 2300 MHz (S-Band) |\n"
                                            "|   41 | 2500 MHz (BRS)    |"),
    ]),
    ("quectel-eg25-g", "umts", [
        (PINE64_SPECS, "numbers", "** *WCDMA*: B1, B2, B4, B5, B6, B8, B19"),
        (BAND_ATLAS_MODELS, "band-atlas-csv", ATLAS_EG25G),
    ]),
    ("quectel-eg25-g", "gsm", [
        (PINE64_SPECS, "numbers", "** *GSM*: B2, B3, B5, B8 (850, 900, 1800, 1900 MHz)"),
        (BAND_ATLAS_MODELS, "band-atlas-csv", ATLAS_EG25G),
    ]),
    ("quectel-ec25-e", "lte", [
        (ROOTER_MASK, "numbers", "#E EC25EFAR\t\tB1/B3/B5/B7/B8/B20/B38/B40/B41"),
        (BAND_ATLAS_MODELS, "band-atlas-csv", ATLAS_EC25E),
        (RAK7268V2_DATASHEET, "labelled-rows", RAK7268V2_EC25E),
    ]),
    ("quectel-ec25-e", "umts", [
        (RAK7268V2_DATASHEET, "labelled-rows", RAK7268V2_EC25E),
        (BAND_ATLAS_MODELS, "band-atlas-csv", ATLAS_EC25E),
    ]),
    ("quectel-ec25-e", "gsm", [
        (RAK7268V2_DATASHEET, "labelled-rows", RAK7268V2_EC25E),
        (BAND_ATLAS_MODELS, "band-atlas-csv", ATLAS_EC25E),
    ]),
    ("quectel-ec25-eux", "lte", [
        (ROOTER_MASK, "numbers", "#EUX EC25EUXGAR\tB1/B3/B7/B8/B20/B28A/B38/B40/B41"),
        (BAND_ATLAS_MODELS, "band-atlas-csv", ATLAS_EC25EUX),
    ]),
    ("quectel-ec25-af", "lte", [
        (ROOTER_MASK, "numbers", "#AF EC25AFFAR\t\tB2/B4/B5/B12/B13/B14/B66/B71 "),
        (BAND_ATLAS_MODELS, "band-atlas-csv", ATLAS_EC25AF),
    ]),
    ("ublox-sara-u201", "gsm", [
        (MODEMMANAGER_UBLOX, "gsm-names", ".bands_2g = { MM_MODEM_BAND_G850, MM_MODEM_BAND_EGSM, MM_MODEM_BAND_DCS,"
                                          " MM_MODEM_BAND_PCS },"),
        (PARTICLE_BORON, "gsm-names", "|Bands | GSM 850 MHz |\n"
                                      "| | E-GSM 900 MHz|\n"
                                      "| | DCS 1800 MHz |\n"
                                      "| | PCS 1900 MHz | "),
    ]),
]


def test_decode_reads_each_published_form():
    assert decode("EG91-AUX: LTE-FDD: B1/B2/B3/B4/B5/B7/B8/B28/B66", "lte", "numbers") == [1, 2, 3, 4, 5, 7, 8, 28, 66]
    assert decode("Band 28A (700 MHz) | Band 20 (800 MHz)", "lte", "numbers") == [20, 28]  # 28A is band 28
    assert decode("EG91-AUX: GSM: B2/B3/B5/B8", "gsm", "numbers") == [850, 900, 1800, 1900]
    assert decode("GSM850 (850 MHz) | EGSM900 (900 MHz)", "gsm", "gsm-names") == [850, 900]
    # a name is read once: "E-GSM 900" is 900 only, "DCS1800" is not also "DCS"
    assert decode("E-GSM 900 MHz | DCS1800 (1800 MHz)", "gsm", "gsm-names") == [900, 1800]
    assert decode("MM_MODEM_BAND_G850, MM_MODEM_BAND_PCS", "gsm", "gsm-names") == [850, 1900]
    # a Band Atlas row is read by the RAT's column: "Europe (with B28)" in the region column is not a band
    row = "x,X,Q,module,Cat 4,Europe (with B28),B1 B3,,B1/B8,900/1800,src"
    assert decode(row, "lte", "band-atlas-csv") == [1, 3]
    assert decode(row, "umts", "band-atlas-csv") == [1, 8]
    assert decode(row, "gsm", "band-atlas-csv") == [900, 1800]
    assert decode("x,X,Q,module,Cat 4,EU,B1,,B1/B8,,src", "gsm", "band-atlas-csv") == []  # an empty cell states nothing
    rows = "<td>EC25-X</td><td>LTE FDD: B1/B3 </td>\n<td>WCDMA: B1/B8</td>\n<td>LTE TDD: B38</td>\n<td>GSM: B3/B8</td>"
    assert decode(rows, "lte", "labelled-rows") == [1, 3, 38]  # FDD and TDD rows, not the WCDMA row
    assert decode(rows, "umts", "labelled-rows") == [1, 8]
    assert decode(rows, "gsm", "labelled-rows") == [900, 1800]  # GERAN band numbers 3 and 8
    assert decode("| Band | Frequency |\n| ---- | --- |\n|    1 | 2100 MHz |\n|   41 | 2500 MHz |", "lte",
                  "table-rows") == [1, 41]


def test_decode_reads_a_variant_column_and_modemmanager_bands():
    table = "|Frequency|X-E|X-A|\n|FDD-LTE(4G)| B1/ B3|B2/ B4|\n|WCDMA(3G)|B1/ B8| B2|\n|GSM/EDGE(2G)| B3/ B8||"
    assert decode_column(table, "lte", "X-E") == [1, 3] and decode_column(table, "lte", "X-A") == [2, 4]
    assert decode_column(table, "umts", "X-E") == [1, 8] and decode_column(table, "gsm", "X-E") == [900, 1800]
    assert decode_column(table, "gsm", "X-A") == []  # an empty cell states nothing
    mm = "Bands | supported: egsm, dcs, utran-1, utran-8, eutran-1, eutran-20"
    assert decode_mm_supported(mm, "gsm") == [900, 1800] and decode_mm_supported(mm, "umts") == [1, 8]
    assert decode_mm_supported(mm, "lte") == [1, 20]  # 'eutran-1' is not read as 'utran-1'


@pytest.mark.parametrize("rat", ["lte", "umts", "gsm"])
def test_ec21_e_lists_rest_on_one_integrator_table_and_a_device_report(rat):
    """EC21-E: no vendor table was read. Seeed's wiki copy of Quectel's EC21 variant table and ModemManager's report
    of an EC21-E's supported bands both give the shipped lists; one table and a device read (corroboration, never
    verification) do not make two sources, so the lists stay unverified and the notes name both."""
    fact = load_profile("quectel-ec21-e").bands[rat]
    assert decode_column(SEEED_EC21_TABLE, rat, "EC21-E") == sorted(fact.bands)
    assert decode_mm_supported(IOTMAXX_EC21E_MMCLI, rat) == sorted(fact.bands)
    assert fact.verified is False
    assert SEEED_WIO_LTE in (fact.note or "") and IOTMAXX_README in (fact.note or "")


# u-blox SARA-N2 / SARA-N3 series AT commands manual UBX-16014887 R21 (iotcreators/doclib-downloads @3f3a39f0,
# device-integrations/u-blox/SARA-N2/SARA-N2-N3_ATCommands_UBX-16014887.pdf), word for word as pypdf extracts them:
# section 5.13 +NBAND's <n> and the module line of section 5.9 +UBANDSEL
N2_MANUAL = "SARA-N2 / SARA-N3 series AT commands manual UBX-16014887 R21"
N2_MANUAL_NBAND_N = ("<n> Number LTE band expressed as a decimal number. The allowed values depends on the\n"
                     "product and can assume these values: 5, 8, 20 and 28. See the data sheet for the LTE\n"
                     "bands supported by each product.")
N2_MANUAL_UBANDSEL_MODULES = "+UBANDSEL\nModules SARA-N3"
MM_SARA_N211 = ".bands_4g = { MM_MODEM_BAND_EUTRAN_8, MM_MODEM_BAND_EUTRAN_20 }"


def test_sara_n211_list_lies_within_the_vendor_manuals_band_values_but_stays_unverified():
    """SARA-N211: ModemManager's table gives B8 and B20. u-blox's own AT manual allows 5, 8, 20 and 28 for the series
    and sends the reader to the data sheet (not found) for each product's bands: consistent, not a statement of the
    N211's list, so it stays unverified. The manual gives +UBANDSEL to SARA-N3 alone, so the profile must keep the
    AT+NBAND dialect, not the +UBANDSEL one ModemManager claims for the N2 models."""
    profile = load_profile("ublox-sara-n211")
    fact = profile.bands["nb-iot"]
    allowed = {int(n) for n in re.findall(r"\d+", N2_MANUAL_NBAND_N.split("these values:", 1)[1].split(".", 1)[0])}
    assert allowed == {5, 8, 20, 28}
    assert set(fact.bands) <= allowed
    assert sorted(int(n) for n in re.findall(r"EUTRAN_(\d+)", MM_SARA_N211)) == sorted(fact.bands)
    assert "SARA-N2" not in N2_MANUAL_UBANDSEL_MODULES and profile.dialect == "ublox-n2"
    assert fact.verified is False
    assert "UBX-16014887 R21" in (fact.note or "") and "doclib-downloads" in (fact.note or "")
    assert "5, 8, 20 and 28" in (fact.note or "")


def test_unverified_lists_name_the_single_source_found():
    """Where only one non-vendor source states a list, the fact stays unverified and its note says which one agreed."""
    for module_id, rat in [("quectel-ec25-eux", "umts"),
                           ("quectel-ec25-af", "umts"), ("quectel-eg21-g", "lte"), ("quectel-eg21-g", "umts"),
                           ("quectel-eg21-g", "gsm")]:
        fact = load_profile(module_id).bands[rat]
        assert fact.verified is False and "Band Atlas" in (fact.note or ""), (module_id, rat)


@pytest.mark.parametrize("module_id, rat, sources", CORROBORATED, ids=[f"{c[0]}-{c[1]}" for c in CORROBORATED])
def test_two_sources_state_the_shipped_list(module_id, rat, sources):
    fact = load_profile(module_id).bands[rat]
    assert len({where for where, _, _ in sources}) >= 2, "two independent sources"
    for where, form, line in sources:
        assert decode(line, rat, form) == sorted(fact.bands), (where, line)
        assert where in fact.source, f"{module_id} {rat}: source does not name {where}"
    assert fact.verified is True


def test_every_two_source_verification_is_listed_here():
    """A fact verified under the two-source rule says so in its source; it must then be checked above."""
    from atctl.profiles import all_profiles

    listed = {(module_id, rat) for module_id, rat, _ in CORROBORATED}
    for profile in all_profiles().values():
        for rat, fact in profile.bands.items():
            if fact.verified and "two-source rule" in fact.source + (fact.note or ""):
                assert (profile.id, rat) in listed, f"{profile.id} {rat}"


@pytest.mark.parametrize("module_id, rat, country, network", [
    ("quectel-eg91-ex", "lte", "DE", "de-telekom"),
    ("ublox-sara-u201", "gsm", "DE", "de-telekom"),
    ("quectel-eg25-g", "lte", "DE", "de-telekom"),
    ("quectel-ec25-e", "lte", "DE", "de-telekom"),
    ("quectel-ec25-eux", "lte", "NL", "nl-kpn"),
    ("quectel-ec25-af", "lte", "US", "us-att"),
])
def test_verified_module_applies_and_verifies_on_the_simulator(cli_json, applies_and_verifies, module_id, rat, country,
                                                               network):
    applies_and_verifies(module_id, rat, country, network)
    code, shown = cli_json("modules", module_id)
    assert code == 0 and shown["module"]["bands"][rat]["verified"] is True


# LabWired's bench capture of a BG770A-GL EVB (w1ne/labwired-core @fed8ea1b,
# crates/core/tests/fixtures/quectel_bg770a/at_harvest.log; ATI 'Revision: BG770AGLAAR01A05'), word for word.
# The test form's ranges are the masks this firmware accepts; the read is the factory "all bands" setting.
BG770A_QCFG_TEST = '+QCFG: "band",(0),(0-0x2000000000f0e189f),(0-200000000090f189f),(0,1)'
BG770A_QCFG_READ = '+QCFG: "band",0x0,0x2000000000f0e189f,0x200000000090f189f'
ATLAS_BG770A = ("bg770a-gl,Quectel BG770A-GL,Quectel,module,LTE-M / NB-IoT,global,B1 B2 B3 B4 B5 B8 B12 B13 B17 B18 B19 "
                "B20 B25 B26 B27 B28 B66,,,,q-bg770a erf-bg77xa")


def test_bg770a_gl_lists_are_what_the_module_accepts_and_band_atlas_merges():
    """BG770A-GL: no vendor table was read. The firmware's own AT+QCFG="band" range and its factory setting give
    Cat M1 without B85 and Cat NB2 with B17, without B71 and B85; Band Atlas' one merged list is exactly their union.
    The lists were BG77/BG95-M3's (taken, not read) until 2026-12-01. A device read corroborates, it does not verify."""
    from atctl.bands.masks import decode_qcfg_masks, parse_hex

    ranges = re.findall(r"\(0-(?:0x)?([0-9a-fA-F]+)\)", BG770A_QCFG_TEST)
    read = BG770A_QCFG_READ.split(",")[1:]
    accepted = decode_qcfg_masks(0, parse_hex(ranges[0]), parse_hex(ranges[1]))
    factory = decode_qcfg_masks(parse_hex(read[0]), parse_hex(read[1]), parse_hex(read[2]))
    assert accepted == factory
    profile = load_profile("quectel-bg770a-gl")
    lte_m, nb_iot = profile.bands["lte-m"], profile.bands["nb-iot"]
    assert sorted(lte_m.bands) == accepted["lte_m"] and sorted(nb_iot.bands) == accepted["nb_iot"]
    assert sorted(set(lte_m.bands) | set(nb_iot.bands)) == decode(ATLAS_BG770A, "lte", "band-atlas-csv")
    for fact in (lte_m, nb_iot):
        assert fact.verified is False
        assert "BG770AGLAAR01A05" in fact.source + (fact.note or "") and "Band Atlas" in fact.source + (fact.note or "")


# Seeed K.K.'s Wio Cellular library (SeeedJP/wio_cellular @7d07946a), word for word:
# src/module/bg770a/commands/Bg770aExtendedConfigurationCommands.hpp, getSearchFrequencyBand's @arg lines for the
# eMTC and NB-IoT values, which it cites to "BG77xA-GL&BG95xA-GL QCFG AT Commands Manual 2.1.1.4. AT+QCFG="band"",
# and src/network/Bg770aNetwork.hpp's default configuration
SEEED_WIO_CELLULAR = "SeeedJP/wio_cellular"
SEEED_BG770A_EMTC_ARGS = '''\
*   @arg "0x1": LTE B1
*   @arg "0x2": LTE B2
*   @arg "0x4": LTE B3
*   @arg "0x8": LTE B4
*   @arg "0x10": LTE B5
*   @arg "0x80": LTE B8
*   @arg "0x800": LTE B12
*   @arg "0x1000": LTE B13
*   @arg "0x20000": LTE B18
*   @arg "0x40000": LTE B19
*   @arg "0x80000": LTE B20
*   @arg "0x1000000": LTE B25
*   @arg "0x2000000": LTE B26
*   @arg "0x4000000": LTE B27
*   @arg "0x8000000": LTE B28
*   @arg "0x20000000000000000": LTE B66'''
SEEED_BG770A_NBIOT_ARGS = '''\
*   @arg "0x1": LTE B1
*   @arg "0x2": LTE B2
*   @arg "0x4": LTE B3
*   @arg "0x8": LTE B4
*   @arg "0x10": LTE B5
*   @arg "0x80": LTE B8
*   @arg "0x800": LTE B12
*   @arg "0x1000": LTE B13
*   @arg "0x10000": LTE B17
*   @arg "0x20000": LTE B18
*   @arg "0x40000": LTE B19
*   @arg "0x80000": LTE B20
*   @arg "0x1000000": LTE B25
*   @arg "0x8000000": LTE B28
*   @arg "0x20000000000000000": LTE B66'''
SEEED_BG770A_DEFAULT_CONFIG = 'config{SearchAccessTechnology::LTEM_NBIOT, "0x2000000000f0e189f", "0x200000000090f189f", 1, ""},'


def decode_seeed_args(text: str) -> list[int]:
    """Bands of Seeed's '@arg "<hex>": LTE B<n>' lines; each value must be the band's own bit (bit n-1)."""
    pairs = re.findall(r'@arg "0x([0-9a-fA-F]+)": LTE B(\d+)', text)
    assert pairs and len(pairs) == len(text.splitlines())
    for value, band in pairs:
        assert int(value, 16) == 1 << (int(band) - 1), (value, band)
    return sorted(int(band) for _, band in pairs)


def test_bg770a_gl_lists_match_seeeds_copy_of_the_qcfg_manual_but_stay_unverified():
    """BG770A-GL: Seeed's library gives, per RAT, the AT+QCFG="band" values of Quectel's BG77xA-GL QCFG manual; they
    are the shipped lists, and its default masks are LabWired's factory values. One integrator's copy plus a device read
    is not two per-RAT statements, so both lists stay unverified and their notes name Seeed's file."""
    from atctl.bands.masks import decode_qcfg_masks, parse_hex

    profile = load_profile("quectel-bg770a-gl")
    lte_m, nb_iot = profile.bands["lte-m"], profile.bands["nb-iot"]
    assert decode_seeed_args(SEEED_BG770A_EMTC_ARGS) == sorted(lte_m.bands)
    assert decode_seeed_args(SEEED_BG770A_NBIOT_ARGS) == sorted(nb_iot.bands)
    emtc_mask, nbiot_mask = re.findall(r'"(0x[0-9a-f]+)"', SEEED_BG770A_DEFAULT_CONFIG)
    defaults = decode_qcfg_masks(0, parse_hex(emtc_mask), parse_hex(nbiot_mask))
    assert defaults["lte_m"] == sorted(lte_m.bands) and defaults["nb_iot"] == sorted(nb_iot.bands)
    assert (emtc_mask, nbiot_mask) == tuple("0x" + m for m in re.findall(r"\(0-(?:0x)?([0-9a-f]+)\)", BG770A_QCFG_TEST))
    for fact in (lte_m, nb_iot):
        assert fact.verified is False
        assert SEEED_WIO_CELLULAR in (fact.note or "") and "7d07946a" in (fact.note or "")
