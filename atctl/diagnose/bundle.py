"""Write the support bundle so that nothing diagnose collected is ever lost.

- `check_out_path(out, force)` runs before the modem is touched: a path that cannot work (its
  folder is missing) or that would destroy someone else's file is bad input (exit 2).
- `save_bundle(out, data, force)` writes through a private temporary file in the target folder
  (created 0600 with O_EXCL, so never through a symlink), then moves it into place: a full disk
  leaves no half-written zip. An existing file is replaced only if it is an atctl bundle or
  --force was given; a symlink at `out` is replaced itself, its target never touched. When the
  asked place fails, the bundle goes to the working directory, then the temp directory, and the
  result says where and why.
"""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone

from atctl.errors import InputError


@dataclass
class Saved:
    path: str | None            # where the bundle is; None when no place would take it
    requested: str
    problem: str | None = None  # why it is not at `requested`

    @property
    def moved(self) -> bool:
        return self.path is None or self.problem is not None

    def as_dict(self) -> dict:
        return {"path": self.path, "requested": self.requested, "problem": self.problem}


def default_name() -> str:
    return datetime.now(timezone.utc).strftime("atctl-diagnose-%Y%m%d-%H%M%S.zip")


def is_atctl_bundle(path: str) -> bool:
    """A regular file (not a link) that an earlier `atctl diagnose` wrote: safe to replace."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as z:
            import json

            head = json.loads(z.read("report.json")[:1_000_000] or b"{}")
        return str(head.get("tool", "")).startswith("atctl ")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False


def check_out_path(out: str, force: bool = False) -> None:
    """Refuse, before any modem work, an --out that cannot work or would clobber a foreign file."""
    if not out or out.endswith(("/", os.sep)) and not os.path.isdir(out):
        raise InputError(f"--out {out!r} is not a file name", hint="give a path such as bundle.zip")
    parent = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(parent):
        raise InputError(f"cannot write the bundle to {out}: the folder {parent} does not exist",
                         hint="create it, or choose another --out")
    if os.path.isdir(out) and not os.path.islink(out):
        return  # the bundle goes inside, under a fresh name
    if os.path.islink(out) and not force:
        raise InputError(f"--out {out} is a symbolic link; atctl does not write through links",
                         hint="give the real path, or pass --force to replace the link itself")
    if os.path.lexists(out) and not os.path.islink(out) and not force and not is_atctl_bundle(out):
        raise InputError(f"--out {out} exists and is not an atctl bundle",
                         hint="pass --force to replace it, or choose another --out")


def _write(path: str, data: bytes, replace: bool) -> None:
    from atctl.files import write_atomic

    write_atomic(path, data, replace=replace, prefix=".atctl-bundle-")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def save_bundle(out: str, data: bytes, force: bool = False) -> Saved:
    target, replace = out, False
    if os.path.isdir(out) and not os.path.islink(out):
        target = os.path.join(out, default_name())
    elif os.path.lexists(out):
        replace = force or is_atctl_bundle(out)
    problem = None
    if os.path.lexists(target) and not replace:
        problem = f"{out} exists and is not an atctl bundle (pass --force to replace it)"
    else:
        try:
            _write(target, data, replace)
            return Saved(target, out)
        except OSError as exc:
            problem = f"cannot write {target}: {_reason(exc)}"
    for folder in dict.fromkeys((os.getcwd(), tempfile.gettempdir())):
        name = default_name()
        for attempt in range(1, 10):  # two runs in the same second: a fresh name, never an overwrite
            fallback = os.path.join(folder, name if attempt == 1 else name.replace(".zip", f"-{attempt}.zip"))
            try:
                _write(fallback, data, replace=False)
                return Saved(fallback, out, problem)
            except FileExistsError:
                continue
            except OSError as exc:
                problem += f"; cannot write {fallback}: {_reason(exc)}"
                break
    return Saved(None, out, problem)
