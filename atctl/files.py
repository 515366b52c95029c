"""Writing files the user keeps: atomically and privately (bundles, captured sessions, the
observation store, the simulator's NVM).

A temporary file in the target's folder (mkstemp: 0600, O_EXCL), fsync, then into place, so a
process killed mid-write never leaves a half file, and a symlink at the target is replaced itself,
never written through. Transcripts stream instead and use atctl.at.transcript.private_file.
"""

from __future__ import annotations

import os
import tempfile


def write_atomic(path: str | os.PathLike, data: bytes, *, replace: bool = True, prefix: str = ".atctl-") -> None:
    """Write `data` to `path` (0600). Without `replace` an existing name is never touched:
    FileExistsError instead (link(2) fails with EEXIST)."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)  # renames over a symlink itself, never through it
        else:
            os.link(tmp, path)
            os.unlink(tmp)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
