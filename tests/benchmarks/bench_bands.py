"""Band check of every shipped module against every country, in-process.

Target: < 0.2 s for the whole matrix (data loading included, first call).
"""

from __future__ import annotations

import time

TARGET_S = 0.2


def run() -> dict:
    start = time.perf_counter()
    from atctl.bands.coverage import check
    from atctl.data import load_countries
    from atctl.profiles import all_profiles

    countries = list(load_countries().values())
    profiles = list(all_profiles().values())
    for profile in profiles:
        check(profile, countries)
    elapsed = time.perf_counter() - start
    return {
        "name": f"band check: {len(profiles)} modules x {len(countries)} countries",
        "value": round(elapsed, 4),
        "unit": "s",
        "target": f"< {TARGET_S}",
        "ok": elapsed < TARGET_S,
        "detail": "cold: imports, profile and country loading included",
    }


if __name__ == "__main__":
    print(run())
