"""`diagnose --log`: the live diagnose findings, from what a serial log shows.

The log's exchanges and URCs are turned into the same Facts the live collector
fills (atctl.diagnose.facts), classified by the same rules (findings.classify),
plus what only a log can tell (reboots seen, commands that never got a result),
and a list of what a log cannot show (the state after it ends, settings the host
never queried). Pure apart from the data lookups (PLMN names, country bands).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from atctl.at.classify import command_name
from atctl.codecs.set_commands import parse_set_commands
from atctl.diagnose.facts import ConfigFacts, Facts, IdentityFacts
from atctl.diagnose.findings import SEVERITIES, Finding, classify
from atctl.dialects.settings import Settings
from atctl.logs.reader import LogResult
from atctl.network_values import (SIGNAL_KEYS, EdrxGrant, EdrxState, NetworkState, Operator, PsmGrant, PsmState,
                                  PsmTimers, RegistrationRead, RegistrationStatus, Signal)
from atctl.registration_stat import REGISTERED

_REG_ORDER = ("CEREG", "CGREG", "CREG")
_DIGITS = re.compile(r"^\d{14,17}$")
_ICCID = re.compile(r"^(?:\+(?:CCID|QCCID|ICCID):\s*)?\"?(\d{18,22}F?)\"?$")


def _events(result: LogResult):
    """(line_no, command or None, decoded dict) for every decoded reply and URC, in log order."""
    items = []
    for ex in result.exchanges:
        for decoded in ex.decoded:
            items.append((ex.line_no, ex.command, decoded))
    for urc in result.urcs:
        if urc["decoded"]:
            items.append((urc["line_no"], None, urc["decoded"]))
    items.sort(key=lambda item: item[0])
    return items


def _identity(result: LogResult, facts: Facts) -> None:
    ident: dict[str, Any] = {}
    for ex in result.exchanges:
        if not ex.command or ex.result != "OK" or not ex.lines:
            continue
        name = command_name(ex.command)
        lines = [line for line in ex.lines if line]
        if name == "I" and ex.command.upper() == "ATI":
            ident.setdefault("manufacturer", lines[0])
            if len(lines) > 1:
                ident.setdefault("model", lines[1])
            for line in lines:
                if line.lower().startswith("revision:"):
                    ident["revision"] = line.split(":", 1)[1].strip()
        elif name in ("CGMI", "GMI"):
            ident["manufacturer"] = lines[0].split(":", 1)[-1].strip()
        elif name in ("CGMM", "GMM"):
            ident["model"] = lines[0].split(":", 1)[-1].strip()
        elif name in ("CGMR", "GMR", "QGMR"):
            ident["revision"] = lines[0].split(":", 1)[-1].strip()
        elif name in ("CGSN", "GSN"):
            value = lines[0].split(":", 1)[-1].strip().strip('"')
            if _DIGITS.match(value):
                ident["imei"] = value
        elif name == "CIMI":
            value = lines[0].split(":", 1)[-1].strip()
            if _DIGITS.match(value):
                facts.sim.imsi = value
        elif name in ("CCID", "QCCID", "ICCID"):
            m = _ICCID.match(lines[0])
            if m:
                facts.sim.iccid = m.group(1)
    if ident.get("manufacturer") or ident.get("model"):
        from atctl.profiles import match_profile

        try:
            found = match_profile(f"{ident.get('manufacturer', '')} {ident.get('model', '')}")
        except Exception:  # noqa: BLE001 - an odd identity string must not stop the diagnosis
            found = None
        ident["profile"] = found.id if found is not None else None
        facts.identity = IdentityFacts(ident.get("manufacturer"), ident.get("model"), ident.get("revision"),
                                       ident.get("imei"), ident.get("profile"))


_CPIN_URCS = ("READY", "NOT INSERTED", "SIM PIN", "SIM PUK")  # the +CPIN URCs that change what is known


def _sim_and_hygiene(result: LogResult, facts: Facts) -> None:
    # the SIM card as the live reader interprets the same answers (atctl.sim_card.sim_state_from)
    from atctl.sim_card import sim_state_from

    # as live diagnose reports it: the echo the module had when found (its power-on default), even
    # if the host turned it off afterwards with ATE0
    echo_seen = any(ex.echoed for ex in result.exchanges)
    for ex in result.exchanges:
        name = command_name(ex.command or "")
        if name == "CPIN" and (ex.command or "").endswith("?") \
                and any(decoded["type"] == "CPIN" for decoded in ex.decoded):
            facts.sim.card = sim_state_from(ex.lines, True, None, ex.result or "")
        if name == "CMEE":
            if ex.command.endswith("?") and ex.lines and ":" in ex.lines[0]:
                value = ex.lines[0].split(":", 1)[1].strip()
                if value.isdigit():
                    facts.hygiene.cmee = int(value)
            elif "=" in ex.command and ex.result == "OK":
                value = ex.command.split("=", 1)[1].strip()
                if value.isdigit():
                    facts.hygiene.cmee = int(value)
        for decoded in ex.decoded:
            if decoded["type"] == "CME ERROR":
                code = decoded["fields"].get("code")
                if code == 10 or (code in (13, 15) and name == "CPIN"):  # 10: no SIM, whichever command met it
                    facts.sim.card = sim_state_from([], False, code, ex.result or f"+CME ERROR: {code}")
    for urc in result.urcs:
        line = urc["line"]
        if line.startswith("+CPIN:") and line.split(":", 1)[1].strip().strip('"').upper() in _CPIN_URCS:
            facts.sim.card = sim_state_from([line], True, None, line)
    if echo_seen:
        facts.hygiene.echo_on = True


def _granted_by(f: dict) -> PsmGrant:
    return PsmGrant(f.get("periodic_tau_s"), f.get("active_time_s"), f.get("periodic_tau_bits"),
                    f.get("active_time_bits"), "+CEREG in the log")


def _qeng_cell(f: dict):
    """The cell in use of a decoded +QENG line (the codec model's own answer), None off a cell."""
    from atctl.codecs.quectel.qeng import ServingCell

    try:
        return ServingCell(f.get("state"), f.get("act"), f.get("rat"), f.get("plmn"), f.get("cell") or {}).cell_in_use()
    except (TypeError, AttributeError):  # a line decoded by another layout: nothing to take
        return None


def _timers(f: dict) -> PsmTimers:
    return PsmTimers(f.get("mode"), f.get("periodic_tau_s"), f.get("active_time_s"))


def _network(result: LogResult, facts: Facts) -> dict[str, bool]:
    """The network state the log shows (the last line of each kind counts), as the live reader's NetworkState."""
    latest: dict[str, dict] = {}
    seen = {"registration": False, "psm_requested": False, "edrx_requested": False, "signal": False,
            "operator": False, "band": False}
    net = NetworkState()
    psm_granted: PsmGrant | None = None
    psm_requested: PsmTimers | None = None
    granted_ucpsms: PsmTimers | None = None
    edrx_requested: dict[str, float] | None = None
    edrx_granted: EdrxGrant | None = None
    for _line_no, command, decoded in _events(result):
        kind, f = decoded["type"], decoded["fields"]
        if f.get("unparsed") and f.get("warnings") and len(f) == 2:
            continue
        if kind in _REG_ORDER and f.get("stat") is not None:
            latest[kind] = f
            seen["registration"] = True
            if kind == "CEREG" and (f.get("n") in (4, 5) or f.get("active_time_bits") or f.get("periodic_tau_bits")):
                psm_granted = _granted_by(f)
        elif kind == "CPSMS":
            seen["psm_requested"] = True
            psm_requested = _timers(f)
        elif kind == "UCPSMS":
            granted_ucpsms = _timers(f)
        elif kind == "CEDRXS" and f.get("rat") and f.get("requested_s") is not None:
            seen["edrx_requested"] = True
            edrx_requested = {**(edrx_requested or {}), f["rat"]: f["requested_s"]}
        elif kind == "CEDRXRDP":
            edrx_granted = EdrxGrant(f.get("rat"), f.get("edrx_used"), f.get("granted_s"), f.get("ptw_s"),
                                     f.get("requested_s"))
        elif kind in ("CSQ", "CESQ", "QCSQ"):
            seen["signal"] = True
            net.signal = Signal(**{key: f[key] if f.get(key) is not None else getattr(net.signal, key)
                                   for key in SIGNAL_KEYS})
        elif kind == "COPS" and f.get("operator"):
            seen["operator"] = True
            mcc_mnc = f["operator"] if f.get("format") == 2 else None
            net.operator = Operator(f.get("mode_text"), mcc_mnc, f.get("operator_name"))
            net.rat = f.get("rat") or net.rat
        elif kind == "QNWINFO" and f.get("service"):
            seen["band"] = True
            net.band, net.channel = f.get("band_number"), f.get("channel")
            net.rat = f.get("rat") or net.rat
            if f.get("operator") and not net.operator.mcc_mnc:
                net.operator = replace(net.operator, mcc_mnc=f["operator"], name=f.get("operator_name"))
        elif kind == "QENG" and (cell := _qeng_cell(f)) is not None:
            seen["band"] = True   # the NB-IoT modules' serving-cell read (AT+QENG=0), as device.network reads it
            net.band, net.channel = cell.band, cell.channel
            net.rat = cell.rat or net.rat
            net.signal = net.signal.filled_from(cell.signal)
        elif (kind == "QCFG" and f.get("key") == "band") or kind == "UBANDMASK":
            bands = {rat.replace("_", "-"): frozenset(v) for rat, v in f.items()
                     if rat in ("gsm", "umts", "lte", "lte_m", "nb_iot") and isinstance(v, list) and v}
            facts.settings = facts.settings or Settings()
            facts.settings.bands.update(bands)
        elif kind == "CGDCONT" and f.get("cid") is not None:
            net.apn[int(f["cid"])] = f.get("apn") or ""
    # requested PSM/eDRX also from the set commands the host sent and the module accepted
    asked_all = (asked for ex in result.exchanges if ex.result == "OK" for asked in parse_set_commands(ex.command or ""))
    for asked in asked_all:
        if asked.command == "CPSMS" and not seen["psm_requested"]:
            r = asked.reply
            psm_requested = PsmTimers(1, r.periodic_tau_s, r.active_time_s) if asked.mode == 1 else PsmTimers(asked.mode)
            seen["psm_requested"] = True
        elif asked.command in ("CEDRXS", "QPTWEDRXS") and not seen["edrx_requested"]:
            r = asked.reply
            if asked.mode in (1, 2) and r.rat in ("lte-m", "nb-iot") and r.requested_s is not None:
                edrx_requested = {**(edrx_requested or {}), r.rat: r.requested_s}
            seen["edrx_requested"] = bool(edrx_requested)
    chosen = next((k for k in _REG_ORDER if k in latest and latest[k].get("stat") in REGISTERED), None)
    if chosen is None:
        chosen = next((k for k in _REG_ORDER if k in latest), None)
    if chosen is not None:
        c = latest[chosen]
        reads = {k: RegistrationRead(v.get("stat"), v.get("stat_text"), v.get("reject_cause")) for k, v in latest.items()}
        net.registration = RegistrationStatus(c.get("stat"), c.get("stat_text"), c.get("tac"), c.get("ci"), c.get("act"),
                                              c.get("rat"), c.get("reject_cause"), chosen, reads)
        net.rat = c.get("rat") or net.rat
    net.psm = PsmState(psm_requested, psm_granted, granted_ucpsms)
    net.edrx = EdrxState(edrx_requested, edrx_granted)
    if net.operator.mcc_mnc:
        from atctl.data import lookup_plmn

        found = lookup_plmn(str(net.operator.mcc_mnc).replace(" ", ""))
        if found:
            country, operator = found
            net.operator = replace(net.operator, name=net.operator.name or operator.name, country=country.code)
            try:
                from atctl.diagnose.collect import _live_bands

                facts.local_bands = _live_bands(country.code)
            except Exception:  # noqa: BLE001 - country data missing: the band hygiene check is skipped
                pass
    facts.network = net
    return seen


def facts_from_log(result: LogResult, name: str) -> tuple[Facts, list[str], list[Finding]]:
    """Facts as the live collector would have them, what the log cannot show, and log-only findings."""
    facts = Facts(port=f"log {name}")
    answered = any(ex.result is not None for ex in result.exchanges) or bool(result.urcs)
    facts.reachable = answered or not result.exchanges
    _identity(result, facts)
    _sim_and_hygiene(result, facts)
    seen = _network(result, facts)
    facts.errors_seen = [f"{ex.command}: {_error_text(ex)}" for ex in result.exchanges
                         if ex.result is not None and ex.command and ex.result not in ("OK", "SEND OK")
                         and not ex.result.startswith("CONNECT")]
    limits = ["the module's state after the log ends (a log is history, not a live reading)"]
    if not seen["registration"]:
        limits.append("registration: no +CEREG/+CGREG/+CREG line in the log")
    if not seen["psm_requested"]:
        limits.append("the PSM timers the module requests (no AT+CPSMS? or AT+CPSMS= in the log)")
    if not seen["edrx_requested"]:
        limits.append("the eDRX cycle the module requests (no AT+CEDRXS? in the log)")
    if facts.sim.card is None:
        limits.append("the SIM state (no AT+CPIN? in the log)")
    if not seen["signal"]:
        limits.append("signal strength (no AT+CSQ/AT+CESQ in the log)")
    if facts.identity is None:
        limits.append("the module's identity (no ATI/AT+CGMM in the log)")
    if result.source == "text" and facts.hygiene.echo_on is None:
        limits.append("whether command echo is on (a text capture shows a command and its echo alike)")
    if facts.hygiene.cmee is None:
        limits.append("the error reporting mode (AT+CMEE)")
    return facts, limits, _log_findings(result, seen)


_RESETS = ("AT+CFUN=1,1", "AT+CFUN=15", "AT+CFUN=16", "AT#XRESET", "AT+NRB", "AT+QPOWD", "ATZ", "AT+TRB",
           "AT+CFUN=0,1")


def _reset_requested(result: LogResult, boot_line: int) -> bool:
    """Was a restart asked for (a reset command) since the previous boot banner?"""
    previous = max((n for n in result.reboots if n < boot_line), default=0)
    return any(ex.command and previous < ex.line_no < boot_line
               and ex.command.upper().replace(" ", "").startswith(_RESETS) for ex in result.exchanges)


def _error_text(ex) -> str:
    for decoded in ex.decoded:
        if decoded["type"] in ("CME ERROR", "CMS ERROR") and decoded["fields"].get("message"):
            return f"{ex.result} ({decoded['fields']['message']})"
    return ex.result


def _log_findings(result: LogResult, seen: dict) -> list[Finding]:
    out = []
    # a banner before the first completed command is the module starting up, not a restart
    first_done = next((ex.result_line_no or ex.line_no for ex in result.exchanges if ex.command and ex.result), None)
    booted = [n for n in result.reboots if first_done is not None and n > first_done]
    asked = [n for n in booted if _reset_requested(result, n)]
    mid = [n for n in booted if n not in asked]
    if asked:
        out.append(Finding("info", "reset-requested", "The host restarted the module",
                           f"Boot banner after a reset command at line{'s' if len(asked) > 1 else ''} "
                           f"{', '.join(map(str, asked[:10]))}.", "", f"boot banner at line {asked[0]}"))
    if mid:
        out.append(Finding("major", "reboot-seen", "The module restarted during the log",
                           f"Boot banner at line{'s' if len(mid) > 1 else ''} {', '.join(map(str, mid[:10]))}: "
                           "settings not saved to NVM were lost, and a restart nobody asked for points to the supply "
                           "(brown-out during transmit bursts), a watchdog or a host that toggles PWRKEY/RESET.",
                           "Check the supply can deliver the module's peak current (about 2 A for 2G, 0.5-1 A for "
                           "LTE-M) with short wires and a bulk capacitor; look for AT+CFUN=1,1 or reset pulses in the host code.",
                           f"boot banner at line {mid[0]}"))
    failed = [ex for ex in result.exchanges if ex.result is not None and ex.command and ex.result not in ("OK", "SEND OK")
              and not ex.result.startswith("CONNECT")]
    if failed:
        counts: dict[str, int] = {}
        for ex in failed:
            key = f"{ex.command} -> {_error_text(ex)}"
            counts[key] = counts.get(key, 0) + 1
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:5]
        out.append(Finding("minor", "errors-returned", f"The module returned {len(failed)} error result(s)",
                           "; ".join(f"{k}" + (f" ({n} times)" if n > 1 else "") for k, n in top) + ".",
                           "Check each failing command in the module's AT manual: the command may not exist on this "
                           "firmware, need the SIM, or need a different state (AT+CFUN, registration).",
                           f"first at line {failed[0].line_no}"))
    silent = [ex for ex in result.exchanges if ex.result is None and ex.command]
    if silent:
        out.append(Finding("minor", "no-final-result", f"{len(silent)} command(s) got no final result in the log",
                           "Commands such as " + ", ".join(sorted({ex.command for ex in silent})[:5])
                           + " were followed by another command or the end of the log before OK/ERROR: the host "
                             "gave up early (deadline too short), the module was busy, or the log is cut.",
                           "Compare the host's per-command timeout with the module manual's maximum response time.",
                           f"line {silent[0].line_no}"))
    return out


