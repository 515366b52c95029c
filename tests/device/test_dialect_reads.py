"""The forms device/ asks the dialect for (identity, serving cell, signal, granted PSM, boot banner):
the vendor defaults, and the profile quirks that refine them (modem_profiles/README.md)."""

from atctl.dialects import get_dialect
from atctl.profiles import load_profile


def _dialect(module):
    return get_dialect(load_profile(module))


def test_quectel_reads_its_own_iccid_command_only():
    assert _dialect("quectel-bg95-m3").iccid_reads == (("AT+QCCID", "+QCCID:"),)
    assert [c for c, _ in _dialect("ublox-sara-r510s").iccid_reads] == ["AT+QCCID", "AT+CCID", "AT+ICCID"]
    assert [c for c, _ in get_dialect(None).iccid_reads] == ["AT+QCCID", "AT+CCID", "AT+ICCID"]  # unidentified


def test_serving_cell_read_per_family():
    assert _dialect("quectel-bg95-m3").serving_cell_read() == ("AT+QNWINFO", "+QNWINFO:")
    assert _dialect("quectel-ec25-e").serving_cell_read() == ("AT+QNWINFO", "+QNWINFO:")
    assert _dialect("quectel-bc660k-gl").serving_cell_read() == ("AT+QENG=0", "+QENG: 0,")  # quirk and default
    assert _dialect("ublox-sara-r410m-02b").serving_cell_read() is None


def test_signal_reads_start_with_qcsq_on_quectel_lte_m_only():
    assert [c for c, _ in _dialect("quectel-bg95-m3").signal_reads()] == ["AT+QCSQ", "AT+CESQ", "AT+CSQ"]
    assert [c for c, _ in _dialect("quectel-bc660k-gl").signal_reads()] == ["AT+CESQ", "AT+CSQ"]  # NB-IoT only
    assert [c for c, _ in _dialect("ublox-sara-r510s").signal_reads()] == ["AT+CESQ", "AT+CSQ"]


def test_quirks_refine_the_dialect_defaults():
    from atctl.profiles.model import Quirks

    profile = load_profile("ublox-sara-r510s").model_copy(
        update={"quirks": Quirks(signal_read="qcsq", serving_cell_read="qnwinfo", boot_banner="+UUSTS: 0")})
    dialect = get_dialect(profile)
    assert dialect.signal_reads()[0] == ("AT+QCSQ", "+QCSQ:")
    assert dialect.serving_cell_read() == ("AT+QNWINFO", "+QNWINFO:")
    assert dialect.boot_banner() == "+UUSTS: 0"
    assert dialect.granted_psm_reads() == ()  # the profile's psm_granted_read quirk was replaced


def test_granted_psm_read_and_boot_banner():
    assert _dialect("ublox-sara-r510s").granted_psm_reads() == (("AT+UCPSMS?", "+UCPSMS:"),)
    assert _dialect("quectel-bg95-m3").granted_psm_reads() == ()
    assert _dialect("quectel-bc66").boot_banner() == "RDY"   # no quirk: the Quectel default
    assert _dialect("ublox-sara-r510s").boot_banner() is None  # silent: apply probes it
