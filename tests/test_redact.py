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
