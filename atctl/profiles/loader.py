"""Find, parse and validate module profiles, with file:line errors.

Search order: folders given by --profiles / ATCTL_PROFILES (os.pathsep
separated), then the shipped profiles. A user profile with the same id
overrides the shipped one.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from atctl.errors import DataError, InputError

if TYPE_CHECKING:
    from atctl.profiles.model import ModemProfile

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def shipped_dir() -> Path:
    """modem_profiles/ inside the wheel, or at the repository root in a checkout."""
    installed = _PACKAGE_DIR / "modem_profiles"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "modem_profiles"


def profile_dirs(extra: str | os.PathLike | None = None) -> list[Path]:
    dirs: list[Path] = []
    for spec in (str(extra) if extra else None, os.environ.get("ATCTL_PROFILES")):
        if not spec:
            continue
        for part in spec.split(os.pathsep):
            if part:
                path = Path(part).expanduser()
                if not path.is_dir():
                    raise InputError(f"profile folder {part} does not exist",
                                     hint="pass an existing folder to --profiles or ATCTL_PROFILES")
                dirs.append(path)
    dirs.append(shipped_dir())
    return dirs


def parse_profile_file(path: Path) -> "ModemProfile":
    from pydantic import ValidationError

    from atctl.profiles.model import ModemProfile
    from atctl.yaml_lines import line_of, load_with_nodes, validation_error

    data, node = load_with_nodes(path)
    if not isinstance(data, dict):
        raise DataError("a profile must be a mapping of fields", file=str(path), line=1)
    try:
        profile = ModemProfile.model_validate(data)
    except ValidationError as exc:
        error = validation_error(exc, path, node, hint="see modem_profiles/README.md for the profile format")
        raise _explained(error) from None
    if profile.id != path.stem:
        raise DataError(f"id {profile.id!r} does not match the file name", file=str(path),
                        line=line_of(node, ["id"]), field="id", hint=f"rename the file to {profile.id}.yaml")
    return profile


# fields profiles had before the dialect alone chose behaviour (issue #14)
_GONE = {"band_mask": "band_mask is no longer read: the dialect chooses the band command; remove the line",
         "quirks.reboot_command": "reboot_command is no longer read: the dialect knows its reboot; remove the line",
         "quirks.pin_blocks_psm": "pin_blocks_psm was never used; remove the line"}


def _explained(error: DataError) -> DataError:
    """A profile's unknown field or quirk, with what to do about it."""
    from atctl.profiles.model import Quirks

    field = error.field or ""
    if not error.message.endswith(f"{field}: unknown field"):
        return error
    if field in _GONE:
        return DataError("unknown field", file=error.file, line=error.line, field=field, hint=_GONE[field])
    if field.startswith("quirks."):
        return DataError(f"unknown quirk {field.split('.', 1)[1]!r}", file=error.file, line=error.line,
                         hint=f"known quirks: {', '.join(Quirks.model_fields)} (modem_profiles/README.md)")
    return error


@lru_cache(maxsize=8)
def _load_all(dirs: tuple[Path, ...]) -> dict[str, "ModemProfile"]:
    profiles: dict[str, ModemProfile] = {}
    for folder in reversed(dirs):  # shipped first, user folders override
        for path in sorted(folder.glob("*.yaml")):
            profile = parse_profile_file(path)
            profiles[profile.id] = profile
    return profiles


def all_profiles(extra: str | None = None) -> dict[str, "ModemProfile"]:
    return dict(_load_all(tuple(profile_dirs(extra))))


def load_profile(module_id: str, extra: str | None = None) -> "ModemProfile":
    profiles = all_profiles(extra)
    try:
        return profiles[module_id]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(module_id, profiles, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "run `atctl modules` to list known modules"
        raise InputError(f"unknown module {module_id!r}", hint=hint) from None


def match_profile(text: str, extra: str | None = None) -> "ModemProfile | None":
    """The profile whose identity.match regexes match an ATI / AT+CGMM answer."""
    best = None
    best_len = -1
    for profile in all_profiles(extra).values():
        for pattern in profile.identity.match:
            m = re.search(pattern, text, re.IGNORECASE | re.MULTILINE)
            if m and len(m.group(0)) > best_len:  # most specific match wins (BG95-M3 over BG95)
                best, best_len = profile, len(m.group(0))
    return best
