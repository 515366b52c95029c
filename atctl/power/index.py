"""The shipped profiles' power figures as one JSON document (power_figures.json), for start-up speed.

`atctl power estimate` starts on every call; reading this small JSON costs far less than importing
PyYAML and building the pydantic profile schema. It is derived data: `python -m atctl.power.index`
rewrites it from modem_profiles/*.yaml, and tests/power/test_index.py fails when it is stale.
User profile folders (--profiles, ATCTL_PROFILES) are always read from their YAML.
"""

from __future__ import annotations

from pathlib import Path

INDEX_PATH = Path(__file__).with_name("power_figures.json")


def build_index(profiles: dict) -> dict:
    """{id: {rats, power}} for every profile with a power: section (pure: takes parsed profiles)."""
    return {pid: {"rats": list(p.rats), "power": p.power.model_dump(mode="json")}
            for pid, p in sorted(profiles.items()) if p.power is not None}


def main() -> None:  # pragma: no cover - a maintenance command
    import json

    from atctl.profiles.loader import _load_all, shipped_dir

    doc = build_index(_load_all((shipped_dir(),)))
    INDEX_PATH.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {INDEX_PATH} ({len(doc)} profiles)")


if __name__ == "__main__":
    main()
