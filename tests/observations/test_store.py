"""The observation store (atctl.observations): what a sighting is, how records merge, where the file lives,
that it is written atomically and privately, that nothing identifying is kept, and the off switches."""

import json
import os
import stat
import sys

import pytest

from atctl import observations as obs
from atctl.bands import observed
from atctl.errors import DataError


def rec(mcc_mnc="26201", rat="lte-m", band=20, count=1, first="2026-11-01", last="2026-11-01"):
    return {"mcc_mnc": mcc_mnc, "rat": rat, "band": band, "count": count, "first_seen": first, "last_seen": last}


@pytest.mark.parametrize("args,ok", [
    (("26201", "lte-m", 20), True), (("310410", "lte-m", 2), True), (("26201", "gsm", 900), True),
    (("26201", "gsm", 20), False),        # GSM bands are MHz values
    (("26201", "umts", 2100), False),     # +QNWINFO "WCDMA 2100" is MHz, not a UTRA band number
    (("26201", "lte-m", 999), False), (("2620", "lte-m", 20), False), (("26201x", "lte", 3), False),
    (("26201", "5g", 78), False), (("26201", "lte", True), False),
])
def test_valid_sighting(args, ok):
    assert observed.valid_sighting(*args) is ok


def test_add_counts_and_widens_the_date_range():
    records = observed.add([], "26201", "lte-m", 20, "2026-11-05")
    records = observed.add(records, "26201", "lte-m", 20, "2026-11-01")
    records = observed.add(records, "26201", "lte-m", 20, "2026-11-30")
    records = observed.add(records, "26201", "nb-iot", 8, "2026-11-02")
    assert records == [rec(count=3, first="2026-11-01", last="2026-11-30"),
                       rec(rat="nb-iot", band=8, first="2026-11-02", last="2026-11-02")]


def test_observed_for_merges_an_operators_codes():
    # one operator, two MCC-MNC codes (e.g. Free Mobile 208-15 / 208-16): one row per band
    index = observed.index_by_operator([rec("20815", count=2), rec("20816", count=3, last="2026-11-20"),
                                   rec("20816", band=3)])
    assert observed.observed_for(index, ["20815", "20816"], "lte-m") == [
        {"band": 3, "count": 1, "first_seen": "2026-11-01", "last_seen": "2026-11-01"},
        {"band": 20, "count": 5, "first_seen": "2026-11-01", "last_seen": "2026-11-20"}]
    assert observed.observed_for(index, ["20815"], "nb-iot") == []


def state(stat_=1, **extra):
    return {"registration": {"stat": stat_, "tac": "2F02", "ci": "01A2D001"},
            "operator": {"mcc_mnc": "26201", "name": "Telekom.de"}, "rat": "lte-m", "band": 20, **extra}


def test_sighting_needs_a_registration():
    assert observed.sighting_of(state()) == ("26201", "lte-m", 20)
    assert observed.sighting_of(state(5)) == ("26201", "lte-m", 20)   # roaming counts: the serving PLMN is recorded
    assert observed.sighting_of(state(2)) is None                      # searching
    assert observed.sighting_of(state(band=None)) is None


def test_store_keeps_no_identifiers(tmp_path, monkeypatch):
    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path))
    full = state(imsi="262011234567890", iccid="8949226000000000000", imei="867962040000000")
    assert obs.record_state(full, "/dev/ttyUSB2") is True
    text = (tmp_path / "observations.json").read_text()
    for secret in ("262011234567890", "8949226000000000000", "867962040000000", "01A2D001", "2F02", "Telekom"):
        assert secret not in text
    assert set(json.loads(text)["observations"][0]) == {"mcc_mnc", "rat", "band", "count", "first_seen", "last_seen"}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_store_is_private_and_replaced_atomically(tmp_path, monkeypatch):
    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path / "atctl"))
    assert obs.record("26201", "lte-m", 20, "2026-11-01") and obs.record("26201", "lte-m", 20, "2026-11-02")
    path = tmp_path / "atctl" / "observations.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []  # no temporary file left
    assert obs.load(path) == [rec(count=2, last="2026-11-02")]


