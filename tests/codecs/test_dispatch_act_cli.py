"""act_to_rat per vendor/profile, the parse_line registry, fuzzing, and `atctl decode`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atctl.errors import InputError
from atctl.codecs import PARSERS, act_to_rat, parse_line, supported_prefixes


@pytest.mark.parametrize("act,vendor,profile_id,rat", [
    (7, None, None, "lte"), (8, None, None, "ec-gsm-iot"), (9, None, None, "nb-iot"), (0, None, None, "gsm"),
    (2, None, None, "umts"), (8, "quectel", None, "lte-m"),        # DOMAIN: BG9x report 8 for eMTC
    (7, "ublox", None, "lte-m"), (8, None, "quectel-bg95-m3", "lte-m"), (9, None, "quectel-bg95-m3", "nb-iot"),
    (7, None, "ublox-sara-r410m-02b", "lte-m"), (7, None, "quectel-eg25-g", "lte"), (None, None, None, None),
])
def test_act_to_rat(act, vendor, profile_id, rat):
    profile = None
    if profile_id:
        from atctl.profiles import load_profile

        profile = load_profile(profile_id)
    assert act_to_rat(act, vendor=vendor, profile=profile) == rat


def test_cops_act_8_follows_vendor():
    assert parse_line('+COPS: 0,2,"24701",8', vendor="quectel").fields["rat"] == "lte-m"
    assert parse_line('+COPS: 0,2,"24701",8').fields["rat"] == "ec-gsm-iot"


def test_registry_covers_every_required_prefix():
    required = {"CEREG", "CGREG", "CREG", "CEDRXS", "CEDRXP", "CEDRXRDP", "CPSMS", "QPSMS", "UCPSMS", "QCFG",
                "UBANDMASK", "QBAND", "UBANDSEL", "CFUN", "URAT", "UMNOPROF", "QNWINFO", "QENG", "COPS", "CSQ", "CESQ", "QCSQ", "CGDCONT", "CPIN",
                "CME ERROR", "CMS ERROR"}
    assert required <= set(PARSERS) and supported_prefixes() == sorted(PARSERS)


@pytest.mark.parametrize("line,message", [
    ("OK", "supported prefixes"), ("+FOO: 1", "+FOO is not a supported response"), ("", "+PREFIX: values"),
    ("+CSQ: a,b", "rssi"),
])
def test_unknown_or_malformed_lines_name_the_problem(line, message):
    with pytest.raises(InputError) as err:
        parse_line(line)
    assert message in err.value.one_line()


def test_prefix_tolerates_case_and_missing_plus():
    assert parse_line("cereg: 0,1").type == "CEREG"


_PREFIXES = st.sampled_from([f"+{p}: " for p in PARSERS] + ["+", "", "AT", "+X: "])
_BODY = st.text(alphabet=st.sampled_from(list('0123456789abcdefABCDEF,"-() x.:+ \t') + ["\u00e9"]), max_size=60)


@settings(max_examples=400, deadline=None)
@given(prefix=_PREFIXES, body=_BODY, urc=st.sampled_from([None, True, False]))
def test_fuzz_only_input_error(prefix, body, urc):
    try:
        parsed = parse_line(prefix + body, is_urc=urc)
    except InputError:
        return
    assert parsed.type in PARSERS and isinstance(parsed.fields, dict)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_fuzz_any_text(text):
    try:
        parse_line(text)
    except InputError:
        pass


def test_cli_json(cli_json):
    code, doc = cli_json("decode", '+CEDRXP: 4,"1000","0101","1011"')
    assert code == 0 and doc["type"] == "CEDRXP"
    assert (doc["fields"]["requested_s"], doc["fields"]["granted_s"], doc["fields"]["ptw_s"]) == (143.36, 81.92, 15.36)


def test_cli_module_quirk(cli_json):
    code, doc = cli_json("decode", '+COPS: 0,2,"24701",8', "--module", "quectel-bg95-m3")
    assert code == 0 and doc["fields"]["rat"] == "lte-m" and doc["fields"]["operator_name"] == "LMT"


def test_cli_readable_table(cli):
    code, out, _ = cli("decode", '+CEREG: 1,"71F6","14BCB0C",9,,,"00001010","00001010"')
    assert code == 0 and "1 h 40 min" in out and "nb-iot" in out


def test_cli_urc_flag(cli_json):
    assert cli_json("decode", "+CEREG: 0,1", "--urc")[1]["fields"]["stat"] == 0
    assert cli_json("decode", "+CEREG: 0,1", "--read")[1]["fields"]["stat"] == 1


@pytest.mark.parametrize("args", [("+FOO: 1",), ("garbage",), ("+CSQ: 1", "--vendor", "nokia")])
def test_cli_bad_input_exits_2(cli, args):
    code, out, err = cli("decode", *args)
    assert code == 2 and "error" in err and "Traceback" not in err + out
