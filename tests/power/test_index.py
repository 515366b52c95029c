"""power_figures.json is derived from modem_profiles/*.yaml: it must match them exactly."""

import json


def test_index_matches_the_profiles():
    from atctl.power.index import INDEX_PATH, build_index
    from atctl.profiles.loader import _load_all, shipped_dir

    want = build_index(_load_all((shipped_dir(),)))
    have = json.loads(INDEX_PATH.read_text(encoding="utf-8"))
    assert have == json.loads(json.dumps(want)), "stale: run `python -m atctl.power.index`"


def test_estimate_same_from_index_and_yaml(cli_json, tmp_path):
    """The fast path (index) and the YAML path (a user profile folder) give the same answer."""
    import shutil

    from atctl.profiles.loader import shipped_dir

    for name in ("quectel-bg96.yaml", "quectel-bg95-m1.yaml"):
        shutil.copy(shipped_dir() / name, tmp_path / name)
    args = ("power", "estimate", "--module", "quectel-bg95-m1", "--tau", "24h", "--active", "30s", "--per-day", "6")
    _, fast = cli_json(*args)
    _, slow = cli_json(*args, "--profiles", str(tmp_path))
    assert fast == slow
