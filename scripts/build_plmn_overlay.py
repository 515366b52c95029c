"""Build scripts/band_atlas_overlay/plmn.yaml: MCC-MNC codes and 2G/3G bands per Band Atlas operator.

Band Atlas has no MCC-MNC codes and no 2G/3G band lists. Both come from
Wikipedia's "Mobile Network Codes" tables (CC BY-SA 4.0): the 20-country extract
in shared/reference/operators_20_countries.txt where it covers the country,
otherwise a JSON export of the same tables (e.g. github.com/pbakondy/mcc-mnc-list,
fields countryCode/mcc/mnc/brand/operator/status/bands).

Operators are matched by country and shared name words; scripts/band_atlas_overlay/
plmn_manual.yaml pins the ones that do not match by name (mergers, rebrands) and
always wins. Review the diff of plmn.yaml after a rebuild.

Usage: python scripts/build_plmn_overlay.py BAND_ATLAS_DIR MNC_JSON [REFERENCE_TXT]
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "band_atlas_overlay"
STOP_WORDS = {"mobile", "telecom", "the", "de", "group", "communications", "africa", "sa"}
WIKI_SOURCE = {
    "name": "Wikipedia: Mobile country code / Mobile Network Codes tables (CC BY-SA 4.0)",
    "url": "https://en.wikipedia.org/wiki/Mobile_country_code",
    "grade": "C",
}


def plain(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", text).split())


def words(text: str | None) -> set[str]:
    """Distinctive words of a name: 'AT&T' stays one word so it cannot match 'T-Mobile'."""
    return {w for w in plain(text).split() if len(w) > 1} - STOP_WORDS


def parse_bands(text: str) -> dict[str, list[int]]:
    """'GSM 900 / UMTS 2100 / LTE 800' or 'GSM 900, UMTS 2100' -> {'gsm': [900], 'umts': [2100]} (MHz)."""
    out: dict[str, set[int]] = {"gsm": set(), "umts": set()}
    for part in re.split(r"\s*[/,]\s*", text or ""):
        m = re.fullmatch(r"(GSM|UMTS)\s+(\d+)", part.strip())
        if m:
            out[m.group(1).lower()].add(int(m.group(2)))
    return {k: sorted(v) for k, v in out.items() if v}


def read_reference(path: Path | None) -> dict[str, list[dict]]:
    """operators_20_countries.txt rows grouped by country: 'DE 26201 Telekom | GSM 900, LTE 700'."""
    rows: dict[str, list[dict]] = {}
    if not path:
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"([A-Z]{2}) (\d{5,6}) (.*?) \| (.*)$", line)
        if m:
            cc, plmn, brand, bands = m.groups()
            rows.setdefault(cc, []).append({"plmn": plmn, "brand": brand, "operator": "", "bands": bands})
    return rows


def read_mnc_json(path: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for x in json.loads(path.read_text(encoding="utf-8")):
        if x.get("status") != "Operational" or x.get("type") != "National":
            continue
        for cc in (x.get("countryCode") or "").split("/"):
            rows.setdefault(cc, []).append({"plmn": x["mcc"] + x["mnc"], "brand": x.get("brand") or "",
                                            "operator": x.get("operator") or "", "bands": x.get("bands") or ""})
    return rows


def build(atlas_dir: Path, mnc_json: Path, reference: Path | None) -> dict:
    ref = read_reference(reference)
    wiki = read_mnc_json(mnc_json)
    manual = yaml.safe_load((HERE / "plmn_manual.yaml").read_text(encoding="utf-8")) or {}
    out: dict[str, dict] = {}
    with (atlas_dir / "data" / "networks.csv").open(encoding="utf-8") as fh:
        nets = list(csv.DictReader(fh))
    # A word that two operators of one country share ('china') identifies neither.
    counts: dict[tuple[str, str], int] = {}
    for net in nets:
        for w in words(net["operator"]):
            counts[(net["country"], w)] = counts.get((net["country"], w), 0) + 1
    for net in nets:
        cc, op_id = net["country"], net["operator_id"]
        pinned = manual.get(op_id, {})
        candidates = ref.get(cc) or wiki.get(cc, [])
        if "mcc_mnc" in pinned:
            hits = [c for c in candidates if c["plmn"] in pinned["mcc_mnc"]]
            plmns = list(pinned["mcc_mnc"])
        else:
            want = {w for w in words(net["operator"]) if counts[(cc, w)] == 1}
            name = plain(net["operator"])
            hits = [c for c in candidates
                    if want & (words(c["brand"]) | words(c["operator"])) or name == plain(c["brand"])]
            plmns = sorted({c["plmn"] for c in hits})
        if not plmns:
            continue
        entry: dict = {"country": cc, "mcc_mnc": plmns}
        bands: dict[str, set[int]] = {}
        for c in hits:
            for rat, mhz in parse_bands(c["bands"]).items():
                bands.setdefault(rat, set()).update(mhz)
        entry.update({f"{rat}_mhz": sorted(v) for rat, v in sorted(bands.items())})
        entry["source"] = "reference-20" if cc in ref else "wikipedia-mnc"
        out[op_id] = entry
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    reference = Path(argv[2]) if len(argv) > 2 else None
    data = build(Path(argv[0]), Path(argv[1]), reference)
    header = ("# Generated by scripts/build_plmn_overlay.py from Wikipedia's Mobile Network Codes tables\n"
              "# (CC BY-SA 4.0, https://en.wikipedia.org/wiki/Mobile_country_code); edit plmn_manual.yaml, not this file.\n")
    doc = {"sources": {"wikipedia-mnc": WIKI_SOURCE,
                       "reference-20": dict(WIKI_SOURCE, name=WIKI_SOURCE["name"] + ", 20-country extract")},
           "operators": data}
    (HERE / "plmn.yaml").write_text(header + yaml.safe_dump(doc, sort_keys=True, allow_unicode=True), encoding="utf-8")
    print(f"{len(data)} operators with MCC-MNC")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
