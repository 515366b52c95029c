"""Simulator options: one validation for sim:// URLs, `sim serve -o`, the fixtures and sim_url();
a typo or a bad value is exit 2 with one line (it used to be "internal error", or silently
the default network), and a '+' in a value is a '+' (stall=AT+CPSMS used to stall nothing)."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atctl.errors import InputError, ModemTimeout
from atctl.sim.options import OPTIONS, build_url, parse_query, validate_options
from atctl.sim.protocol_sim import parse_url
from atctl.testing import sim_url


@pytest.mark.parametrize("query,expected", [
    ("stall=AT+CPSMS", {"stall": "AT+CPSMS"}),
    ("stall=AT%2BCPSMS", {"stall": "AT+CPSMS"}),
    ("cme=AT+COPS:30&latency=0.05", {"cme": "AT+COPS:30", "latency": "0.05"}),
    ("nvm=/tmp/a%20b.json", {"nvm": "/tmp/a b.json"}),
    ("echo=", {"echo": ""}),
    ("", {}),
])
def test_query_decoding_takes_plus_literally(query, expected):
    assert parse_query(query) == expected


@pytest.mark.parametrize("query,needle", [
    ("netwrok=denied", "unknown sim:// option 'netwrok' (did you mean network?); known options: network, "),
    ("latency=abc", "latency='abc' is not valid; latency takes a delay from 0 to 60 s"),
    ("latency=-1", "latency='-1'"),
    ("latency=inf", "latency='inf'"),
    ("network=mars", "network takes one of de-telekom, "),
    ("sim=gone", "sim takes ready, absent or pin"),
    ("echo=2", "echo takes 0 or 1"),
    ("cmee=3", "cmee takes 0, 1 or 2"),
    ("garbage=1.5", "a probability from 0 to 1"),
    ("drop_urc=nan", "a probability from 0 to 1"),
    ("fragment=-3", "fragment='-3'"),
    ("reboot_after=0", "a command count of 1 or more"),
    ("reject=300", "an EMM cause from 1 to 255"),
    ("reject=eleven", "reject='eleven'"),
    ("pin=12", "4 to 8 digits"),
    ("psm=clamp:soon", "psm takes grant, refuse, round or clamp"),
    ("psm=refuse:2h", "psm='refuse:2h'"),
    ("edrx=sometimes", "edrx takes grant, refuse or an imposed cycle"),
    ("stall=CPSMS", "a command prefix such as AT+COPS"),
    ("cme=AT+COPS:x", "cme='AT+COPS:x'"),
    ("nvm=", "nvm takes a file path"),
    ("seed=1.5", "seed takes an integer"),
    ("boot=1h", "boot takes a boot time from 0 to 600 s"),
])
def test_bad_options_name_the_option_and_what_it_takes(query, needle):
    with pytest.raises(InputError) as info:
        parse_url(f"sim://quectel-bg95-m3?{query}")
    assert needle in info.value.one_line()


def test_every_option_in_the_docstring_is_in_the_table():
    import re

    import atctl.sim as sim_pkg

    documented = set(re.findall(r"^  (\w+)=", sim_pkg.__doc__, re.MULTILINE))
    assert documented == set(OPTIONS)


def test_good_options_are_typed():
    typed = validate_options({"latency": "50ms", "seed": "7", "sim": "pin", "psm": "clamp:2h:10s", "edrx": "81.92",
                              "reject": "11", "stall": "AT+COPS", "network": "Denied"})
    assert typed["latency"] == 0.05 and typed["seed"] == 7 and typed["reject"] == 11


@pytest.mark.parametrize("url", ["sim://quectel-bg95-m3?netwrok=denied", "sim://quectel-bg95-m3?latency=abc"])
def test_cli_bad_sim_option_is_exit_2_one_line(cli, url):
    code, out, err = cli("status", "--port", url)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err and "sim:// option" in err


def test_stall_with_a_literal_plus_stalls(open_sim):
    s = open_sim("sim://quectel-bg95-m3?stall=AT+CPSMS")
    start = time.monotonic()
    with pytest.raises(ModemTimeout):
        s.command("AT+CPSMS?", timeout=0.3)
    assert time.monotonic() - start < 2.0
    assert s.check("AT+CGMM").ok


def test_sim_serve_refuses_a_typo_before_serving(cli):
    code, out, err = cli("sim", "serve", "-o", "netwrok=denied")
    assert code == 2 and "did you mean network" in err and len(err.strip().splitlines()) == 1
    code, out, err = cli("sim", "serve", "--network", "mars")
    assert code == 2 and "network takes one of" in err


def test_sim_url_refuses_a_typo_and_round_trips():
    with pytest.raises(InputError, match="did you mean network"):
        sim_url("quectel-bg95-m3", netwrok="denied")
    url = sim_url("quectel-bg95-m3", stall="AT+CPSMS", echo=False, nvm="/tmp/a b+c.json")
    assert parse_url(url) == ("quectel-bg95-m3", {"stall": "AT+CPSMS", "echo": "0", "nvm": "/tmp/a b+c.json"})


@settings(max_examples=200, deadline=1000)
@given(st.text(min_size=1, max_size=30).filter(str.strip))
def test_build_url_round_trips_any_path(path):
    assert parse_url(build_url("quectel-bg95-m3", {"nvm": path}))[1] == {"nvm": path}


def test_marker_typo_fails_the_test_with_a_clear_line(pytester):
    pytester.makepyfile("""
        import pytest

        @pytest.mark.atctl_sim(netwrok="denied")
        def test_on_denied(sim_port):
            pass

        @pytest.mark.atctl_sim(network="denied", latency="abc")
        def test_pty(sim_pty):
            pass

        @pytest.mark.atctl_sim(network="denied", echo=False)
        def test_good(sim_port):
            assert sim_port == "sim://quectel-bg95-m3?network=denied&echo=0"
    """)
    result = pytester.runpytest_subprocess()  # the plugin loads through its pytest11 entry point
    result.assert_outcomes(passed=1, errors=2)
    result.stdout.fnmatch_lines(["*atctl_sim marker: unknown sim:// option 'netwrok' (did you mean network?)*",
                                 "*atctl_sim marker: sim:// option latency='abc' is not valid*"])


values = st.one_of(st.text(max_size=12), st.sampled_from(["inf", "nan", "-1", "1e400", "clamp:", "clamp:1h:",
                                                          "clamp:1h:2s:3", "AT+", "AT:", "AT:99999", "0x10", " 1 "]),
                   st.integers(-10**20, 10**20).map(str), st.floats().map(str))


@settings(max_examples=400, deadline=2000)
@given(st.dictionaries(st.sampled_from(sorted(OPTIONS) + ["netwrok", "x"]), values, max_size=4))
def test_any_options_open_or_fail_with_input_error(tmp_path_factory, options):
    """Whatever the options, opening the simulator either works or is an InputError (exit 2)."""
    from atctl.errors import AtctlError
    from atctl.sim.protocol_sim import SimDevice

    if "nvm" in options:
        options["nvm"] = str(tmp_path_factory.mktemp("nvm") / "n.json")
    try:
        module, parsed = parse_url(build_url("quectel-bg95-m3", options))
        device = SimDevice(module, parsed)
    except AtctlError as exc:
        assert exc.exit_code == 2
        return
    device.write(b"AT+CGMM\r")
