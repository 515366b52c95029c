"""Offline country / operator band data (file loading only).

The data ships as one JSON file, countries.json, produced by
scripts/import_band_atlas.py from Band Atlas (CC BY 4.0) plus curated inputs;
docs/DATA.md explains the format, the sources and the verified/derived rules.
Everything is parsed once and cached: the coverage check calls this per module.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from atctl.bands.model import Country, NameChange, Operator, RatFact, Source
from atctl.errors import DataError, InputError

DATA_FILE = "countries.json"
RATS = ("gsm", "umts", "lte", "lte-m", "nb-iot")


@lru_cache(maxsize=1)
def _raw() -> dict:
    try:
        text = resources.files(__name__).joinpath(DATA_FILE).read_text(encoding="utf-8")
        doc = json.loads(text)
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read the shipped country data ({exc})", file=DATA_FILE,
                        hint="Reinstall atctl, or regenerate it with scripts/import_band_atlas.py") from exc
    if doc.get("format") != 1:
        raise DataError(f"unsupported format {doc.get('format')!r}", file=DATA_FILE, field="format")
    return doc


def _fact(raw: dict, sources: dict[str, Source], shared: dict[tuple[str, ...], tuple[Source, ...]]) -> RatFact:
    keys = tuple(raw["sources"])
    fact_sources = shared.get(keys)
    if fact_sources is None:  # facts citing the same sources share one tuple (2325 facts, ~330 combinations)
        fact_sources = shared[keys] = tuple(sources[s] for s in keys)
    return RatFact(
        bands=tuple(sorted(raw["bands"])),  # sorted once here: coverage keeps this order
        status=raw["status"],
        shutdown=raw.get("shutdown"),
        verified=raw["verified"],
        derived=raw["derived"],
        sources=fact_sources,
        as_of=raw["as_of"],
        note=raw.get("note"),
    )


def _name_change(raw: dict | None, sources: dict[str, Source]) -> NameChange | None:
    if not raw:
        return None
    return NameChange(former=raw["from"], sources=tuple(sources[s] for s in raw["sources"]), as_of=raw["as_of"],
                      verified=raw["verified"], since=raw.get("since"), note=raw.get("note"))


@lru_cache(maxsize=1)
def load_countries() -> dict[str, Country]:
    """All countries by ISO 3166-1 alpha-2 code (cached; build once per process)."""
    doc = _raw()
    _dataset()  # kept: the small part dataset_info() needs
    sources = {key: Source(name=s["name"], url=s.get("url"), grade=s.get("grade")) for key, s in doc["sources"].items()}
    shared: dict[tuple[str, ...], tuple[Source, ...]] = {}
    out: dict[str, Country] = {}
    checked = str(doc["dataset"].get("as_of") or "")
    for code, c in doc["countries"].items():
        operators = tuple(
            Operator(
                name=o["name"],
                mcc_mnc=tuple(o["mcc_mnc"]),
                rats={rat: _fact(f, sources, shared) for rat, f in o["rats"].items()},
                status=o["status"],
                name_change=_name_change(o.get("name_change"), sources),
            )
            for o in c["operators"]
        )
        out[code] = Country(code=code, name=c["name"], operators=operators, notes=tuple(c.get("notes", ())),
                            checked=checked)
    # Drop the parsed document: ~9k dicts and lists that every full garbage collection of the process
    # would walk again (the band check of all modules runs several).
    _raw.cache_clear()
    return out


def get_country(cc: str) -> Country:
    """One country by ISO code (case-insensitive); InputError with a hint when unknown."""
    code = (cc or "").strip().upper()
    countries = load_countries()
    if code in countries:
        return countries[code]
    by_name = {c.name.lower(): c for c in countries.values()}
    if code.lower() in by_name:
        return by_name[code.lower()]
    if len(code) != 2 or not code.isalpha():
        raise InputError(f"{cc!r} is not a country code",
                         hint="Use an ISO 3166-1 alpha-2 code such as DE, US or JP (see `atctl countries`)")
    raise InputError(f"no band data for country {code}",
                     hint=f"{len(countries)} countries are covered; list them with `atctl countries`")


@lru_cache(maxsize=1)
def _plmn_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for code, country in load_countries().items():
        for i, op in enumerate(country.operators):
            for plmn in op.mcc_mnc:
                index.setdefault(plmn, (code, i))
    return index


def lookup_plmn(mcc_mnc: str | int) -> tuple[Country, Operator] | None:
    """'26201' (or '262-01', '262 01') -> (Country, Operator); None when not in the table."""
    key = "".join(ch for ch in str(mcc_mnc) if ch.isdigit())
    hit = _plmn_index().get(key)
    if hit is None:
        return None
    country = load_countries()[hit[0]]
    return country, country.operators[hit[1]]


def plmn_name(mcc_mnc: str | int) -> str | None:
    """Operator name for a numeric +COPS answer, e.g. plmn_name('26201') -> 'Deutsche Telekom'."""
    hit = lookup_plmn(mcc_mnc)
    return hit[1].name if hit else None


@lru_cache(maxsize=1)
def _dataset() -> dict:
    return _raw()["dataset"]


def dataset_info() -> dict:
    """Name, licence, url, as_of and attribution of the shipped data (plus the other sources it uses)."""
    return dict(_dataset())
