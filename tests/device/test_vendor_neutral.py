"""device/ and config/apply.py are vendor-neutral: they ask the dialect for command forms (#14).
A vendor name, a profile's vendor field or a quirk read there is a second dialect growing back."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "atctl"
NEUTRAL = sorted((ROOT / "device").glob("*.py")) + [ROOT / "config" / "apply.py"]
BRANCH = re.compile(r"""\.vendor\b|quirks|["'](quectel|ublox|u-blox)[^"']*["']""")


@pytest.mark.parametrize("path", NEUTRAL, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_vendor_branch(path):
    code = [line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")]
    found = [f"{path.name}:{n}: {line.strip()}" for n, line in enumerate(code, 1) if BRANCH.search(line)]
    assert not found, "ask the dialect instead:\n" + "\n".join(found)
