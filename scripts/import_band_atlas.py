"""Convert a local copy of Band Atlas (CC BY 4.0) into atctl/data/countries.json.

    python scripts/import_band_atlas.py /path/to/band-atlas-data [--out atctl/data/countries.json]

Reads the fact tables of https://github.com/365724-ctrl/band-atlas-data:
data/networks.csv, data/network_bands.csv, data/sources.csv, data/iot_networks.csv
(LTE-M / NB-IoT services) and data/sunset.csv (per-operator switch-off rows with
month-level dates and residual services, and country-wide switch-off events).
It merges the human-maintained inputs in scripts/band_atlas_overlay/ (plmn.yaml:
MCC-MNC and 2G/3G bands from Wikipedia's Mobile Network Codes tables;
iot_operators.yaml: operator names of iot_networks.csv/sunset.csv that differ from
networks.csv; curated.yaml and curated/*.yaml: corrections with their own sources,
applied last so a re-import keeps them) and writes one JSON file that atctl.data loads. The upstream
commit and its date go into the dataset header. The mapping rules are in docs/DATA.md.

With --base (a previously converted countries.json) the operators, LTE bands and
2G/3G rows come from that file instead of networks.csv/network_bands.csv; the
other tables and the overlay are applied as usual. This is for a partial copy of
the upstream tables (docs/DATA.md, "Regenerating").
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import re
import subprocess
import sys
import unicodedata
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

# LTE-M / NB-IoT are specified (TS 36.101 Cat-M1 / NB1 tables) on these FDD bands. NB-IoT
# sits on an operator's sub-GHz coverage layer (else its mid-band anchor); LTE-M is
# usually switched on across the FDD layers, mid-band anchors included (AT&T B2/B4/B12,
# Verizon B4/B13, Telstra B3/B28), so a derived LTE-M list keeps both (docs/DATA.md).
IOT_LOW_BANDS = {5, 8, 12, 13, 14, 17, 18, 19, 20, 26, 28, 71, 85}
IOT_MID_BANDS = {1, 2, 3, 4, 25, 66}
IOT_TECH = {"LTE-M": "lte-m", "NB-IoT": "nb-iot"}
SUNSET_NOTE = "(Band Atlas sunset.csv)"
NO_GSM_NOTE = "GSM was never deployed here (2G was PDC/cdmaOne)."
# UMTS MHz -> UTRA band for the Wikipedia lists (1700 is AWS B4 in the Americas, B9 in Japan).
UMTS_MHZ_TO_BAND = {2100: 1, 1900: 2, 1800: 3, 1700: 4, 850: 5, 900: 8, 800: 19}
GSM_MHZ = {450, 480, 750, 850, 900, 1800, 1900}
# Region default allocations, used (and marked derived) when no source lists 2G/3G bands.
AMERICAS = set("AR BB BO BR BS BZ CA CL CO CR CU DO EC GT GY HN HT JM MX NI PA PE PY SR SV TT US UY VE".split())

GRADE_RANK = {"A": 1, "B": 2, "C": 3, "D": 4}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")   # YYYY, YYYY-MM or YYYY-MM-DD: every date the data holds


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
    if ISO_DATE.fullmatch(text):
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


def name_key(text: str) -> str:
    """'Telefónica' / 'TELEFONICA ' -> 'telefonica' (accents, case and punctuation ignored)."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", plain.casefold())