def test_a_damaged_store_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path))
    path = tmp_path / "observations.json"
    path.write_text("{not json")
    assert obs.record("26201", "lte-m", 20) is False
    assert path.read_text() == "{not json"          # what the user had is not overwritten
    with pytest.raises(DataError, match="observations.json"):
        obs.load(path)
    index, warning = obs.load_index_quietly()
    assert index == {} and "not valid JSON" in warning


def test_switches(tmp_path, monkeypatch):
    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path))
    assert obs.enabled("/dev/ttyUSB2") and not obs.enabled("/dev/ttyUSB2", off=True)
    assert not obs.enabled("sim://quectel-bg95-m3") and not obs.enabled("replay://s.jsonl")  # not the user's device
    monkeypatch.setenv("ATCTL_OBSERVE_SIMULATOR", "1")
    assert obs.enabled("sim://quectel-bg95-m3")
    monkeypatch.setenv("ATCTL_NO_OBSERVATIONS", "1")
    assert not obs.enabled("/dev/ttyUSB2") and obs.record_state(state(), "/dev/ttyUSB2") is False
    assert not (tmp_path / "observations.json").exists()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG layout is the Linux/BSD one")
def test_data_dir_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("ATCTL_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert obs.data_dir() == tmp_path / "atctl"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")      # the XDG spec says: ignore relative paths
    assert obs.data_dir() == obs.Path.home() / ".local" / "share" / "atctl"
    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path / "elsewhere"))
    assert obs.data_dir() == tmp_path / "elsewhere"


@pytest.mark.parametrize("bad", [
    {"format": 2, "observations": []}, {"format": 1}, [1, 2],
    {"format": 1, "observations": [dict(rec(), band=999)]},
    {"format": 1, "observations": [dict(rec(), count=0)]},
    {"format": 1, "observations": [dict(rec(), first_seen="2026-12-02", last_seen="2026-12-01")]},
    {"format": 1, "observations": [{"mcc_mnc": "26201", "rat": "lte-m", "band": 20}]},
])
def test_bad_files_are_one_line_errors_naming_the_file(bad):
    with pytest.raises(DataError) as info:
        observed.parse_document(bad, "contrib.yaml")
    assert info.value.one_line().startswith("contrib.yaml")


def test_export_cli(cli, cli_json, tmp_path, monkeypatch):
    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path / "store"))
    obs.record("26201", "lte-m", 20, "2026-11-01")
    code, doc = cli_json("data", "observations")
    assert code == 0 and doc["observations"] == [rec()] and doc["store"].endswith("observations.json")
    out = tmp_path / "mine.yaml"
    code, doc = cli_json("data", "export-observations", "-o", str(out))
    assert code == 0 and doc["observations"] == 1
    import yaml

    assert observed.parse_document(yaml.safe_load(out.read_text()), str(out)) == [rec()]
    code, _, err = cli("data", "export-observations", "-o", str(out))
    assert code == 2 and "exists" in err and "--force" in err and "Traceback" not in err
    code, _, err = cli("data", "export-observations", "-o", str(tmp_path / "mine.json"))
    assert code == 2 and "YAML" in err
    code, _, err = cli("data", "export-observations", "-o", str(tmp_path / "no" / "such.yaml"))
    assert code == 2 and "does not exist" in err
    assert cli("data", "export-observations", "-o", str(out), "--force")[0] == 0


@pytest.mark.skipif(sys.platform == "win32", reason="the cross-process lock is fcntl's (POSIX)")
def test_concurrent_recorders_lose_no_update(tmp_path, monkeypatch):
    """Threads of one process (several ports) and two separate atctl processes record into one store."""
    import subprocess
    import threading

    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path))
    threads = [threading.Thread(target=lambda: [obs.record("26201", "lte-m", 20, "2026-11-01") for _ in range(10)])
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    code = "from atctl import observations as o\nfor _ in range(15): o.record('26201', 'lte-m', 20, '2026-11-02')"
    procs = [subprocess.Popen([sys.executable, "-c", code], env=dict(os.environ)) for _ in range(2)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    assert obs.load(tmp_path / "observations.json") == [rec(count=70, last="2026-11-02")]