def diagnose_log(result: LogResult, name: str, config=None) -> tuple[dict, list[str]]:
    """The report (live report.json shape, `source: "log"`) and the identifiers to redact."""
    from atctl.diagnose.report import build_report, known_ids

    facts, limits, extra = facts_from_log(result, name)
    if config is not None:
        _checks(facts, config)
    findings = classify(facts)
    reg = facts.network.registration
    if reg.via is None:  # no registration line in the log: nothing says it is not registered
        findings = [f for f in findings if f.code != "not-registered"]
    for finding in findings:
        if finding.code == "not-registered":
            finding.explanation = f"The last registration state in the log is {reg.stat_text or 'unregistered'}" \
                                  f" ({reg.via})."
    findings = sorted(findings + extra, key=lambda x: SEVERITIES.index(x.severity))
    report = build_report(facts, findings)
    report["source"] = "log"
    report["log"] = {"file": name, "summary": result.summary(), "cannot_show": limits,
                     "warnings": result.warnings[:20]}
    return report, known_ids(facts)


def _checks(facts: Facts, config) -> None:
    """Verify checks of the config against the network state the log shows."""
    from atctl.config.desired import desired_state
    from atctl.config.verify import verify_state
    from atctl.dialects import get_dialect
    from atctl.profiles import load_profile

    module = config.module or facts.ident("profile")
    if not module:
        facts.failures.append("verify checks: the log does not identify the module; add `module:` to the config")
        return
    profile = load_profile(module)
    desired = desired_state(config, profile, get_dialect(profile))
    facts.config = ConfigFacts(list(config.countries), list(config.rat),
                               {r: sorted(b) for r, b in desired.settings.bands.items()})
    facts.checks = verify_state(config, desired, facts.network)


def render_log_markdown(report: dict) -> str:
    from atctl.diagnose.report import render_markdown

    text = render_markdown(report)
    log = report.get("log") or {}
    lines = [text.rstrip(), "", "## What this log cannot show", ""]
    lines += [f"- {item}" for item in log.get("cannot_show") or []]
    s = log.get("summary") or {}
    lines += ["", f"Read from {log.get('file')}: {s.get('lines')} lines, {s.get('exchanges')} exchanges, "
              f"{s.get('urcs')} URCs, {s.get('unparsed')} other lines.", ""]
    return "\n".join(lines)
