"""Observations from the user's own devices: on which band a network (MCC-MNC) served which RAT, and when.

No open dataset lists the LTE-M / NB-IoT bands operators actually use; the modules a user runs see them
every day. `status`, `apply`, `verify` and `diagnose` record one sighting per registration they read
(`record_state`); `countries` and `bands check` show the sightings beside the shipped bands; `atctl data
export-observations` writes them for contribution and scripts/import_band_atlas.py merges contributed files
into the shipped data as device-capture sources.

What is kept is exactly {mcc_mnc, rat, band} with a count and the first and last day seen (UTC date, no
time of day). Never an IMSI, ICCID, IMEI, cell id or TAC. The store is one JSON file in the platform's
user data folder (Linux: $XDG_DATA_HOME/atctl or ~/.local/share/atctl), written atomically with mode 0600.
`ATCTL_NO_OBSERVATIONS=1` or `--no-observations` turns recording off; `ATCTL_DATA_DIR` moves the folder.
Simulated and replayed ports (sim://, replay://, loop://) are not the user's devices and are not recorded
unless `ATCTL_OBSERVE_SIMULATOR=1` (tests, demos).

Pure functions (add, merge, index_by_operator, observed_for, sighting_of, export_document,
parse_document) are separate from the small file I/O (data_dir, store_path, load, save, record).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any, Iterable

FILE_NAME = "observations.json"
ENV_OFF = "ATCTL_NO_OBSERVATIONS"
ENV_DIR = "ATCTL_DATA_DIR"
ENV_SIMULATOR = "ATCTL_OBSERVE_SIMULATOR"
SIMULATED_SCHEMES = ("sim", "replay", "loop")
_lock = threading.Lock()  # several ports in one process record from threads
_off = contextvars.ContextVar("atctl_observations_off", default=False)  # --no-observations of this command

from atctl.bands.observed import FORMAT, KIND, add, index_by_operator, merge, parse_document, sighting_of, valid_sighting


# -- I/O -------------------------------------------------------------------------------------------
def data_dir() -> Path:
    """atctl's user data folder: ATCTL_DATA_DIR, else the platform's (XDG on Linux/BSD)."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "atctl"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "atctl"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share") / "atctl"


def store_path() -> Path:
    return data_dir() / FILE_NAME


def load(path: Path | None = None) -> list[dict]:
    """The stored records ([] when nothing was recorded yet); DataError when the file is damaged."""
    from atctl.errors import DataError

    path = path or store_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise DataError(f"cannot read the observation store: {exc.strerror}", file=str(path)) from None
    try:
        doc = json.loads(text)
    except ValueError:
        raise DataError("the observation store is not valid JSON", file=str(path),
                        hint="move it aside; atctl starts a new one") from None
    return parse_document(doc, str(path))


def save(records: Iterable[dict], path: Path | None = None) -> None:
    """Write atomically (temporary file in the same folder, then rename), readable by the user only."""
    path = path or store_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    doc = {"format": FORMAT, "kind": KIND, "observations": merge(records)}
    from atctl.files import write_atomic

    write_atomic(path, (json.dumps(doc, indent=1) + "\n").encode("utf-8"), prefix=".observations-")


def simulated(port: str | None) -> bool:
    return bool(port) and port.split("://", 1)[0].lower() in SIMULATED_SCHEMES and "://" in port


@contextlib.contextmanager
def suppressed(off: bool = True):
    """`with suppressed(no_observations):` around a command's work: its --no-observations flag."""
    token = _off.set(bool(off) or _off.get())
    try:
        yield
    finally:
        _off.reset(token)


def enabled(port: str | None = None, off: bool = False) -> bool:
    """Recording is on unless --no-observations, ATCTL_NO_OBSERVATIONS, or a simulated port."""
    if off or _off.get() or os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "no", "false"):
        return False
    return not simulated(port) or os.environ.get(ENV_SIMULATOR, "").strip().lower() in ("1", "yes", "true")


def record(mcc_mnc: str, rat: str, band: int, day: str | None = None, path: Path | None = None) -> bool:
    """Add one sighting to the store; False (and the store untouched) when it cannot be written."""
    from atctl.errors import DataError

    if not valid_sighting(mcc_mnc, rat, band):
        return False
    day = day or dt.datetime.now(dt.timezone.utc).date().isoformat()
    path = path or store_path()
    with _lock, _file_lock(path):
        try:
            records = load(path)
        except DataError:
            return False  # a damaged store is left as it is for the user to look at, never overwritten
        try:
            save(add(records, mcc_mnc, rat, band, day), path)
        except OSError:
            return False
    return True


def record_state(state: Any, port: str | None = None, off: bool = False) -> bool:
    """The hook status / apply / verify / diagnose call after reading the network: records a registration."""
    if not enabled(port, off):
        return False
    found = sighting_of(state)
    return record(*found) if found else False


class _file_lock:
    """Best-effort advisory lock beside the store, so two atctl processes do not lose each other's update."""

    def __init__(self, path: Path):
        self.path = path.with_name(path.name + ".lock")
        self.fd: int | None = None

    def __enter__(self):
        try:
            import fcntl

            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except (ImportError, OSError):
            self.fd = None  # no fcntl (Windows) or read-only folder: the in-process lock still holds
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # closing releases the flock
        return False


def load_index_quietly() -> tuple[dict[tuple[str, str], list[dict]], str | None]:
    """For display commands: the index, and a warning instead of a failure when the store is damaged."""
    from atctl.errors import DataError

    try:
        return index_by_operator(load()), None
    except DataError as exc:
        return {}, f"observations not shown: {exc.one_line()}"


def export_to(target: Path, force: bool = False, today: str | None = None) -> int:
    """Write the store as a contribution file (`atctl data export-observations`); the count written.
    Written atomically (atctl.files); an existing file only with `force`."""
    import yaml

    from atctl.bands.observed import export_document
    from atctl.errors import InputError
    from atctl.files import write_atomic

    if target.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(f"{target}: the export is YAML", hint="name the file *.yaml")
    if not target.parent.is_dir():
        raise InputError(f"folder {target.parent} does not exist", hint="create it or write elsewhere")
    today = today or dt.datetime.now(dt.timezone.utc).date().isoformat()
    document = export_document(load(), today)
    text = ("# atctl band observations, for contribution (docs/DATA.md, 'Contributing observations').\n"
            + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120))
    try:
        write_atomic(target, text.encode("utf-8"), replace=force)
    except FileExistsError:
        raise InputError(f"{target} exists", hint="choose another name or pass --force to overwrite it") from None
    return len(document["observations"])

