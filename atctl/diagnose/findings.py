"""Facts -> findings with a severity, a plain-language explanation and a next step (pure).

Severities follow connectivity providers' ticket ranking: critical = the device
cannot connect at all; major = connected but degraded; minor = hygiene and
cosmetic; info = context. Signal thresholds: RSRP/RSRQ bands commonly used in
vendor application notes (RSRP > -100 dBm good, -100..-115 fair, < -115 poor;
RSRQ < -15 dB poor), within the 3GPP TS 36.133 reporting ranges.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from atctl.causes import emm_advice, emm_cause
from atctl.diagnose.facts import Facts
from atctl.network_values import EdrxState, NetworkState, PsmState, RegistrationStatus, Signal
from atctl.sim_card import FAILURE, PIN, PUK
from atctl.timers.duration import format_duration

SEVERITIES = ("critical", "major", "minor", "info")

# verify check -> findings that already explain its failure
_NOT_CONNECTED = {"registration-denied", "not-registered", "stopped-answering", "no-sim", "sim-pin", "sim-puk",
                  "sim-error", "radio-off"}
# SIM states from atctl.sim_card
_SIM_LOCKED = {PIN: "pin", PUK: "puk"}
NOT_READ = "not read (the module did not answer)"
_COVERED_BY = {
    "registered": _NOT_CONNECTED,
    "band": {"band-outside-plan"},
    "psm_granted": {"psm-not-granted", "psm-granted-differs"} | _NOT_CONNECTED,  # "not registered: nothing granted"
    "edrx_granted": {"edrx-not-granted"},
}
# verify check -> the setting whose absence (a failed `configured` check) explains it
_NEEDS_SETTING = {"apn": "apn", "psm_granted": "psm", "edrx_granted": "edrx", "ptw": "edrx"}


@dataclass
class Finding:
    severity: str
    code: str
    title: str
    explanation: str
    next_step: str
    evidence: str = ""

    def as_dict(self) -> dict:
        # `detail` is the JSON contract's name (DESIGN.md: {severity, title, detail, next_step});
        # `explanation` stays for readers of earlier reports
        return {**asdict(self), "detail": self.explanation}


def known(value) -> str:
    """A fact for people: never Python's None."""
    return NOT_READ if value is None or value == "" else str(value)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def module_text(identity: dict) -> str:
    """'Quectel BG95-M3, firmware BG95M3LAR02A03'; what was not read says so, never 'None'."""
    name = " ".join(str(v) for v in (identity.get("manufacturer"), identity.get("model")) if v)
    return f"{name or 'model ' + NOT_READ}, firmware {known(identity.get('revision'))}"


# a grant that leaves less than this share of the requested battery life gone is a finding
GRANT_COST_SHARE = 0.2


def _battery_finding(f: Facts, found: list[Finding]) -> list[Finding]:
    b = f.battery or {}
    asked, got = b.get("requested_life_days"), b.get("granted_life_days")
    if not asked or got is None or got >= (1 - GRANT_COST_SHARE) * asked:
        return []
    severity = "major" if got < asked / 2 else "minor"
    return [Finding(severity, "battery-grant", "The network's grant shortens the battery life",
                    f"{_sentence(b.get('text') or '')} (more than {GRANT_COST_SHARE:.0%} of the requested life is lost).",
                    "Run `atctl plan` with this config to see which timers reach the target on this network, "
                    "or ask the provider whether the requested PSM/eDRX timers can be granted.")]


# ---- the rules: each (facts, findings so far) -> new findings; RULES runs them in report order ----

def _no_answer(f: Facts) -> Finding:
    return Finding("critical", "no-answer", "The module does not answer",
                   "Nothing usable came back on the serial port, so nothing else could be checked.",
                   "Check power and cable, try the other USB interfaces (`atctl ports`), or another baud rate.",
                   "; ".join(f.failures[:3]))


def _stopped_answering(f: Facts, found: list[Finding]) -> list[Finding]:
    if not f.stopped_answering:
        return []
    return [Finding("critical", "stopped-answering", "The module stopped answering during the checks",
                    f"It answered at first, then went silent after: {f.stopped_answering}. The report is partial.",
                    "Power-cycle the module and run diagnose again; if it repeats, attach this bundle to the ticket.")]


def _sim(f: Facts, found: list[Finding]) -> list[Finding]:
    card = f.sim.card
    sim = card.state if card is not None else None
    if sim == "absent":
        return [Finding("critical", "no-sim", "No SIM card detected",
                        f"The module reports that no SIM is inserted ({card.raw or 'CME 10'}).",
                        "Insert the SIM (check orientation and the SIM holder contacts), then power-cycle.")]
    if sim in _SIM_LOCKED:
        lock = _SIM_LOCKED[sim]
        return [Finding("critical", f"sim-{lock}", f"The SIM is locked ({lock.upper()} required)",
                        f"{_sentence(card.detail or 'the SIM is locked')}: a locked SIM cannot register; "
                        "PIN locks also prevent PSM on some modules.",
                        "Unlock the SIM once with its PIN (atctl never stores it) and disable the PIN lock for unattended "
                        "devices." if lock == "pin" else
                        "Unblock the SIM with the PUK from the SIM provider (atctl never stores PINs or PUKs), then "
                        "disable the PIN lock.")]
    if sim == FAILURE:
        return [Finding("critical", "sim-error", "The SIM cannot be read",
                        f"The module says: {card.detail or card.raw}.",
                        "Reseat or replace the SIM; check that it is activated with the provider.")]
    return []


