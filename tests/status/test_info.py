"""`atctl info` human output (#13): never Python's None, module text as plain text."""


def test_unread_fields_say_so_in_words(cli):
    # AT+CGMR answers an error: the firmware is not known, and the table says so instead of "None" or "-"
    code, out, err = cli("info", "--port", "sim://quectel-bg95-m3?cme=AT%2BCGMR")
    assert code == 0
    assert "None" not in out
    row = next(line for line in out.splitlines() if "revision" in line)
    assert "not read (the module did not answer)" in row


def test_ids_without_sim_name_the_reason(cli):
    code, out, _ = cli("info", "--port", "sim://quectel-bg95-m3?sim=absent")
    row = next(line for line in out.splitlines() if "imsi" in line)
    assert "not read (SIM not inserted)" in row and "None" not in out


def test_sim_state_in_the_words_status_uses(cli_json):
    code, doc = cli_json("info", "--port", "sim://quectel-bg95-m3?sim=pin")
    assert doc["sim"] == "pin-required" and "PIN" in doc["sim_detail"]
    code, doc = cli_json("info", "--port", "sim://quectel-bg95-m3")
    assert doc["sim"] == "ready"
