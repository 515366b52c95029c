"""Fuzzing: random YAML-ish text and random structures into the config and profile
loaders, random lines into the engine's reply classifier. Only atctl's typed errors
may escape (DataError / InputError), never a raw exception, and no example may hang:
each runs under a watchdog (SIGALRM) besides hypothesis' deadline, because a deadline
is only checked after an example returns, which an endless loop never does.

Examples actually run: `pytest tests/test_fuzz_loaders.py --hypothesis-show-statistics`."""

import contextlib
import math
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atctl.at.classify import ReplyMatcher, final_of
from atctl.config.loader import load_config
from atctl.errors import AtctlError
from atctl.profiles.loader import parse_profile_file

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5000), st.floats(width=32), st.integers(),
                    st.text(max_size=12), st.sampled_from(["24h", "30s", "auto", "lte-m", "DE", "25%", "81.92s",
                                                           "200%", "-500%", ".inf", "1e308s", "x\"\rAT+CFUN=0"]))
# plain scalars YAML resolves to int/float/timestamp: huge digit runs, impossible dates, odd prefixes
yaml_prefixes = st.sampled_from(["0x", "0b", "0o", "1:", "-.inf", ".NaN", "~", "!!binary x", "!!float x"])
yaml_scalars = st.one_of(st.integers(1, 6000).map(lambda n: "9" * n),
                         st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)).map(
                             lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
                         st.tuples(yaml_prefixes, st.text("0123456789abcdef:._", max_size=40)).map("".join))
keys = st.sampled_from(["module", "countries", "rat", "bands", "apn", "psm", "edrx", "expect", "tau", "active",
                        "cycle", "ptw", "lte-m", "nb-iot", "name", "tolerance", "registration", "mno_profile", "x"])
trees = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                         st.dictionaries(keys, children, max_size=5)), max_leaves=12)
WATCHDOG_S = 5  # an example still running after this is a hang: the test fails
FUZZ = settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])


class Hang(Exception):
    """Not an AtctlError: an example that hits the watchdog fails the test."""


@contextlib.contextmanager
def watchdog(seconds: float = WATCHDOG_S):
    def fire(signum, frame):
        raise Hang(f"example still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _only_typed_errors(loader, path, text: str | bytes):
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    with watchdog():
        try:
            return loader(path)
        except AtctlError:
            return None


def test_watchdog_catches_a_hang():
    with pytest.raises(Hang):
        with watchdog(0.05):
            while True:
                pass


@FUZZ
@given(st.text(max_size=200))
def test_config_loader_random_text(tmp_path, text):
    _only_typed_errors(load_config, tmp_path / "c.yaml", text)


@FUZZ
@given(trees)
def test_config_loader_random_structures(tmp_path, tree):
    import yaml

    _only_typed_errors(load_config, tmp_path / "c.yaml", yaml.safe_dump(tree))


@FUZZ
@given(trees)
def test_profile_loader_random_structures(tmp_path, tree):
    import yaml

    _only_typed_errors(parse_profile_file, tmp_path / "p.yaml", yaml.safe_dump(tree))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=20).map(lambda s: "AT" + s), st.text(max_size=60))
def test_reply_classifier_never_raises(command, line):
    final_of(line)
    ReplyMatcher(command).belongs(line)


@FUZZ
@given(st.sampled_from(["module", "mno_profile", "countries", "expect: {timeout", "psm: {tau", "apn"]), yaml_scalars)
def test_config_loader_raw_yaml_scalars(tmp_path, key, scalar):
    # plain scalars that YAML resolves to int/float/timestamp: huge digit runs, impossible dates
    text = BASE + (f"{key}: {scalar}}}\n" if "{" in key else f"{key}: {scalar}\n")
    _only_typed_errors(load_config, tmp_path / "c.yaml", text)


@FUZZ
@given(st.binary(max_size=200))
def test_config_loader_random_bytes(tmp_path, raw):
    # non-UTF-8 files used to be internal errors
    _only_typed_errors(load_config, tmp_path / "c.yaml", raw)


BASE = "countries: [DE]\nrat: [lte-m, nb-iot]\n"


def _alias_chain(width: int, depth: int) -> str:
    items = ["&a0 [" + ", ".join(["DE"] * width) + "]"]
    items += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, depth + 1)]
    return "rat: [lte-m]\ncountries: [" + ", ".join(items) + "]\n"


@FUZZ
@given(st.integers(1, 12), st.integers(0, 12))
def test_alias_chains_terminate(tmp_path, width, depth):
    # the security report's bomb (countries, 9 x 9 levels) took 47 s and 5 GB
    _only_typed_errors(load_config, tmp_path / "c.yaml", _alias_chain(width, depth))


numbers = st.one_of(st.floats(), st.integers(), st.sampled_from([".inf", "-.inf", ".nan", "1e400", "-0"]))


@FUZZ
@given(numbers, numbers, numbers, numbers, numbers, st.sampled_from(["", "%", "s", "d", "h"]))
def test_accepted_numbers_are_finite_and_in_range(tmp_path, tau, active, cycle, timeout, tolerance, unit):
    import yaml

    text = BASE + yaml.safe_dump({"psm": {"tau": tau, "active": active}, "edrx": {"lte-m": {"cycle": cycle}},
                                  "expect": {"timeout": f"{timeout}{unit}" if unit not in ("", "%") else timeout,
                                             "tolerance": f"{tolerance}{unit}" if unit == "%" else tolerance}})
    config = _only_typed_errors(load_config, tmp_path / "c.yaml", text)
    if config is not None:
        values = (config.psm.tau, config.psm.active, config.edrx["lte-m"].cycle, config.expect.timeout,
                  config.expect.tolerance)
        assert all(math.isfinite(v) for v in values)
        assert 0 <= config.expect.tolerance <= 1 and 1 <= config.expect.timeout <= 86400
        assert config.psm.tau <= 35712000 and config.psm.active <= 11160 and config.edrx["lte-m"].cycle <= 10485.76


@FUZZ
@given(st.text(max_size=120), st.integers(-3, 20), st.sampled_from(["IP", "IPV6", "IPV4V6", "Non-IP", "x"]))
def test_an_accepted_apn_makes_exactly_one_command(tmp_path, name, cid, pdp_type):
    """Whatever the APN text, a config that loads yields one well-formed AT+CGDCONT."""
    import yaml

    from atctl.command_text import check_single_command

    text = BASE + yaml.safe_dump({"apn": {"name": name, "cid": cid, "pdp_type": pdp_type}})
    config = _only_typed_errors(load_config, tmp_path / "c.yaml", text)
    if config is not None:
        command = f'AT+CGDCONT={config.apn.cid},"{config.apn.pdp_type}","{config.apn.name}"'
        check_single_command(command)
        assert command.count('"') == 4 and len(config.apn.name) <= 99