def _radio_off(f: Facts, found: list[Finding]) -> list[Finding]:
    radio = f.radio
    if radio is None or not radio.off:
        return []
    return [Finding("critical", "radio-off", "The radio is switched off",
                    f"{_sentence(radio.detail or 'the radio is off')}: the module cannot search for or register "
                    "to any network (a reboot step interrupted before the radio came back leaves it so).",
                    "Send AT+CFUN=1 or run `atctl apply`.", f"+CFUN: {radio.fun}")]


def _network(f: Facts) -> NetworkState:
    """The network state; an empty one when it was not read."""
    return f.network if f.network is not None else NetworkState()


def _registration_of(f: Facts) -> RegistrationStatus:
    return _network(f).registration


def _registration(f: Facts, found: list[Finding]) -> list[Finding]:
    reg = _registration_of(f)
    if reg.denied:
        cause = reg.reject_cause
        return [Finding("critical", "registration-denied", "The network denied registration",
                        f"Reject cause {cause}: {emm_cause(cause)}." if cause is not None else "No reject cause was given.",
                        emm_advice(cause) or "Ask the SIM provider whether the SIM is active and allowed on this network.",
                        f"+CEREG stat 3, cause {cause}")]
    radio_off = f.radio is not None and f.radio.off
    if not f.sim.blocking and not radio_off and not reg.registered and not f.stopped_answering:
        return [Finding("critical", "not-registered", "Not registered to any network",
                        f"Still {reg.stat_text or 'unregistered'} after waiting {format_duration(f.waited_s)}.",
                        "Check antenna and coverage, and that the enabled RATs/bands match the local network "
                        "(`atctl bands check`).")]
    return []


def _roaming(f: Facts, found: list[Finding]) -> list[Finding]:
    if not _registration_of(f).roaming:
        return []
    op = _network(f).operator
    where = op.name or op.mcc_mnc
    on = f"Roaming on {where} ({op.country or '?'})" if where else "Roaming (the network was not read)"
    return [Finding("major", "roaming", "Registered while roaming",
                    f"{on}; roaming can cost "
                    "more and networks may grant different power-saving timers.",
                    "Confirm roaming is intended for this SIM and country.")]


def _while_registered(f: Facts, found: list[Finding]) -> list[Finding]:
    """What only a registered module shows: the grants, the signal, the band in use."""
    net = _network(f)
    if not net.registered:
        return []
    return [*_power_saving(net.psm, net.edrx), *_signal(net.signal), *_band_plan(f, net)]


def _legacy_sunset(f: Facts, found: list[Finding]) -> list[Finding]:
    return _sunsets(f)


def _failed_checks(f: Facts, found: list[Finding]) -> list[Finding]:
    """Failed verify checks, except those a finding above (or a missing setting) already explains."""
    covered = {x.code for x in found}
    # settings the module does not have (a failed `configured` check) explain the checks needing them
    unset = {s for c in f.checks or [] if c.name == "configured" and not c.ok for s in c.expected or []}
    out = []
    for check in f.checks or []:
        if _NEEDS_SETTING.get(check.name) in unset:
            continue
        if not check.ok and not covered & _COVERED_BY.get(check.name, set()):
            out.append(Finding("major", f"verify-{check.name}", f"Config check failed: {check.name}",
                               check.reason, "Run `atctl apply` with the config, or fix the config."))
    return out


def _echo_on(f: Facts, found: list[Finding]) -> list[Finding]:
    if not f.hygiene.echo_on:
        return []
    return [Finding("minor", "echo-on", "Command echo is on", "The module echoes every command (ATE1): more bytes, "
                    "and naive host firmware may parse its own command as a reply.", "Send ATE0 and save it (AT&W).")]


def _cmee_off(f: Facts, found: list[Finding]) -> list[Finding]:
    if f.hygiene.cmee != 0:
        return []
    return [Finding("minor", "cmee-off", "Errors are reported without a reason (AT+CMEE=0)",
                    "Failures show only 'ERROR', which hides causes such as 'SIM not inserted'.",
                    "Set AT+CMEE=2 in the host firmware.")]


def _unused_bands(f: Facts, found: list[Finding]) -> list[Finding]:
    enabled = f.settings.bands if f.settings is not None else {}
    unused = {rat: sorted(set(bands) - set(f.local_bands.get(rat, ())))
              for rat, bands in enabled.items() if rat in f.local_bands}
    unused = {rat: bands for rat, bands in unused.items() if len(bands) > 3}
    if not unused:
        return []
    country = _network(f).operator.country
    return [Finding("minor", "unused-bands", "Many enabled bands are unused here",
                    "; ".join(f"{rat}: {len(b)} bands no network in {country} uses" for rat, b in unused.items())
                    + ": every extra band lengthens the network scan after wake-up.",
                    f"Restrict the bands: `atctl bands mask --module {f.ident('profile')} --country {country}`.")]


