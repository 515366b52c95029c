"""Sightings of bands on the user's own devices, as records (pure; the store is atctl.observations).

A record is {mcc_mnc, rat, band, count, first_seen, last_seen}: no IMSI, ICCID, IMEI, cell id or TAC.
These functions merge, index, export and validate records and fold them into shipped facts.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable

from atctl.registration_stat import REGISTERED

FORMAT = 1
KIND = "atctl-observations"
RATS = ("gsm", "umts", "lte", "lte-m", "nb-iot")
_MCC_MNC = re.compile(r"^\d{5,6}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FIELDS = ("mcc_mnc", "rat", "band", "count", "first_seen", "last_seen")


# -- pure ------------------------------------------------------------------------------------------
def valid_sighting(mcc_mnc: Any, rat: Any, band: Any) -> bool:
    """A PLMN code, a RAT name and a band that exists on that RAT (GSM in MHz, others 3GPP numbers)."""
    from atctl.bands.relations import is_real_band

    return (isinstance(mcc_mnc, str) and bool(_MCC_MNC.match(mcc_mnc)) and rat in RATS
            and isinstance(band, int) and not isinstance(band, bool) and is_real_band(rat, band))


def sighting_of(state: Any) -> tuple[str, str, int] | None:
    """(mcc_mnc, rat, band) of a registered NetworkState (or its dict), else None.

    Only the serving network's code (+COPS numeric) is taken, never the SIM's IMSI."""
    doc = state if isinstance(state, dict) else state.as_dict()
    if (doc.get("registration") or {}).get("stat") not in REGISTERED:
        return None
    found = ((doc.get("operator") or {}).get("mcc_mnc"), doc.get("rat"), doc.get("band"))
    return found if valid_sighting(*found) else None  # type: ignore[return-value]


def _key(rec: dict) -> tuple[str, str, int]:
    return rec["mcc_mnc"], rec["rat"], rec["band"]


def merge(*record_lists: Iterable[dict]) -> list[dict]:
    """One record per (mcc_mnc, rat, band): counts added, first_seen the earliest, last_seen the latest."""
    out: dict[tuple[str, str, int], dict] = {}
    for records in record_lists:
        for rec in records:
            key = _key(rec)
            have = out.get(key)
            if have is None:
                out[key] = {f: rec[f] for f in _FIELDS}
            else:
                have["count"] += rec["count"]
                have["first_seen"] = min(have["first_seen"], rec["first_seen"])
                have["last_seen"] = max(have["last_seen"], rec["last_seen"])
    return sorted(out.values(), key=lambda r: (r["mcc_mnc"], RATS.index(r["rat"]), r["band"]))


def add(records: Iterable[dict], mcc_mnc: str, rat: str, band: int, day: str) -> list[dict]:
    """The records with one more sighting of band on (mcc_mnc, rat) on `day` (YYYY-MM-DD)."""
    return merge(records, [{"mcc_mnc": mcc_mnc, "rat": rat, "band": band, "count": 1,
                            "first_seen": day, "last_seen": day}])


def index_by_operator(records: Iterable[dict]) -> dict[tuple[str, str], list[dict]]:
    """(mcc_mnc, rat) -> [{band, count, first_seen, last_seen}] (the `observed` JSON shape, DESIGN.md)."""
    index: dict[tuple[str, str], list[dict]] = {}
    for rec in merge(records):
        index.setdefault((rec["mcc_mnc"], rec["rat"]), []).append(
            {"band": rec["band"], "count": rec["count"], "first_seen": rec["first_seen"],
             "last_seen": rec["last_seen"]})
    return index


def observed_for(index: dict[tuple[str, str], list[dict]], mcc_mncs: Iterable[str], rat: str) -> list[dict]:
    """Sightings of one operator (all of its MCC-MNC codes) on one RAT, one entry per band."""
    rows = [dict(o, mcc_mnc="", rat=rat) for code in mcc_mncs for o in index.get((code, rat), ())]
    merged = merge(rows)  # one operator: its codes count together
    return [{"band": r["band"], "count": r["count"], "first_seen": r["first_seen"], "last_seen": r["last_seen"]}
            for r in merged]


def _seen_text(observed: list[dict], rat: str) -> str:
    unit = " MHz" if rat == "gsm" else ""
    return ", ".join(f"{'' if unit else 'B'}{o['band']}{unit} x{o['count']} ({o['first_seen']}..{o['last_seen']})"
                     for o in observed)


def fold_into_fact(fact: dict, observed: list[dict], source_key: str, rat: str) -> tuple[dict, str | None]:
    """A shipped fact (countries.json shape) with contributed device observations merged in as one
    device-capture source. Returns (new fact, disagreement or None). Rules (docs/DATA.md):

    - not-deployed, observed: the service exists; live with the observed bands, not verified (one source).
    - live / announced-shutdown: the source is added; observed bands missing from the list are added
      (the list is then not fully cross-checked: verified false); a derived list whose every band was
      observed is no longer derived (a source states the bands).
    - shut-down, observed after the switch-off date: kept, and reported as a disagreement.
    """
    new = {**fact, "sources": list(fact.get("sources") or [])}
    if source_key not in new["sources"]:
        new["sources"].append(source_key)
    seen = sorted({o["band"] for o in observed})
    text = f"seen on contributors' devices: {_seen_text(observed, rat)}"

    def note(extra: str) -> None:
        if extra not in (new.get("note") or ""):
            new["note"] = f"{new['note']}; {extra}" if new.get("note") else extra

    status = new.get("status")
    if status == "shut-down":
        last = max(o["last_seen"] for o in observed)
        if new.get("shutdown") and last > new["shutdown"]:
            note(text + " (after the switch-off date)")
            return new, f"observed on devices until {last}, switch-off {new['shutdown']}"
        return new, None
    if status == "not-deployed":
        new.update(bands=seen, status="live", derived=False, verified=False)
        new.pop("shutdown", None)
        note(text + "; the service was listed as not deployed")
        return new, None
    added = [b for b in seen if b not in (new.get("bands") or [])]
    new["bands"] = sorted(set(new.get("bands") or []) | set(seen))
    if added:
        new["verified"] = False
        note(f"{text}; added from those observations: {', '.join(map(str, added))}")
    else:
        note(text)
    if new.get("derived") and set(new["bands"]) <= set(seen):
        new["derived"] = False
    return new, None


def band_evidence(bands: Iterable[int], derived: bool, observed: Iterable[dict]) -> dict[int, str]:
    """Per band: 'observed' (seen on the user's devices), else 'derived' or 'stated' as the shipped fact says.
    Observed bands the shipped list lacks are included (as 'observed')."""
    seen = {o["band"] for o in observed}
    out = {b: "observed" if b in seen else ("derived" if derived else "stated") for b in bands}
    out.update({b: "observed" for b in seen})
    return dict(sorted(out.items()))


def export_document(records: Iterable[dict], today: str) -> dict:
    """What `atctl data export-observations` writes: the records and nothing that names a device."""
    return {"format": FORMAT, "kind": KIND, "exported": today,
            "about": "Bands seen by atctl on the contributor's own modules: serving network MCC-MNC, RAT, band, "
                     "how often and first/last day. No IMSI, ICCID, IMEI or cell ids.",
            "observations": merge(records)}


def parse_document(doc: Any, where: str) -> list[dict]:
    """Records of a store or an exported/contributed file; DataError naming the file and entry otherwise."""
    from atctl.errors import DataError

    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("observations"), list):
        raise DataError(f"not an atctl observations file (format {FORMAT})", file=where,
                        hint="export one with `atctl data export-observations -o FILE.yaml`")
    out = []
    for i, rec in enumerate(doc["observations"], 1):
        if isinstance(rec, dict):
            rec = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in rec.items()}  # YAML dates
        ok = (isinstance(rec, dict) and set(rec) >= set(_FIELDS)
              and valid_sighting(rec.get("mcc_mnc"), rec.get("rat"), rec.get("band"))
              and isinstance(rec.get("count"), int) and rec["count"] >= 1
              and all(isinstance(rec.get(f), str) and _DAY.match(rec[f]) for f in ("first_seen", "last_seen"))
              and rec["first_seen"] <= rec["last_seen"])
        if not ok:
            raise DataError(f"observation {i} is not {{mcc_mnc, rat, band, count, first_seen, last_seen}} with "
                            "a real band for its RAT", file=where, hint="fix or remove that entry")
        out.append({f: rec[f] for f in _FIELDS})
    return merge(out)
