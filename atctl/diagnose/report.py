"""report.json / report.md / transcript.jsonl, redacted, and the zip bundle."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timezone

from atctl.diagnose.facts import Facts, SimFacts
from atctl.diagnose.findings import Finding, known, module_text
from atctl.network_values import NetworkState, RadioState
from atctl.redact import redact_text
from atctl.status_view import edrx_text, psm_text, radio_text, signal_text, sim_text


def build_report(facts: Facts, findings: list[Finding]) -> dict:
    from atctl import __version__

    worst = next((f.severity for f in findings if f.severity in ("critical", "major")), None)
    return {
        "tool": f"atctl {__version__}",
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "port": facts.port,
        "summary": {"severity": worst or "ok",
                    "counts": {s: sum(f.severity == s for f in findings) for s in ("critical", "major", "minor", "info")}},
        "findings": [f.as_dict() for f in findings],
        "facts": facts.as_dict(),
    }


def known_ids(facts: Facts) -> list[str]:
    return [v for v in (facts.ident("imei"), facts.sim.iccid, facts.sim.imsi) if v]


def redact_report(report: dict, ids: list[str]) -> dict:
    return json.loads(redact_text(json.dumps(report), ids))


def render_markdown(report: dict) -> str:
    """report.md, from the (redacted) report document: its facts are read back into the typed values."""
    facts = report["facts"]
    ident = facts.get("identity") or {}
    lines = [f"# atctl diagnostics — {ident.get('model') or 'unknown module'} on {report['port']}", "",
             f"Overall: **{report['summary']['severity'].upper()}** "
             f"({', '.join(f'{n} {s}' for s, n in report['summary']['counts'].items() if n)})", ""]
    for severity in ("critical", "major", "minor", "info"):
        items = [f for f in report["findings"] if f["severity"] == severity]
        if not items:
            continue
        lines += [f"## {severity.capitalize()}", ""]
        for f in items:
            lines.append(f"- **{f['title']}** — {f['explanation']}")
            if f.get("next_step"):
                lines.append(f"  - Next step: {f['next_step']}")
            if f.get("evidence"):
                lines.append(f"  - Evidence: `{f['evidence']}`")
        lines.append("")
    net = NetworkState.from_dict(facts.get("network") or {})
    reg, op = net.registration, net.operator
    sim = SimFacts.from_dict(facts.get("sim"))
    lines += ["## Facts", "",
              f"- Module: {module_text(ident)}, profile {ident.get('profile') or 'none (generic 27.007 behaviour)'}",
              f"- IMEI {known(ident.get('imei'))}, ICCID {known(sim.iccid)}, IMSI {known(sim.imsi)}",
              f"- SIM: {sim_text(sim.card)}",
              f"- Radio: {radio_text(RadioState.from_dict(facts.get('radio')))}",
              f"- Registration: {reg.stat_text or 'unknown'}"
              + (f" (reject cause {reg.reject_cause})" if reg.reject_cause is not None else "")
              + (", operator " + " ".join(str(v) for v in (op.name, op.mcc_mnc, op.country) if v)
                 if op.name or op.mcc_mnc else "")
              + (f", RAT {net.rat}, band {known(net.band)}" if net.rat else ""),
              f"- Signal: {signal_text(net.signal)}",
              f"- PSM: {psm_text(net.psm)}",
              f"- eDRX: {edrx_text(net.edrx)}",
              f"- Errors the module returned: {', '.join(facts.get('errors_seen') or []) or 'none'}", ""]
    if facts.get("checks"):
        lines += ["## Verify against the config", ""]
        lines += [f"- {'ok' if c['ok'] else 'FAIL'} {c['name']}: {c['reason']}" for c in facts["checks"]]
        lines.append("")
    return "\n".join(lines)


def redact_records(records: list[dict], ids: list[str]) -> list[dict]:
    """Redact transcript records on the reassembled stream of each direction, not record by record:
    a fragmented serial read splits an IMEI over several records, each too short to match (#20).
    Redaction keeps lengths, so the redacted stream is cut back at the same offsets."""
    out = [dict(r) for r in records]
    for direction in dict.fromkeys(r.get("dir") for r in records):
        index = [i for i, r in enumerate(records) if r.get("dir") == direction]
        whole = "".join(records[i]["data"] for i in index)
        clean = redact_text(whole, ids)
        if len(clean) != len(whole):  # not expected; never let a length change misplace text
            for i in index:
                out[i]["data"] = redact_text(records[i]["data"], ids)
            continue
        pos = 0
        for i in index:
            size = len(records[i]["data"])
            out[i]["data"], pos = clean[pos:pos + size], pos + size
    return out


def bundle_bytes(report: dict, markdown: str, transcript: list[dict], ids: list[str] | None) -> bytes:
    """The zip (report.json, report.md, transcript.jsonl) in memory; ids None keeps identifiers."""
    import io

    kept = redact_records(transcript, ids) if ids is not None else transcript
    records = "".join(json.dumps(r) + "\n" for r in kept)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("report.json", json.dumps(report, indent=2))
        bundle.writestr("report.md", markdown)
        bundle.writestr("transcript.jsonl", records)
    return buffer.getvalue()


def write_bundle(path: str, report: dict, markdown: str, transcript: list[dict], ids: list[str] | None,
                 force: bool = False):
    """Write the bundle at `path` (atctl.diagnose.bundle rules: 0600, no symlinks followed, a foreign
    file kept unless force, a fallback place when `path` fails). Returns where it went (Saved)."""
    from atctl.diagnose.bundle import save_bundle

    return save_bundle(path, bundle_bytes(report, markdown, transcript, ids), force)
