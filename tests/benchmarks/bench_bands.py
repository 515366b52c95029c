"""Band check of every shipped module against every country.

Runs in a fresh interpreter so nothing is cached. Reported value: the in-process
work (loading the country data and the 16 profiles, then the checks); the one-time
imports (pydantic, yaml, atctl) are shown beside it. Target: < 0.2 s for that work.
Best of 3 fresh runs, since the machine is shared.
"""

from __future__ import annotations

import json
import subprocess
import sys

TARGET_S = 0.2

_CHILD = r'''
import json, time
t0 = time.perf_counter()
import pydantic, yaml  # noqa: F401  the imports every atctl command with data pays
import atctl.profiles.loader, atctl.profiles.model  # noqa: F401  (module and pydantic class creation)
from atctl.bands.coverage import check
from atctl.data import load_countries
from atctl.profiles import all_profiles
t1 = time.perf_counter()
countries = list(load_countries().values())
profiles = list(all_profiles().values())
t2 = time.perf_counter()
for profile in profiles:
    check(profile, countries)
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "check": t3 - t2,
                  "modules": len(profiles), "countries": len(countries)}))
'''


def run(repeat: int = 3) -> dict:
    runs = [json.loads(subprocess.run([sys.executable, "-c", _CHILD], check=True, capture_output=True,
                                      text=True).stdout) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["load"] + r["check"])
    work = best["load"] + best["check"]
    return {
        "name": f"band check: {best['modules']} modules x {best['countries']} countries",
        "value": round(work, 4),
        "unit": "s",
        "target": f"< {TARGET_S}",
        "ok": work < TARGET_S,
        "detail": f"load {best['load']:.3f} s + checks {best['check']:.3f} s; imports {best['imports']:.3f} s "
                  f"on top (fresh interpreter, best of {repeat})",
    }


if __name__ == "__main__":
    print(run())
