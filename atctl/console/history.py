"""Where the console keeps its per-user history, and what may go into it (pure)."""

from __future__ import annotations

import os
from pathlib import Path


def history_path(env: dict | None = None) -> Path:
    """$ATCTL_CONSOLE_HISTORY, else $XDG_STATE_HOME/atctl/console_history (XDG Base Directory
    spec: state that should persist between restarts), else ~/.local/state/atctl/console_history."""
    env = os.environ if env is None else env
    if env.get("ATCTL_CONSOLE_HISTORY"):
        return Path(env["ATCTL_CONSOLE_HISTORY"])
    base = env.get("XDG_STATE_HOME") or str(Path(env.get("HOME") or Path.home()) / ".local" / "state")
    return Path(base) / "atctl" / "console_history"


def safe_for_history(line: str) -> str:
    """The line as it may be stored or shown: PINs and passwords masked (atctl.redact)."""
    from atctl.redact import mask_secrets

    return mask_secrets(line.strip())