def git_provenance(atlas: Path) -> tuple[str | None, str | None]:
    """(commit, commit date) of a git checkout of Band Atlas, or (None, None)."""
    if not (atlas / ".git").exists():
        return None, None
    try:
        out = subprocess.run(["git", "-C", str(atlas), "log", "-1", "--format=%H %cs"], capture_output=True,
                             text=True, check=True, timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None, None
    return (out[0], out[1]) if len(out) == 2 else (None, None)


# Publishers that are one source under two names: a news service of the body whose list it
# reports (Mobile World Live is published by GSMA Ltd), short and long names of one publication,
# a renamed site (Next INpact became Next in 2023). Keys as publisher_key normalises them.
PUBLISHER_FAMILIES = {
    "aa": "anadoluagency",  # Anadolu Agency's wire credit
    "mobileworldlive": "gsma",
    "commsupdate": "telegeographycommsupdate",
    "rcrwirelessnews": "rcrwireless",
    "cellmapperwiki": "cellmapper",
    "itwebafrica": "itweb",
    "attinnovationblog": "att",
    "nextinpact": "next",
    "sda": "awp",          # Keystone-SDA / AWP wire stories are credited jointly ("sda/awp")
    "sttinfo": "stt",
}
# a news agency credited in parentheses is the story's origin ("finanzen.net (dpa)")
_AGENCIES = re.compile(r"\b(dpa|anp|sda/awp|awp|the canadian press|ritzau|reuters|afp|aa|anadolu agency)\b", re.IGNORECASE)
# "X (relaying Y)", "(citing Y)", "(repost of Y)": Y is the origin; "X (via Y)": X's story read on Y
_ORIGIN = re.compile(r"\((?:relaying|citing|repost of)\s+([^,)]+)", re.IGNORECASE)


def publisher_key(name: str) -> str:
    """Who published a source, as "two independent sources" compares it: the part of its name
    before the first colon; a relayed, cited or reposted story counts as its origin and a wire
    story as its agency; dated or descriptive qualifiers in parentheses, case, spaces and
    punctuation do not count; PUBLISHER_FAMILIES merges one publisher's several names."""
    head = name.split(":")[0].strip()
    origin = _ORIGIN.search(head)
    if origin:
        head = re.split(r"\s+and\s+", origin.group(1))[0]  # the first origin named
    else:
        credits = " ".join(re.findall(r"\(([^)]*)\)", head))
        agency = _AGENCIES.search(credits)
        if agency:
            head = agency.group(1).split("/")[-1]
    head = re.sub(r"\([^)]*\)", " ", head)
    key = re.sub(r"[^0-9a-z\u00c0-\uffff]+", "", head.casefold())
    return PUBLISHER_FAMILIES.get(key, key)


# Wikipedia's Mobile Network Codes tables give a network's codes and 2G/3G bands, not its status:
# they never count as a status publisher, whether as the wiki: rows of plmn.yaml or as the copies
# the overlay cites for the networks it adds.
_BAND_ONLY = re.compile(r"wikipedia: mobile (country code|network codes)", re.IGNORECASE)


def status_publishers(sources: dict, keys) -> set[str]:
    """Who independently states a fact's status: the publishers of its sources, without the
    band-only Wikipedia MNC tables and the source-less Band Atlas row (ba:networks)."""
    return {publisher_key(sources[k]["name"]) for k in keys
            if not k.startswith("wiki:") and k != "ba:networks" and not _BAND_ONLY.match(sources[k]["name"])}


class _StrictLoader(yaml.SafeLoader):
    """YAML keeps the last of two equal mapping keys; an overlay would silently lose the first block."""


def _strict_mapping(loader, node, deep=False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"{key!r} is written twice (first on line {seen[key]})", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _strict_mapping)


def load_overlay_yaml(path: Path, where: str) -> dict:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise SystemExit(f"import_band_atlas: {where}{line}: {exc.problem}") from None


CURATED_SECTIONS = ("sources", "facts", "no_gsm_countries", "corroborate", "operators", "names")


def load_curated(overlay: Path, origins: dict | None = None) -> dict:
    """curated.yaml plus every curated/*.yaml, merged into one document.

    The corrections are split by region or topic so that people (and parallel helpers) editing
    different parts never touch one file. A source id, a fact (operator + RAT), a no-GSM
    country or an added operator defined in two files is an error naming both; second sources
    ('corroborate') of one fact add up across files. An added operator's facts count as facts,
    so a 'facts' entry elsewhere cannot redefine one. `origins`, if given, receives
    {added operator id: file} for error messages.
    """
    merged: dict = {name: {} for name in CURATED_SECTIONS}
    origin: dict[tuple, str] = {}

    def claim(key: tuple, label: str, where: str) -> None:
        if key in origin:
            raise SystemExit(f"import_band_atlas: {label} is defined in both {origin[key]} and {where}")
        origin[key] = where

    paths = [overlay / "curated.yaml"] + sorted((overlay / "curated").glob("*.yaml"))
    for path in paths:
        where = path.relative_to(overlay).as_posix()
        doc = load_overlay_yaml(path, where)
        unknown = sorted(set(doc) - set(CURATED_SECTIONS))
        if unknown:
            raise SystemExit(f"import_band_atlas: {where} has unknown sections {', '.join(unknown)}"
                             f" (known: {', '.join(CURATED_SECTIONS)})")
        for sid, src in (doc.get("sources") or {}).items():
            claim(("source", sid), f"source {sid!r}", where)
            merged["sources"][sid] = src
        for cc, refs in (doc.get("no_gsm_countries") or {}).items():
            claim(("no_gsm", cc), f"no_gsm_countries {cc}", where)
            merged["no_gsm_countries"][cc] = refs
        for op_id, rats in (doc.get("facts") or {}).items():
            for rat, spec in rats.items():
                claim(("fact", op_id, rat), f"the fact {op_id} {rat}", where)
                merged["facts"].setdefault(op_id, {})[rat] = spec
        for op_id, rats in (doc.get("corroborate") or {}).items():
            for rat, items in rats.items():
                merged["corroborate"].setdefault(op_id, {}).setdefault(rat, []).extend(items)
        for op_id, spec in (doc.get("operators") or {}).items():
            claim(("operator", op_id), f"the added operator {op_id}", where)
            for rat in (spec or {}).get("rats") or {}:
                claim(("fact", op_id, rat), f"the fact {op_id} {rat}", where)
            merged["operators"][op_id] = spec
            if origins is not None:
                origins[op_id] = where
        for op_id, spec in (doc.get("names") or {}).items():
            claim(("name", op_id), f"the name of {op_id}", where)
            merged["names"][op_id] = spec
    return merged


class Importer:
    def __init__(self, atlas: Path, as_of: str, overlay: Path = OVERLAY, base: Path | None = None,
                 provenance: dict | None = None, observations: list[Path] | None = None):
        self.atlas = atlas
        # contributed device observations: the overlay's own files, then any given on the command line
        self.observation_files = sorted((overlay / "observations").glob("*.yaml")) + list(observations or [])
        self.as_of = as_of
        self.base = base
        self.provenance = provenance or {}
        self.sources: dict[str, dict] = {}
        sources_csv = atlas / "data" / "sources.csv"
        # A partial copy (--base) may carry only the source rows the base file lacks.
        rows = read_csv(sources_csv) if (base is None or sources_csv.exists()) else []
        self.atlas_sources = {r["id"]: r for r in rows}
        self.plmn = load_overlay_yaml(overlay / "plmn.yaml", "plmn.yaml")
        manual = overlay / "plmn_manual.yaml"
        self.plmn_pins = load_overlay_yaml(manual, "plmn_manual.yaml") if manual.exists() else {}
        self.added_origin: dict[str, str] = {}
        self.curated = load_curated(overlay, self.added_origin)
        pins = overlay / "iot_operators.yaml"
        self.name_pins = load_overlay_yaml(pins, "iot_operators.yaml") if pins.exists() else {}
        self.iso = json.loads((ROOT / "atctl" / "data" / "iso3166.json").read_text(encoding="utf-8"))
        self.stats: dict[str, int] = {}
        self.unmatched: list[str] = []
        self.disagreements: list[str] = []

    # -- sources -----------------------------------------------------------------
    def atlas_source(self, sid: str) -> str:
        key = f"ba:{sid}"
        row = self.atlas_sources.get(sid)
        if row is None:
            if key in self.sources:  # known from the --base file
                return key
            if self.base is None:
                raise SystemExit(f"import_band_atlas: source id {sid!r} is not in sources.csv")
            self.sources[key] = {"name": f"Band Atlas sources.csv id {sid} (row not in the copy read)",
                                 "url": DATASET["url"], "grade": None}
            return key
        if key not in self.sources or self.sources[key].get("name", "").startswith("Band Atlas sources.csv id"):
            grade = row["grade"] or None
            self.sources[key] = {"name": f"{row['publisher']}: {row['title']}", "url": row["url"] or None,
                                 "grade": grade, "date": row.get("date") or None}
        return key

    def source_keys(self, field: str) -> list[str]:
        return [self.atlas_source(s) for s in (field or "").split(";") if s]

    def dataset_source(self) -> str:
        self.sources.setdefault("ba:networks", {"name": "Band Atlas networks.csv (row without a per-fact source)",
                                                "url": DATASET["url"], "grade": None})
        return "ba:networks"

    def grade(self, key: str) -> int:
        return GRADE_RANK.get(self.sources[key].get("grade") or "", 9)

    def own_source(self, prefix: str, sid: str, table: dict) -> str:
        key = f"{prefix}:{sid}"
        if key not in self.sources:
            if sid not in table:
                raise SystemExit(f"import_band_atlas: source {sid!r} is not in the overlay's sources")
            src = table[sid]
            self.sources[key] = {"name": src["name"], "url": src.get("url"), "grade": src.get("grade")}
        return key

    # -- facts ---------------------------------------------------------------------
    def fact(self, bands, status="live", *, sources, verified, derived=False, shutdown=None, as_of=None, note=None):
        sources = list(sources) or [self.dataset_source()]  # every fact cites something
        out = {"bands": sorted(set(bands)), "status": status, "verified": bool(verified), "derived": bool(derived),
               "sources": self.sorted_sources(sources), "as_of": as_of or self.as_of}
        if shutdown:
            out["shutdown"] = shutdown
        if note:
            out["note"] = note
        return out

    def sorted_sources(self, keys) -> list[str]:
        return sorted(dict.fromkeys(keys), key=lambda s: (self.grade(s), s))

    @staticmethod
    def add_note(f: dict, text: str) -> None:
        if text not in (f.get("note") or ""):
            f["note"] = f"{f['note']}; {text}" if f.get("note") else text

    def lte_fact(self, rows: list[dict]) -> dict:
        """Verified when every band is cross-checked (confidence x) or backed by a grade-A source."""
        bands, sources, single = [], [], []
        for r in rows:
            keys = self.source_keys(r["sources"])
            sources += keys
            band = int(r["band"].lstrip("B"))
            bands.append(band)
            if not (r["confidence"] == "x" or any(self.sources[k]["grade"] == "A" for k in keys)):
                single.append(band)
        note = f"single-source bands: {', '.join(f'B{b}' for b in sorted(set(single)))}" if single else None
        return self.fact(bands, sources=sources, verified=not single, note=note)

    @staticmethod
    def derive_iot_bands(rat: str, lte_bands: set[int]) -> set[int]:
        low, mid = lte_bands & IOT_LOW_BANDS, lte_bands & IOT_MID_BANDS
        if rat == "lte-m":
            return low | mid
        return low or mid

    def derived_iot_fact(self, rat: str, lte_bands: set[int], keys: list[str], listed_by: str) -> dict:
        bands = self.derive_iot_bands(rat, lte_bands)
        names = ", ".join(dict.fromkeys(self.sources[k]["name"].split(":")[0] for k in keys)) or listed_by
        note = f"bands derived from the operator's LTE bands (docs/DATA.md); deployment listed by {names}"
        return self.fact(bands, sources=keys, verified=False, derived=True, note=note)

    def iot_fact(self, net: dict, rat: str, lte_bands: set[int]) -> dict | None:
        col = "lte_m" if rat == "lte-m" else "nb_iot"
        state = net[col]
        keys = self.source_keys(net[f"{col}_source"])
        if state == "yes":
            return self.derived_iot_fact(rat, lte_bands, keys, "Band Atlas networks.csv")
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
        status_keys = self.source_keys(net[f"{col}_source"])
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
        refs = spec["source"] if isinstance(spec["source"], list) else [spec["source"]]
        keys = [self.own_source("cur", ref, self.curated["sources"]) for ref in refs]
        return self.fact(spec.get("bands", []), spec.get("status", "live"), sources=keys,
                         verified=spec.get("verified", False), derived=spec.get("derived", False),
                         shutdown=spec.get("shutdown"), as_of=str(spec["as_of"]), note=spec.get("note"))

    # -- operators: from networks.csv, or from a previous conversion (--base) -------
    def operators_from_atlas(self) -> dict[str, dict]:
        nets = read_csv(self.atlas / "data" / "networks.csv")
        bands_by_op: dict[tuple[str, str], list[dict]] = {}
        for r in read_csv(self.atlas / "data" / "network_bands.csv"):
            if r["tech"] == "LTE":
                bands_by_op.setdefault((r["country"], r["operator_id"]), []).append(r)
        plmn_ops = self.plmn["operators"]
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
                f = self.legacy_fact(net, rat, plmn)
                if f:
                    rats[rat] = f
            if rows:
                rats["lte"] = self.lte_fact(rows)
            lte_bands = {int(r["band"].lstrip("B")) for r in rows}
            for rat in ("lte-m", "nb-iot"):
                f = self.iot_fact(net, rat, lte_bands)
                if f:
                    rats[rat] = f
            country["operators"].append({
                "id": op_id, "name": net["operator"], "group": net["group"] or None,
                "mcc_mnc": (plmn or {}).get("mcc_mnc", []), "status": "live", "rats": rats,
            })
        return countries

    def operators_from_base(self) -> dict[str, dict]:
        """A previous conversion minus what this run re-applies (curated facts, sunset notes)."""
        doc = json.loads(self.base.read_text(encoding="utf-8"))
        for key, src in doc["sources"].items():
            if not key.startswith("cur:"):
                self.sources.setdefault(key, dict(src))
        countries = {}
        for cc, c in doc["countries"].items():
            notes = [n for n in c.get("notes", []) if SUNSET_NOTE not in n and n != NO_GSM_NOTE]
            ops = []
            for o in c["operators"]:
                if self.was_added(o):
                    continue  # re-added from the overlay's 'operators' (or dropped with it)
                o = copy.deepcopy(o)
                if "name_change" in o:   # the tables know the former name; 'names:' is re-applied at the end
                    change = o.pop("name_change")
                    o["name"] = change.get("table", change["from"])
                o["rats"] = {r: f for r, f in o["rats"].items() if not all(s.startswith("cur:") for s in f["sources"])}
                for f in o["rats"].values():  # corroborations are re-applied from curated.yaml
                    f["sources"] = [k for k in f["sources"] if not k.startswith("cur:")]
                lte_bands = set(o["rats"].get("lte", {}).get("bands", []))
                for rat in ("lte-m", "nb-iot"):  # derived lists follow the current rule
                    if o["rats"].get(rat, {}).get("derived"):
                        o["rats"][rat]["bands"] = sorted(self.derive_iot_bands(rat, lte_bands))
                ops.append(o)
            if ops or not c["operators"]:
                countries[cc] = {"name": c["name"], "notes": notes, "operators": ops}
            # else: a country that only added operators created; it is re-created if they still are
        return countries

    def was_added(self, op: dict) -> bool:
        """An operator of a previous conversion that came from the overlay's 'operators:' section.

        None of its facts cites a Band Atlas or Wikipedia row. A Band Atlas operator's facts do,
        unless a 'facts:' entry corrects every one of its RATs: such an operator is kept (its id has
        'facts:' entries), an added one is rebuilt from the overlay, or dropped with its entry."""
        if not op["rats"] or any(k.startswith(("ba:", "wiki:")) for f in op["rats"].values() for k in f["sources"]):
            return False
        return op["id"] in (self.curated.get("operators") or {}) or op["id"] not in (self.curated.get("facts") or {})

    def apply_plmn_pins(self, countries: dict) -> None:
        """plmn_manual.yaml always wins: its codes replace those of plmn.yaml or of a --base file."""
        for c in countries.values():
            for op in c["operators"]:
                pin = self.plmn_pins.get(op["id"]) or {}
                if "mcc_mnc" in pin:
                    op["mcc_mnc"] = [str(code) for code in pin["mcc_mnc"]]

    def apply_added_operators(self, countries: dict) -> None:
        """The overlay's 'operators:': networks Band Atlas lacks, with their own sourced facts.

        A country the tables lack is created with its ISO 3166 name. An added operator whose id or
        MCC-MNC an imported operator already has is an error: when a later Band Atlas release gains
        the network, its overlay entry must go (or become 'facts'/'corroborate' entries), never a
        second row for one network.
        """
        by_id = {o["id"]: (cc, o) for cc, c in countries.items() for o in c["operators"]}
        by_code = {code: (cc, o) for cc, c in countries.items() for o in c["operators"] for code in o["mcc_mnc"]}
        for op_id, spec in (self.curated.get("operators") or {}).items():
            where = self.added_origin.get(op_id, "curated.yaml")
            label = f"{where}: added operator {op_id}"
            spec = spec or {}
            for key in ("country", "name", "mcc_mnc", "mcc_mnc_source", "rats"):
                if not spec.get(key):
                    raise SystemExit(f"import_band_atlas: {label} has no {key!r}")
            cc, codes = spec["country"], [str(c) for c in spec["mcc_mnc"]]
            if cc not in self.iso:
                raise SystemExit(f"import_band_atlas: {label}: country {cc!r} is not an ISO 3166-1 alpha-2 code")
            bad = [c for c in codes if not re.fullmatch(r"\d{5,6}", c)]
            if bad:
                raise SystemExit(f"import_band_atlas: {label}: MCC-MNC {', '.join(bad)} is not 5 or 6 digits")
            clash = by_id.get(op_id) or next((by_code[c] for c in codes if c in by_code), None)
            if clash:
                other_cc, other = clash
                raise SystemExit(
                    f"import_band_atlas: {label} ({cc}, {', '.join(codes)}) is already in the dataset as "
                    f"{other['id']} ({other['name']}, {other_cc}, {', '.join(other['mcc_mnc']) or 'no MCC-MNC'}): "
                    f"remove the added entry (move its facts to 'facts'/'corroborate' if they still apply)")
            code_refs = spec["mcc_mnc_source"]
            for ref in [code_refs] if isinstance(code_refs, str) else code_refs:
                self.own_source("cur", ref, self.curated["sources"])  # the codes' sources must exist too
            rats = {}
            for rat, fact in spec["rats"].items():
                if not (fact or {}).get("source") or not fact.get("as_of"):
                    raise SystemExit(f"import_band_atlas: {where}: the fact {op_id} {rat} needs a source and as_of")
                rats[rat] = self.curated_fact(fact)
            country = countries.setdefault(cc, {"name": self.iso[cc], "notes": [], "operators": []})
            op = {"id": op_id, "name": spec["name"], "group": spec.get("group") or None, "mcc_mnc": codes,
                  "status": "live", "rats": rats}
            country["operators"].append(op)
            by_id[op_id] = (cc, op)
            by_code.update({c: (cc, op) for c in codes})

    # -- tables applied over the operators --------------------------------------------
    def find_operator(self, countries: dict, cc: str, name: str) -> dict | None:
        """Operator of country cc by Band Atlas id, display name, group, or a pin in iot_operators.yaml."""
        ops = countries.get(cc, {}).get("operators", [])
        pinned = (self.name_pins.get(cc) or {}).get(name)
        key = name_key(name)
        for want in ([pinned] if pinned else []) + [name]:
            for o in ops:
                if o["id"] == want:
                    return o
        for field in ("name", "group"):
            hits = [o for o in ops if name_key(o.get(field) or "") == key]
            if len(hits) == 1:
                return hits[0]
        return None

    def apply_iot_networks(self, countries: dict) -> None:
        """iot_networks.csv: LTE-M / NB-IoT services, some missing from networks.csv's columns."""
        for r in read_csv(self.atlas / "data" / "iot_networks.csv"):
            rat, cc = IOT_TECH.get(r["technology"]), r["market"]
            op = self.find_operator(countries, cc, r["operator"])
            if rat is None or op is None:
                self.unmatched.append(f"iot_networks.csv: {cc} {r['operator']} {r['technology']}")
                continue
            keys = self.source_keys(r["sources"])
            status_text = r["status"].strip().lower()
            old = op["rats"].get(rat)
            if status_text.startswith("shut down"):
                date, raw = norm_date(status_text.removeprefix("shut down").strip())
                new = self.fact([], "shut-down", sources=keys, verified=any(self.grade(k) <= 2 for k in keys),
                                shutdown=date, note=f"source date: {raw}" if raw else None)
                if old is None or old["status"] != "shut-down":
                    op["rats"][rat] = new
                else:
                    old["sources"] = self.sorted_sources(old["sources"] + keys)
                    old.setdefault("shutdown", date)
                continue
            lte_bands = set(op["rats"].get("lte", {}).get("bands", []))
            if old is None or old["status"] == "not-deployed":
                new = self.derived_iot_fact(rat, lte_bands, keys, "Band Atlas iot_networks.csv")
                self.add_note(new, "listed as commercial in Band Atlas iot_networks.csv (networks.csv did not list it)")
                if not new["bands"]:
                    continue  # no LTE bands to derive from: nothing a band check could use
                op["rats"][rat] = new
                self.stats["iot_added"] = self.stats.get("iot_added", 0) + 1
                old = new
            elif old["status"] == "shut-down":
                self.disagreements.append(f"{cc} {op['name']} {rat}: iot_networks.csv commercial, networks.csv off")
                self.add_note(old, "Band Atlas iot_networks.csv still lists it as commercial")
                continue
            else:
                old["sources"] = self.sorted_sources(old["sources"] + keys)
            if status_text != "commercial":
                self.add_note(old, f"coverage: {r['status'].strip()} (Band Atlas iot_networks.csv)")

    @staticmethod
    def sunset_rat(network: str) -> str | None:
        """'2G (GSM)' -> gsm, '3G (FOMA)' -> umts, 'NB-IoT' -> nb-iot; CDMA, 4G and mixed rows -> None."""
        text = network.strip().lower()
        if "cdma" in text or "sprint" in text or text.startswith(("4g", "2g/3g")):
            return None
        if text.startswith("nb-iot"):
            return "nb-iot"
        if text.startswith("2g"):
            return "gsm"
        if text.startswith("3g"):
            return "umts"
        return None

    @staticmethod
    def regional(network: str) -> bool:
        """'3G (Zhejiang)', '2G (from 2026-03-31, region by region)': a qualifier that is not a RAT name."""
        m = re.search(r"\((.*)\)", network)
        return bool(m) and m.group(1).strip().lower() not in ("gsm", "umts", "foma", "w-cdma", "wcdma")

    def apply_sunset(self, countries: dict) -> None:
        """sunset.csv: per-operator rows refine the 2G/3G/NB-IoT dates; the rest become country notes."""
        for r in read_csv(self.atlas / "data" / "sunset.csv"):
            cc = r["country"]
            if cc not in countries:
                continue
            date, raw = norm_date(r["date"])
            keys = self.source_keys(r["source"])
            word = "switched off" if r["status"] == "off" else "switch-off planned"
            op = self.find_operator(countries, cc, r["operator_id"]) if r["operator_id"] else None
            rat = self.sunset_rat(r["network"]) if op else None
            fact = op["rats"].get(rat) if op and rat else None
            if fact is None or fact["status"] == "not-deployed":
                who = f"{op['name']} " if op else (f"{r['operator_id']} " if r["operator_id"] else "")
                countries[cc]["notes"].append(f"{who}{r['network']}: {word} {date or raw} {SUNSET_NOTE}")
                continue
            if "residual" in r["network"].lower() or self.regional(r["network"]):
                # A residual service or one region's switch-off: the national status stands.
                self.add_note(fact, f"{r['network']}: {word} {date or raw} {SUNSET_NOTE}")
                fact["sources"] = self.sorted_sources(fact["sources"] + keys)
                continue
            self.merge_sunset_date(cc, op, fact, date or raw, r, keys)

    def merge_sunset_date(self, cc: str, op: dict, fact: dict, date: str, row: dict, keys: list[str]) -> None:
        status = "shut-down" if row["status"] == "off" else "announced-shutdown"
        old = fact.get("shutdown")
        old_keys = [k for k in fact["sources"] if not k.startswith("wiki:")]
        if old and old[:4] != date[:4]:
            # Two Band Atlas tables disagree by years: keep the better-graded source, note the other.
            new_better = min(map(self.grade, keys), default=9) < min(map(self.grade, old_keys), default=9)
            keep, other = (date, old) if new_better else (old, date)
            self.disagreements.append(f"{cc} {op['name']} {row['network']}: kept {keep}, other table says {other}")
            self.add_note(fact, f"Band Atlas tables disagree: {other} elsewhere in the dataset")
            if not new_better:
                return
        elif old and len(old) > len(date):
            return  # networks.csv already has the more precise date
        fact["shutdown"] = date
        fact["status"] = status if not (fact["status"] == "shut-down" and status != "shut-down") else fact["status"]
        fact["sources"] = self.sorted_sources(fact["sources"] + keys)
        if not fact["derived"] and any(self.grade(k) <= 2 for k in keys) and (fact["bands"] or status == "shut-down"):
            fact["verified"] = True

    def apply_no_gsm(self, countries: dict) -> None:
        for cc, refs in (self.curated.get("no_gsm_countries") or {}).items():
            if cc not in countries:
                continue
            keys = [self.own_source("cur", ref, self.curated["sources"]) for ref in ([refs] if isinstance(refs, str) else refs)]
            for op in countries[cc]["operators"]:
                op["rats"]["gsm"] = self.fact([], "not-deployed", sources=keys, verified=len(keys) >= 2 or any(
                    self.grade(k) == 1 for k in keys), as_of=self.as_of)
            if NO_GSM_NOTE not in countries[cc]["notes"]:
                countries[cc]["notes"].append(NO_GSM_NOTE)

    def apply_curated(self, countries: dict) -> None:
        """curated.yaml last: its facts replace whatever the tables said (re-imports keep them)."""
        facts = self.curated.get("facts") or {}
        seen = set()
        for c in countries.values():
            for op in c["operators"]:
                for rat, spec in (facts.get(op["id"]) or {}).items():
                    fact = self.curated_fact(spec)
                    table = op["rats"].get(rat)
                    if spec.get("keep_sources") and table:
                        # a band correction: the table's sources still state the status
                        kept = [k for k in table["sources"] if not k.startswith("wiki:") and k != "ba:networks"]
                        fact["sources"] = self.sorted_sources(fact["sources"] + kept)
                    op["rats"][rat] = fact
                    seen.add(op["id"])
        missing = sorted(set(facts) - seen)
        if missing:
            raise SystemExit(f"import_band_atlas: curated.yaml names unknown operators: {', '.join(missing)}")

    def apply_corroborations(self, countries: dict) -> None:
        """curated.yaml 'corroborate': a second, independent source for a fact the tables state.

        An agreeing source is added to the fact's sources; with two independent sources the
        status is verified (bands of a derived fact stay unverified). A disagreeing source
        goes into the note with what it says, and into the disagreement log.
        """
        entries = self.curated.get("corroborate") or {}
        ops = {o["id"]: (cc, o) for cc, c in countries.items() for o in c["operators"]}
        missing = sorted(set(entries) - set(ops))
        if missing:
            raise SystemExit(f"import_band_atlas: curated.yaml corroborates unknown operators: {', '.join(missing)}")
        for op_id, rats in entries.items():
            cc, op = ops[op_id]
            for rat, items in rats.items():
                fact = op["rats"].get(rat)
                if fact is None:
                    raise SystemExit(f"import_band_atlas: curated.yaml corroborates {op_id} {rat}, which has no fact")
                partial: set[str] = set()  # sources that confirm the status but not its date: never one of the two
                for item in items:
                    key = self.own_source("cur", item["source"], self.curated["sources"])
                    if item.get("agrees", True):
                        fact["sources"] = self.sorted_sources(fact["sources"] + [key])
                        # verifies: false = agrees on the status, not on the date (e.g. gives no year)
                        if not item.get("verifies", True):
                            partial.add(key)
                        confirming = status_publishers(self.sources, [k for k in fact["sources"] if k not in partial])
                        if item.get("verifies", True) and len(confirming) >= 2 and not fact["derived"]:
                            fact["verified"] = True
                        if item.get("note"):
                            self.add_note(fact, item["note"])
                    else:
                        name = self.curated["sources"][item["source"]]["name"].split(":")[0]
                        self.add_note(fact, f"{name} says: {item['says']}")
                        self.disagreements.append(f"{cc} {op['name']} {rat}: {name} says {item['says']}")

    def apply_observations(self, countries: dict) -> None:
        """Contributed `atctl data export-observations` files: one device-capture source (grade C) per
        file, merged by atctl.observations.fold_into_fact (docs/DATA.md, "Contributing observations")."""
        from atctl.bands import observed as obs
        from atctl.errors import DataError

        for path in self.observation_files:
            try:
                records = obs.parse_document(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
            except (DataError, yaml.YAMLError) as exc:
                raise SystemExit(f"import_band_atlas: {exc.one_line() if isinstance(exc, DataError) else exc}")
            if not records:
                continue
            key = f"obs:{path.stem}"
            first, last = min(r["first_seen"] for r in records), max(r["last_seen"] for r in records)
            self.sources[key] = {"name": f"atctl device observations, contributed file {path.name} "
                                         f"({sum(r['count'] for r in records)} registrations, {first} to {last})",
                                 "url": None, "grade": "C"}
            index, matched = obs.index_by_operator(records), set()
            for cc, c in countries.items():
                for op in c["operators"]:
                    for rat, fact in list(op["rats"].items()):
                        seen = obs.observed_for(index, op.get("mcc_mnc") or [], rat)
                        if not seen:
                            continue
                        matched.update((code, rat) for code in op.get("mcc_mnc") or [] if (code, rat) in index)
                        op["rats"][rat], disagreement = obs.fold_into_fact(fact, seen, key, rat)
                        op["rats"][rat]["sources"] = self.sorted_sources(op["rats"][rat]["sources"])
                        if disagreement:
                            self.disagreements.append(f"{cc} {op['name']} {rat}: {disagreement} ({path.name})")
            for code, rat in sorted(set(index) - matched):
                self.unmatched.append(f"{path.name}: {code} {rat} (no operator with that MCC-MNC)")

    def apply_names(self, countries: dict) -> None:
        """The overlay's 'names:': a network trading under a new name. The name is a fact (sources,
        as_of, verified: the operator or regulator, or two publishers); the former name stays beside it
        in 'name_change', which is what users and the tables may still say."""
        entries = self.curated.get("names") or {}
        ops = {o["id"]: o for c in countries.values() for o in c["operators"]}
        missing = sorted(set(entries) - set(ops))
        if missing:
            raise SystemExit(f"import_band_atlas: names: unknown operators: {', '.join(missing)}")
        for op_id, spec in entries.items():
            op, spec = ops[op_id], spec or {}
            for key in ("name", "source", "as_of"):
                if not spec.get(key):
                    raise SystemExit(f"import_band_atlas: names: {op_id} has no {key!r}")
            if spec["name"] == op["name"]:
                raise SystemExit(f"import_band_atlas: names: {op_id} is already called {op['name']!r}: remove the entry")
            since = str(spec["since"]) if spec.get("since") else None
            if since and not ISO_DATE.fullmatch(since):
                raise SystemExit(f"import_band_atlas: names: {op_id} since {since!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            refs = spec["source"] if isinstance(spec["source"], list) else [spec["source"]]
            keys = self.sorted_sources(self.own_source("cur", ref, self.curated["sources"]) for ref in refs)
            verified = any(self.grade(k) == GRADE_RANK["A"] for k in keys) or len(status_publishers(self.sources, keys)) >= 2
            # 'former': the brand users knew, where the table's name is a compound ("Yas (Tigo)": Tigo)
            change = {"from": str(spec.get("former") or op["name"]), "since": since, "sources": keys,
                      "as_of": str(spec["as_of"]), "verified": verified}
            if change["from"] != op["name"]:
                change["table"] = op["name"]   # what the tables call it: a --base import gives it back
            if spec.get("note"):
                change["note"] = spec["note"]
            op["name"] = spec["name"]
            op["name_change"] = change

    @staticmethod
    def apply_operator_status(countries: dict) -> None:
        """A network whose every RAT is switched off (none live or announced, one shut down) is shut down
        itself; otherwise it is live. Recomputed on every import, so a --base import follows the facts."""
        for c in countries.values():
            for op in c["operators"]:
                statuses = {f["status"] for f in op["rats"].values()}
                off = "shut-down" in statuses and not statuses & {"live", "announced-shutdown"}
                op["status"] = "shut-down" if off else "live"

    def publishers(self, fact: dict) -> set[str]:
        """Independent sources of a fact's status (status_publishers)."""
        return status_publishers(self.sources, fact["sources"])

    # -- whole dataset --------------------------------------------------------------
    def run(self) -> dict:
        countries = self.operators_from_base() if self.base else self.operators_from_atlas()
        self.apply_plmn_pins(countries)
        self.apply_no_gsm(countries)
        self.apply_iot_networks(countries)
        self.apply_sunset(countries)
        self.apply_added_operators(countries)  # after the tables: they know nothing of these networks
        self.apply_curated(countries)
        self.apply_corroborations(countries)
        self.apply_observations(countries)
        self.apply_names(countries)   # last: the tables and the observations match the names they know
        self.apply_operator_status(countries)
        self.count(countries)
        dataset = dict(DATASET, as_of=self.as_of)
        dataset.update({"source": DATASET["url"], "commit": self.provenance.get("commit"),
                        "date": self.provenance.get("date")})
        if self.provenance.get("note"):
            dataset["import_note"] = self.provenance["note"]
        used = {k for c in countries.values() for o in c["operators"] for f in o["rats"].values() for k in f["sources"]}
        used |= {k for c in countries.values() for o in c["operators"] for k in o.get("name_change", {}).get("sources", [])}
        return {
            "format": FORMAT_VERSION,
            "dataset": dataset,
            "sources": dict(sorted((k, v) for k, v in self.sources.items() if k in used)),
            "countries": dict(sorted(countries.items())),
        }

    def count(self, countries: dict) -> None:
        facts = [(r, f) for c in countries.values() for o in c["operators"] for r, f in o["rats"].items()]
        self.stats.update(facts=len(facts), verified=sum(f["verified"] for _, f in facts),
                          derived=sum(f["derived"] for _, f in facts),
                          two_sources=sum(len(self.publishers(f)) >= 2 for r, f in facts if r != "lte"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("atlas", type=Path, help="folder of a band-atlas-data checkout (holds data/*.csv)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--as-of", help="check date of the dataset (default: 'data checked' in its README)")
    ap.add_argument("--overlay", type=Path, default=OVERLAY, help="folder of plmn.yaml and curated.yaml")
    ap.add_argument("--base", type=Path, help="previous countries.json to take operators and LTE/2G/3G rows from")
    ap.add_argument("--commit", help="upstream commit the tables come from (default: git HEAD of ATLAS)")
    ap.add_argument("--commit-date", help="date of that commit, YYYY-MM-DD (default: from git)")
    ap.add_argument("--provenance-note", help="how the tables were obtained, when not a plain checkout")
    ap.add_argument("--observations", type=Path, action="append", default=[],
                    help="contributed `atctl data export-observations` file; repeatable (the overlay's "
                         "observations/*.yaml are always applied)")
    args = ap.parse_args(argv)
    commit, date = git_provenance(args.atlas)
    provenance = {"commit": args.commit or commit, "date": args.commit_date or date, "note": args.provenance_note}
    imp = Importer(args.atlas, checked_date(args.atlas, args.as_of), args.overlay, base=args.base,
                   provenance=provenance, observations=args.observations)
    doc = imp.run()
    args.out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                        encoding="utf-8")
    ops = sum(len(c["operators"]) for c in doc["countries"].values())
    print(f"{len(doc['countries'])} countries, {ops} operators, {imp.stats['facts']} facts "
          f"({imp.stats['verified']} verified, {imp.stats['derived']} derived, "
          f"{imp.stats['two_sources']} with two independent sources), "
          f"{imp.stats.get('iot_added', 0)} IoT services added from iot_networks.csv -> {args.out}")
    for line in imp.unmatched:
        print(f"  not matched: {line}", file=sys.stderr)
    for line in imp.disagreements:
        print(f"  disagreement: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
