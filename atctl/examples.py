"""The files atctl ships for users: example device configs and the data attribution (DATA.md).

In a wheel (pip, pipx) they live in atctl/_shipped/ (see pyproject.toml); in a source checkout
they are examples/ and docs/DATA.md at the repository root. Either way an installed atctl can
list and write them (`atctl examples`, `atctl countries --sources`).
"""

from __future__ import annotations

from pathlib import Path

from atctl.errors import InputError

_PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(installed: str, checkout: str) -> Path:
    path = _PACKAGE_DIR / "_shipped" / installed
    return path if path.exists() else _PACKAGE_DIR.parent / checkout


def examples_dir() -> Path:
    return _shipped("examples", "examples")


def data_doc_path() -> Path:
    return _shipped("DATA.md", "docs/DATA.md")


def example_names() -> list[str]:
    folder = examples_dir()
    return sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []


def example_path(name: str) -> Path:
    """The shipped example called `name` (with or without .yaml)."""
    names = example_names()
    wanted = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    if wanted not in names:
        raise InputError(f"no example called {name!r}", hint=f"use one of {', '.join(names) or '(none shipped)'}")
    return examples_dir() / wanted


def example_summary(name: str) -> str:
    """The first sentence of an example's leading comment (what it is for), or ''."""
    words: list[str] = []
    for line in example_path(name).read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not text.startswith("#"):
            break
        words.append(text.lstrip("#").strip())
    block = " ".join(w for w in words if w)
    end = block.find(". ")
    return block if end < 0 else block[:end + 1]


def data_doc() -> str:
    """docs/DATA.md: where every country/operator fact comes from, licences, conversion."""
    path = data_doc_path()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"the data notes are not installed ({path}: {exc.strerror})",
                         hint="reinstall atctl") from None
