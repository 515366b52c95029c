import pytest

"""Identifiers are redacted everywhere; band masks, which are long numbers too, are not."""

from atctl.redact import mask_secrets, redact_text


def test_identifier_shaped_runs_are_redacted():
    # IMEI 15 digits, ICCID 19-20 (may end in F): only the last 4 digits stay
    text = "IMEI 867698041234567, ICCID 8931081234567891234F"
    assert redact_text(text) == "IMEI ***********4567, ICCID ****************234F"


def test_band_masks_are_not_identifiers():
    # DOMAIN.md BG95-M3 default band read (hex) and a LARA-R6 +UBANDMASK read with 15-digit masks
    # (u-blox application note UBX-22001850 table 13)
    hexline = 'AT+QCFG="band",0x0,0x100002000000000f0e189f,0x10004200000000090e189f,1'
    decline = "+UBANDMASK: 3,2061752998111,0,2,562950035734912"
    assert redact_text(hexline) == hexline
    assert redact_text(decline + "\n+CIMI: 262011234567890") == decline + "\n+CIMI: ***********7890"


def test_pin_is_masked():
    assert mask_secrets('AT+CPIN="1234"') == 'AT+CPIN="****"'


@pytest.mark.parametrize("command,masked", [
    # SARA-N2 enters its PIN with AT+NPIN=0,"<pin>" and changes it with AT+NPIN=1,"<old>","<new>"
    # (mbed-os UBLOX_N2XX.cpp: at_cmd_discard("+NPIN", "=", "%d%s", 0, sim_pin))
    ('AT+NPIN=0,"4321"', 'AT+NPIN=0,"****"'),
    ('AT+NPIN=1,"4321","8765"', 'AT+NPIN=1,"****","****"'),
])
def test_sara_n2_pin_is_masked(command, masked):
    assert mask_secrets(command) == masked


def test_send_does_not_print_a_sara_n2_pin(cli):
    code, out, err = cli("send", 'AT+NPIN=0,"4321"', "--port", "sim://ublox-sara-n211", "-v")
    assert "4321" not in out + err


def test_a_redacted_identifier_is_read_back_as_one_on_replay():
    # transcripts store IMEI/IMSI/ICCID as redact_id writes them; replay:// must accept that shape as the
    # identifier's reply (atctl.at.classify), so the two share one pattern
    from atctl.at.classify import ReplyMatcher
    from atctl.redact import REDACTED_ID, redact_id

    for value in ("867730051234567", "262011234567890", "89490200001234567890"):
        assert REDACTED_ID.match(redact_id(value))
    matcher = ReplyMatcher("AT+CGSN")
    assert matcher.fits_bare(redact_id("867730051234567")) and not matcher.fits_bare("****")
