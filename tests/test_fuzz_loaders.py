"""Fuzzing: random YAML-ish text and random structures into the config and profile
loaders, random lines into the engine's reply classifier. Only atctl's typed errors
may escape (DataError / InputError), never a raw exception."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atctl.at.classify import ReplyMatcher, final_of
from atctl.config.loader import load_config
from atctl.errors import AtctlError
from atctl.profiles.loader import parse_profile_file

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5000), st.floats(allow_nan=False, width=32),
                    st.text(max_size=12), st.sampled_from(["24h", "30s", "auto", "lte-m", "DE", "25%", "81.92s"]))
keys = st.sampled_from(["module", "countries", "rat", "bands", "apn", "psm", "edrx", "expect", "tau", "active",
                        "cycle", "ptw", "lte-m", "nb-iot", "name", "tolerance", "registration", "mno_profile", "x"])
trees = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                         st.dictionaries(keys, children, max_size=5)), max_leaves=12)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _only_typed_errors(loader, path, text: str) -> None:
    path.write_text(text)
    try:
        loader(path)
    except AtctlError:
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
