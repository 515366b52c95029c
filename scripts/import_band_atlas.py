"""Convert a local copy of Band Atlas (CC BY 4.0) into atctl/data/countries.json.

    python scripts/import_band_atlas.py /path/to/band-atlas-data [--out atctl/data/countries.json]

Reads data/networks.csv, data/network_bands.csv, data/sources.csv and
data/sunset.csv of https://github.com/365724-ctrl/band-atlas-data, merges the
human-maintained inputs in scripts/band_atlas_overlay/ (plmn.yaml: MCC-MNC and
2G/3G bands from Wikipedia's Mobile Network Codes tables; curated.yaml: stated
LTE-M/NB-IoT bands and sunsets with their own sources) and writes one JSON file
that atctl.data loads. The mapping rules are documented in docs/DATA.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OVERLAY = Path(__file__).resolve().parent / "band_atlas_overlay"
DEFAULT_OUT = ROOT / "atctl" / "data" / "countries.json"
FORMAT_VERSION = 1

ATTRIBUTION = "Band Atlas · Hyper Nexus (https://www.aiotrf.com/ai/band-atlas/), CC BY 4.0"
DATASET = {
    "name": "Band Atlas open data",
    "url": "https://github.com/365724-ctrl/band-atlas-data",
    "licence": "CC BY 4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": ATTRIBUTION,
    "changes": "Converted to atctl's format: NR bands dropped, confidence/grades mapped to verified, "
               "LTE-M/NB-IoT bands added (stated or derived), MCC-MNC and 2G/3G bands added from "
               "Wikipedia's Mobile Network Codes tables (CC BY-SA 4.0), curated facts merged.",
    "also_uses": [
        {"name": "Wikipedia: Mobile Network Codes tables", "url": "https://en.wikipedia.org/wiki/Mobile_country_code",
         "licence": "CC BY-SA 4.0", "used_for": "MCC-MNC codes, GSM/UMTS bands (facts marked with this source)"},
        {"name": "ISO 3166-1 country names (Debian iso-codes)", "url": "https://salsa.debian.org/iso-codes-team/iso-codes",
         "licence": "LGPL-2.1-or-later", "used_for": "country names (atctl/data/iso3166.json)"},
    ],
}

# LTE-M / NB-IoT are specified (TS 36.101 Cat-M1 / NB1 tables) on these FDD bands; IoT
# deployments sit on an operator's sub-GHz coverage layer, else on its mid-band anchor.
IOT_LOW_BANDS = {5, 8, 12, 13, 14, 17, 18, 19, 20, 26, 28, 71, 85}
IOT_MID_BANDS = {1, 2, 3, 4, 25, 66}
# UMTS MHz -> UTRA band for the Wikipedia lists (1700 is AWS B4 in the Americas, B9 in Japan).
UMTS_MHZ_TO_BAND = {2100: 1, 1900: 2, 1800: 3, 1700: 4, 850: 5, 900: 8, 800: 19}
GSM_MHZ = {450, 480, 750, 850, 900, 1800, 1900}
# Region default allocations, used (and marked derived) when no source lists 2G/3G bands.
AMERICAS = set("AR BB BO BR BS BZ CA CL CO CR CU DO EC GT GY HN HT JM MX NI PA PE PY SR SV TT US UY VE".split())

GRADE_RANK = {"A": 1, "B": 2, "C": 3, "D": 4}


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        sys.exit(f"import_band_atlas: {path} not found: pass the folder of a band-atlas-data checkout")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def norm_date(text: str) -> tuple[str | None, str | None]:
    """Band Atlas dates -> ISO (YYYY, YYYY-MM, YYYY-MM-DD); quarters/halves map to their last month.

    Returns (iso, original-if-changed) so the original can be kept in a note.
    """
    text = (text or "").strip()
    if not text:
        return None, None
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return text, None
    m = re.fullmatch(r"(\d{4})-(Q[1-4]|H[12])", text)
    if m:
        month = {"Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "H1": 6, "H2": 12}[m.group(2)]
        return f"{m.group(1)}-{month:02d}", text
    return None, text


def checked_date(atlas: Path, override: str | None) -> str:
    if override:
        return override
    readme = atlas / "README.md"
    if readme.exists():
        m = re.search(r"data checked (\d{4}-\d{2}-\d{2})", readme.read_text(encoding="utf-8"))
        if m:
            return m.group(1)
    sys.exit("import_band_atlas: no 'data checked YYYY-MM-DD' in README.md; pass --as-of")


class Importer:
    def __init__(self, atlas: Path, as_of: str, overlay: Path = OVERLAY):
        self.atlas = atlas
        self.as_of = as_of
        self.sources: dict[str, dict] = {}
        self.atlas_sources = {r["id"]: r for r in read_csv(atlas / "data" / "sources.csv")}
        self.plmn = yaml.safe_load((overlay / "plmn.yaml").read_text(encoding="utf-8"))
        self.curated = yaml.safe_load((overlay / "curated.yaml").read_text(encoding="utf-8"))
        self.iso = json.loads((ROOT / "atctl" / "data" / "iso3166.json").read_text(encoding="utf-8"))
        self.stats = {"facts": 0, "verified": 0, "derived": 0}

    # -- sources -----------------------------------------------------------------
    def atlas_source(self, sid: str) -> str:
        row = self.atlas_sources.get(sid)
        if row is None:
            raise SystemExit(f"import_band_atlas: source id {sid!r} is not in sources.csv")
        key = f"ba:{sid}"
        if key not in self.sources:
            grade = row["grade"] or None
            self.sources[key] = {"name": f"{row['publisher']}: {row['title']}", "url": row["url"] or None,
                                 "grade": grade, "date": row.get("date") or None}
        return key

    def dataset_source(self) -> str:
        self.sources.setdefault("ba:networks", {"name": "Band Atlas networks.csv (row without a per-fact source)",
                                                "url": DATASET["url"], "grade": None})
        return "ba:networks"

    def grade(self, key: str) -> int:
        return GRADE_RANK.get(self.sources[key].get("grade") or "", 9)

    def own_source(self, prefix: str, sid: str, table: dict) -> str:
        key = f"{prefix}:{sid}"
        if key not in self.sources:
            src = table[sid]
            self.sources[key] = {"name": src["name"], "url": src.get("url"), "grade": src.get("grade")}
        return key

    # -- facts ---------------------------------------------------------------------
    def fact(self, bands, status="live", *, sources, verified, derived=False, shutdown=None, as_of=None, note=None):
        sources = list(sources) or [self.dataset_source()]  # every fact cites something
        self.stats["facts"] += 1
        self.stats["verified"] += bool(verified)
        self.stats["derived"] += bool(derived)
        out = {"bands": sorted(set(bands)), "status": status, "verified": bool(verified), "derived": bool(derived),
               "sources": sorted(dict.fromkeys(sources), key=lambda s: (self.grade(s), s)), "as_of": as_of or self.as_of}
        if shutdown:
            out["shutdown"] = shutdown
        if note:
            out["note"] = note
        return out

    def lte_fact(self, rows: list[dict]) -> dict:
        """Verified when every band is cross-checked (confidence x) or backed by a grade-A source."""
        bands, sources, single = [], [], []
        for r in rows:
            keys = [self.atlas_source(s) for s in r["sources"].split(";") if s]
            sources += keys
            band = int(r["band"].lstrip("B"))
            bands.append(band)
            if not (r["confidence"] == "x" or any(self.sources[k]["grade"] == "A" for k in keys)):
                single.append(band)
        note = f"single-source bands: {', '.join(f'B{b}' for b in sorted(set(single)))}" if single else None
        return self.fact(bands, sources=sources, verified=not single, note=note)

    def iot_fact(self, net: dict, rat: str, lte_rows: list[dict]) -> dict | None:
        col = "lte_m" if rat == "lte-m" else "nb_iot"
        state, src = net[col], net[f"{col}_source"]
        keys = [self.atlas_source(s) for s in src.split(";") if s]
        if state == "yes":
            coverage = {int(r["band"][1:]) for r in lte_rows if r["layer"] == "coverage"}
            allbands = {int(r["band"][1:]) for r in lte_rows}
            bands = (coverage | allbands) & IOT_LOW_BANDS or allbands & IOT_MID_BANDS
            note = ("bands derived from the operator's LTE coverage layer (docs/DATA.md); "
                    "deployment listed by " + ", ".join(self.sources[k]["name"].split(":")[0] for k in keys))
            return self.fact(bands, sources=keys, verified=False, derived=True, note=note)
        if state == "off":
            return self.fact([], "shut-down", sources=keys, verified=any(self.grade(k) <= 2 for k in keys))
        if state == "unlisted":
            return self.fact([], "not-deployed", sources=keys, verified=False,
                             note="not listed among commercial launches (absence is not proof)")
        return None

    def legacy_fact(self, net: dict, rat: str, plmn: dict | None) -> dict | None:
        """gsm / umts: status from Band Atlas (2g/3g columns), bands from Wikipedia or the region default."""
        col = "2g" if rat == "gsm" else "3g"
        state, (date, raw_date) = net[col], norm_date(net[f"{col}_date"])
        status_keys = [self.atlas_source(s) for s in net[f"{col}_source"].split(";") if s]
        status = {"off": "shut-down", "planned": "announced-shutdown", "ending": "announced-shutdown",
                  "none": "live", "never": "not-deployed", "unknown": "live"}.get(state)
        if status is None:
            return None
        mhz = (plmn or {}).get(f"{rat}_mhz") or []
        if rat == "gsm":
            bands = [m for m in mhz if m in GSM_MHZ]
        else:
            bands = [UMTS_MHZ_TO_BAND[m] for m in mhz if m in UMTS_MHZ_TO_BAND]
            if net["country"] == "JP":
                bands = [{4: 9}.get(b, b) for b in bands]
        keys = list(status_keys)
        derived = False
        notes = []
        if bands:
            keys.append(self.own_source("wiki", plmn["source"], self.plmn["sources"]))
        elif status == "not-deployed":
            pass
        elif state == "unknown" or status in ("shut-down",):
            notes.append("bands not listed by any source")
        else:
            derived = True
            americas = net["country"] in AMERICAS
            bands = ([850, 1900] if americas else [900, 1800]) if rat == "gsm" else ([2, 5] if americas else [1, 8])
            notes.append("bands derived from the region's standard allocation (docs/DATA.md)")
        if state == "unknown":
            notes.append("Band Atlas has no 2G/3G status for this network; assumed live")
        if raw_date:
            notes.append(f"source date: {raw_date}")
        if not keys:  # a status row without its own source: cite the dataset table itself
            keys = [self.dataset_source()]
        # Verified: the status comes from a grade A/B source and the bands are stated (not derived).
        verified = (not derived) and state not in ("unknown",) and any(self.grade(k) <= 2 for k in status_keys) \
            and (bool(bands) or status in ("not-deployed", "shut-down"))
        return self.fact(bands, status, sources=keys, verified=verified, derived=derived,
                         shutdown=date if status in ("shut-down", "announced-shutdown") else None,
                         note="; ".join(notes) or None)

    def curated_fact(self, spec: dict) -> dict:
        key = self.own_source("cur", spec["source"], self.curated["sources"])
        return self.fact(spec.get("bands", []), spec.get("status", "live"), sources=[key],
                         verified=spec.get("verified", False), derived=spec.get("derived", False),
                         shutdown=spec.get("shutdown"), as_of=str(spec["as_of"]), note=spec.get("note"))

    # -- whole dataset --------------------------------------------------------------
    def run(self) -> dict:
        nets = read_csv(self.atlas / "data" / "networks.csv")
        bands_by_op: dict[tuple[str, str], list[dict]] = {}
        for r in read_csv(self.atlas / "data" / "network_bands.csv"):
            if r["tech"] == "LTE":
                bands_by_op.setdefault((r["country"], r["operator_id"]), []).append(r)
        plmn_ops = self.plmn["operators"]
        curated = self.curated.get("facts", {})
        no_gsm = self.curated.get("no_gsm_countries", {})
        countries: dict[str, dict] = {}
        for net in nets:
            cc, op_id = net["country"], net["operator_id"]
            if cc not in self.iso:
                raise SystemExit(f"import_band_atlas: {cc!r} is not an ISO 3166-1 alpha-2 code")
            country = countries.setdefault(cc, {"name": self.iso[cc], "notes": [], "operators": []})
            rows = bands_by_op.get((cc, op_id), [])
            plmn = plmn_ops.get(op_id)
            rats: dict[str, dict] = {}
            for rat in ("gsm", "umts"):
                if rat == "gsm" and cc in no_gsm:
                    key = self.own_source("cur", no_gsm[cc], self.curated["sources"])
                    rats[rat] = self.fact([], "not-deployed", sources=[key], verified=True, as_of=self.as_of)
                    continue
                f = self.legacy_fact(net, rat, plmn)
                if f:
                    rats[rat] = f
            if rows:
                rats["lte"] = self.lte_fact(rows)
            for rat in ("lte-m", "nb-iot"):
                f = self.iot_fact(net, rat, rows)
                if f:
                    rats[rat] = f
            for rat, spec in curated.get(op_id, {}).items():
                if rat in rats:  # replaced: undo the replaced fact's counts
                    old = rats[rat]
                    self.stats["facts"] -= 1
                    self.stats["verified"] -= old["verified"]
                    self.stats["derived"] -= old["derived"]
                rats[rat] = self.curated_fact(spec)
            country["operators"].append({
                "id": op_id, "name": net["operator"], "group": net["group"] or None,
                "mcc_mnc": (plmn or {}).get("mcc_mnc", []), "status": "live", "rats": rats,
            })
            if cc in no_gsm and not country["notes"]:
                country["notes"].append("GSM was never deployed here (2G was PDC/cdmaOne).")
        self.apply_sunset_events(countries)
        return {
            "format": FORMAT_VERSION,
            "dataset": dict(DATASET, as_of=self.as_of),
            "sources": dict(sorted(self.sources.items())),
            "countries": dict(sorted(countries.items())),
        }

    def apply_sunset_events(self, countries: dict) -> None:
        """Country-wide rows of sunset.csv (no operator id) become country notes."""
        for r in read_csv(self.atlas / "data" / "sunset.csv"):
            if not r["operator_id"] and r["country"] in countries:
                date, raw = norm_date(r["date"])
                word = "switched off" if r["status"] == "off" else "switch-off planned"
                countries[r["country"]]["notes"].append(f"{r['network']}: {word} {date or raw} (Band Atlas sunset.csv)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("atlas", type=Path, help="folder of a band-atlas-data checkout (holds data/*.csv)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--as-of", help="check date of the dataset (default: 'data checked' in its README)")
    ap.add_argument("--overlay", type=Path, default=OVERLAY, help="folder of plmn.yaml and curated.yaml")
    args = ap.parse_args(argv)
    imp = Importer(args.atlas, checked_date(args.atlas, args.as_of), args.overlay)
    doc = imp.run()
    args.out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                        encoding="utf-8")
    ops = sum(len(c["operators"]) for c in doc["countries"].values())
    print(f"{len(doc['countries'])} countries, {ops} operators, {imp.stats['facts']} facts "
          f"({imp.stats['verified']} verified, {imp.stats['derived']} derived) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
