"""Reading back a set command the host sent: what it asks the network for. The set command's
fields after <mode> are the read reply's, so the read parsers decode them (one codec, both ways).

Lines: DOMAIN.md 2 and 3 examples (27.007 7.38 / 7.40 syntax); `AT+CPSMS=1,,,"...","..."` is the
form Nordic sdk-nrf's lte_lc sends (lib/lte_link_control: "AT+CPSMS=1,,,\"%s\",\"%s\""); BG95 AT
manual: AT+QPTWEDRXS=<mode>,<AcT>,"<ptw>","<edrx>", PTW first."""

from __future__ import annotations

import pytest

from atctl.codecs.set_commands import parse_set_command


def test_cpsms_as_sdk_nrf_tests_send_it():
    # sdk-nrf tests/lib/lte_lc_api: lte_lc_psm_param_set("00000111", "01001001") then lte_lc_psm_req(true)
    asked = parse_set_command('AT+CPSMS=1,,,"00000111","01001001"')
    assert (asked.reply.periodic_tau_s, asked.reply.active_time_s) == (7 * 600, 9 * 360)
    only_tau = parse_set_command('AT+CPSMS=1,,,"00000111"')   # lte_lc's form without an active time
    assert (only_tau.reply.periodic_tau_s, only_tau.reply.active_time_s) == (4200, None)


def test_cpsms_on_with_both_timers():
    asked = parse_set_command('AT+CPSMS=1,,,"01001110","00000101"')
    assert (asked.command, asked.mode) == ("CPSMS", 1)
    assert (asked.reply.periodic_tau_s, asked.reply.active_time_s) == (140 * 3600, 10)


@pytest.mark.parametrize("line", ["AT+CPSMS=0", "at+cpsms=0", "AT+CPSMS = 0"])
def test_cpsms_off(line):
    asked = parse_set_command(line)
    assert asked.mode == 0 and asked.reply.periodic_tau_s is None


def test_cedrxs_lte_m():
    asked = parse_set_command('AT+CEDRXS=1,4,"1000"')
    assert (asked.command, asked.mode, asked.reply.rat, asked.reply.requested_s) == ("CEDRXS", 1, "lte-m", 143.36)


def test_cedrxs_off_for_one_rat():
    asked = parse_set_command("AT+CEDRXS=0,5")
    assert (asked.mode, asked.reply.rat, asked.reply.requested_s) == (0, "nb-iot", None)


def test_quectel_ptw_first():
    asked = parse_set_command('AT+QPTWEDRXS=2,4,"0011","0101"')
    assert (asked.command, asked.mode, asked.reply.rat) == ("QPTWEDRXS", 2, "lte-m")
    assert asked.reply.requested_bits == "0101" and asked.reply.ptw_bits == "0011"


@pytest.mark.parametrize("line", ['AT+CPSMS=1,,,"0100111","00000101"', "AT+CEDRXS=1,9,\"0101\"", "AT+CPSMS=7",
                                  "AT+CPSMS?", "AT+CSQ", "AT+CEDRXS=", ""])
def test_unreadable_or_other_commands_are_none(line):
    assert parse_set_command(line) is None


# review findings (each failed before)
def test_quectel_ptw_alone_is_not_an_edrx_request():
    asked = parse_set_command('AT+QPTWEDRXS=2,4,"0011"')
    assert asked.reply.ptw_bits == "0011" and asked.reply.requested_bits is None and asked.reply.requested_s is None


def test_chained_commands_are_each_read():
    from atctl.codecs.set_commands import parse_set_commands

    asked = parse_set_commands('AT+CPSMS=1,,,"00000111","00000101";+CEDRXS=0,4')
    assert [(a.command, a.mode) for a in asked] == [("CPSMS", 1), ("CEDRXS", 0)]
    assert parse_set_commands('AT+CSQ;+CPSMS=0')[0].command == "CPSMS"


def test_a_malformed_field_lte_never_uses_does_not_hide_the_request():
    # <Requested_Periodic-RAU> with 7 bits: GERAN/UTRAN only, the LTE timers are still readable
    asked = parse_set_command('AT+CPSMS=1,"0000001","00000001","00000111","00000101"')
    assert (asked.reply.periodic_tau_s, asked.reply.active_time_s) == (4200, 10)


@pytest.mark.parametrize("line", ['AT+CEDRXS=7,4,"0101"', 'AT+QPTWEDRXS=9,4,"0011","0101"', "AT+CPSMS=\u0661"])
def test_modes_outside_the_manuals_and_non_ascii_digits_are_refused(line):
    assert parse_set_command(line) is None


def test_deactivated_timers_are_a_request_too():
    asked = parse_set_command('AT+CPSMS=1,,,"11100000","11100000"')
    assert asked.mode == 1 and asked.reply.periodic_tau_bits == "11100000" and asked.reply.periodic_tau_s is None