def _collection_gaps(f: Facts, found: list[Finding]) -> list[Finding]:
    return [Finding("info", "collection-gap", "Part of the data could not be read", failure,
                    "Nothing to do unless it matters for the ticket.") for failure in f.failures]


def _module(f: Facts, found: list[Finding]) -> list[Finding]:
    if not f.ident("model"):
        return []
    return [Finding("info", "module", "Module identified",
                    module_text(f.identity.as_dict())
                    + (f", profile {f.identity.profile}" if f.identity.profile else " (no atctl profile)"), "")]


# report order within one severity; _failed_checks reads the findings before it
RULES = (_stopped_answering, _sim, _radio_off, _registration, _roaming, _while_registered, _legacy_sunset,
         _failed_checks, _echo_on, _cmee_off, _unused_bands, _collection_gaps, _module, _battery_finding)


def classify(f: Facts) -> list[Finding]:
    """Every finding the facts show, most severe first (stable: report order within a severity)."""
    if not f.reachable:
        return [_no_answer(f)]
    out: list[Finding] = []
    for rule in RULES:
        out.extend(rule(f, out))
    return sorted(out, key=lambda x: SEVERITIES.index(x.severity))


def _power_saving(psm: PsmState, edrx: EdrxState) -> list[Finding]:
    out = []
    requested = psm.requested
    granted = psm.granted_timers()
    if requested is not None and requested.mode == 1:
        if granted is None:
            out.append(Finding("major", "psm-not-granted", "PSM requested but not granted",
                               f"The module asks for TAU {format_duration(requested.tau_s)} / active "
                               f"{format_duration(requested.active_s)}, but the network granted no PSM timers: "
                               "the device stays reachable and drains its battery.",
                               "Ask the provider whether PSM is enabled for this SIM; some networks grant it only on "
                               "attach: detach/attach once (AT+CFUN=0, AT+CFUN=1).", "+CEREG n=5 without timers"))
        else:
            tau, want = granted.tau_s, requested.tau_s or 0
            if want and abs(tau - want) > 0.25 * want:
                out.append(Finding("major", "psm-granted-differs", "The network granted different PSM timers",
                                   f"Asked TAU {format_duration(want)}, granted {format_duration(tau)}; active "
                                   f"{format_duration(requested.active_s)} -> {format_duration(granted.active_s)}.",
                                   "Plan battery life on the granted values, or ask the provider for its allowed range."))
    if edrx.requested and not (edrx.granted is not None and edrx.granted.used):
        out.append(Finding("major", "edrx-not-granted", "eDRX requested but not in use",
                           "The module asks for eDRX but the cell does not use it (+CEDRXRDP: 0).",
                           "Check that the RAT in use supports the requested cycle (`atctl edrx decode`) and ask the provider."))
    return out


def _signal(signal: Signal) -> list[Finding]:
    rsrp, rsrq, rssi = signal.rsrp_dbm, signal.rsrq_db, signal.rssi_dbm
    weak = (rsrp is not None and rsrp < -115) or (rsrq is not None and rsrq < -15) or \
        (rsrp is None and rssi is not None and rssi < -100)
    if not weak:
        return []
    text = ", ".join(f"{k} {v:g}" for k, v in (("RSRP dBm", rsrp), ("RSRQ dB", rsrq), ("RSSI dBm", rssi)) if v is not None)
    return [Finding("major", "weak-signal", "Weak signal", f"{text}: at this level transfers fail and retries cost battery.",
                    "Improve the antenna (placement, cable, ground plane) or the installation site.", text)]


def _band_plan(f: Facts, net: NetworkState) -> list[Finding]:
    planned = f.config.bands if f.config is not None else {}
    rat, band = net.rat, net.band
    if rat in planned and band is not None and planned[rat] and band not in planned[rat]:
        return [Finding("major", "band-outside-plan", "Connected on a band outside the deployment plan",
                        f"In use: {rat} band {band}; planned: {planned[rat]}.",
                        "Check the config's countries and bands (`atctl bands check`), then `atctl apply`.")]
    return []


def _sunsets(f: Facts) -> list[Finding]:
    rats = (f.config.rat if f.config is not None else None) or (f.settings.rat_order if f.settings else None) or []
    legacy = [r for r in rats if r in ("gsm", "umts")]
    dead = (f.config.sunset if f.config is not None else None) or {}
    if legacy and set(rats) <= {"gsm", "umts"} and any(dead.get(r) for r in legacy):
        where = "; ".join(f"{r}: {', '.join(dead[r])}" for r in legacy if dead.get(r))
        return [Finding("major", "legacy-rat-sunset", "Only 2G/3G configured where those networks are shut down",
                        f"Shut down or absent in: {where}.", "Enable LTE-M/NB-IoT/LTE on this module, or replace it.")]
    return []
