"""Compare shipped LTE bands with Wikipedia's per-operator MHz lists (20-country extract).

    python scripts/crosscheck_lte.py [/work/shared/reference/operators_20_countries.txt]

MHz -> E-UTRA band depends on the region (DOMAIN.md section 5). Prints, per
operator, the bands only one side lists; the results are summarised in docs/DATA.md.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from atctl.data import lookup_plmn

AMERICAS = {"US", "CA", "MX", "BR", "AR", "CL", "CO"}
# (MHz, FDD?) -> candidate bands per region; a match with any candidate counts as agreement.
EU_APAC = {700: {28}, 800: {20}, 850: {5}, 900: {8}, 1500: {32}, 1800: {3}, 1900: {2, 25}, 2100: {1},
           2300: {40}, 2600: {7}, 3500: {42, 43}, 450: {31, 72, 73}, 1700: {4, 66}, 2500: {41}}
US_CA = {600: {71}, 700: {12, 13, 14, 17, 29}, 850: {5, 26}, 1700: {4, 66}, 1900: {2, 25}, 2300: {30},
         2600: {7}, 2100: {4, 66, 1}, 2500: {41}, 3500: {48}, 5200: {46}}
LATAM = {**EU_APAC, 1700: {4, 66}, 1900: {2, 25}, 850: {5, 26}, 700: {28}}
JP = {700: {28}, 800: {18, 19, 26}, 850: {18, 19, 26}, 900: {8}, 1500: {11, 21}, 1700: {3, 9}, 1800: {3},
      2100: {1}, 2500: {41}, 3500: {42}}
CN = {1900: {39}, 2300: {40}, 2500: {41}, 2600: {38, 41}, 1800: {3}, 2100: {1}, 850: {5}, 900: {8}, 700: {28}}
TDD = {1900: {39}, 2300: {40}, 2500: {41}, 2600: {38, 41}, 3500: {42}}


def table(cc: str) -> dict[int, set[int]]:
    if cc in ("US", "CA"):
        return US_CA
    if cc in AMERICAS:
        return LATAM
    return {"JP": JP, "CN": CN}.get(cc, EU_APAC)


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "/work/shared/reference/operators_20_countries.txt")
    found = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"([A-Z]{2}) (\d{5,6}) (.*?) \| (.*)$", line)
        if not m:
            continue
        cc, plmn, brand, freqs = m.groups()
        hit = lookup_plmn(plmn)
        if not hit or "lte" not in hit[1].rats:
            continue
        ours = set(hit[1].rats["lte"].bands)
        wiki_mhz = [(kind, int(mhz)) for kind, mhz in re.findall(r"(TD-LTE|LTE) (\d+)", freqs)]
        if not wiki_mhz:
            continue
        missing_here, matched = [], set()
        for kind, mhz in wiki_mhz:
            cands = (TDD if kind == "TD-LTE" else table(cc)).get(mhz, set())
            if cands & ours:
                matched |= cands & ours
            else:
                missing_here.append(f"{kind} {mhz}")
        extra = sorted(ours - matched)
        if missing_here or extra:
            found += 1
            print(f"{cc} {plmn} {hit[1].name}: Wikipedia lists {', '.join(missing_here) or '-'} not in Band Atlas; "
                  f"Band Atlas has {', '.join(f'B{b}' for b in extra) or '-'} not in Wikipedia")
    print(f"{found} operators disagree", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
