"""labgrid:// without a lab: URL checks, an unreachable coordinator, labgrid not installed."""

from __future__ import annotations

import socket
import sys

import pytest

from atctl.errors import InputError
from atctl.labgrid import coordinator_address, place_url, split_url


def test_url_parts():
    assert split_url("labgrid://bench-1") == ("bench-1", {})
    assert split_url("labgrid://bench-1?coordinator=10.0.0.5:20408") == ("bench-1", {"coordinator": "10.0.0.5:20408"})
    assert place_url("bench-2", {"coordinator": "h:1"}) == "labgrid://bench-2?coordinator=h:1"
    with pytest.raises(InputError, match="names no place"):
        split_url("labgrid://")
    with pytest.raises(InputError, match="unknown option 'speed'"):
        split_url("labgrid://bench-1?speed=9600")


def test_coordinator_from_labgrids_own_setting(monkeypatch):
    monkeypatch.delenv("LG_COORDINATOR", raising=False)
    assert coordinator_address() == "127.0.0.1:20408"  # labgrid-client's default
    monkeypatch.setenv("LG_COORDINATOR", "lab.example:20408")
    assert coordinator_address() == "lab.example:20408"
    assert coordinator_address({"coordinator": "other:1"}) == "other:1"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_coordinator_is_one_line_exit_3(cli, monkeypatch):
    pytest.importorskip("labgrid", reason="labgrid is not installed: pip install -e '.[test]' brings it")
    monkeypatch.setenv("LG_COORDINATOR", f"127.0.0.1:{_closed_port()}")
    monkeypatch.delenv("ATCTL_PORT", raising=False)
    code, out, err = cli("status", "--port", "labgrid://bench-1")
    assert code == 3 and "cannot reach the labgrid coordinator at 127.0.0.1:" in err
    assert "Traceback" not in err + out and len(err.strip().splitlines()) == 1


def test_without_labgrid_installed_the_hint_names_the_extra(cli, monkeypatch):
    for name in [m for m in sys.modules if m == "labgrid" or m.startswith("labgrid.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "labgrid", None)  # import labgrid -> ImportError
    import atctl.labgrid.coordinator as coordinator

    monkeypatch.setattr(coordinator._Connection, "_by_address", {})
    monkeypatch.delenv("ATCTL_PORT", raising=False)
    code, _, err = cli("status", "--port", "labgrid://bench-1")
    assert code == 2 and "pip install 'atctl[labgrid]'" in err
