"""Network scenarios for the simulator: who the network is and what it grants.

Bands come from the shipped country data (atctl.data) for the scenario's
operator when it has them, so the simulated network agrees with `bands check`;
`bands` below is the fallback and pins what tests rely on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class PsmPolicy:
    kind: str = "grant"          # grant | refuse | clamp | round
    max_tau_s: float | None = None
    max_active_s: float | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    country: str
    mcc_mnc: str
    operator: str                # long name shown by +COPS
    bands: dict[str, tuple[int, ...]] = field(default_factory=dict)  # rat -> bands the network offers
    home_mcc_mnc: str | None = None  # SIM's home network; differs when roaming
    psm: PsmPolicy = PsmPolicy()
    edrx: str = "grant"          # grant | refuse | <seconds the network imposes>
    reject_cause: int | None = None
    reg_delay_s: float = 0.3
    rsrp_dbm: int = -95
    rsrq_db: int = -10
    sinr_db: int = 12
    rssi_dbm: int = -65

    @property
    def roaming(self) -> bool:
        return self.home_mcc_mnc is not None and self.home_mcc_mnc != self.mcc_mnc


_DE = dict(country="DE", mcc_mnc="26201", operator="Telekom.de",
           bands={"lte-m": (8, 20), "nb-iot": (8, 20), "lte": (1, 3, 7, 8, 20, 28), "gsm": (900, 1800)})

SCENARIOS: dict[str, Scenario] = {s.name: s for s in [
    Scenario("de-telekom", "Germany, Deutsche Telekom, home; grants PSM and eDRX as asked", **_DE),
    Scenario("nl-kpn", "Netherlands, KPN, home", country="NL", mcc_mnc="20408", operator="KPN",
             bands={"lte-m": (8, 20), "nb-iot": (8, 20), "lte": (3, 7, 8, 20), "gsm": (900, 1800)}),
    Scenario("us-att", "USA, AT&T, home; no NB-IoT (switched off 2025)", country="US", mcc_mnc="310410",
             operator="AT&T", bands={"lte-m": (2, 4, 12), "lte": (2, 4, 5, 12, 14, 17, 29, 30, 66)}),
    Scenario("jp-docomo", "Japan, NTT docomo, home; no GSM, no NB-IoT", country="JP", mcc_mnc="44010",
             operator="NTT DOCOMO", bands={"lte-m": (1, 19), "lte": (1, 3, 19, 21, 28, 42)}),
    Scenario("psm-clamp", "Germany, grants a periodic TAU of at most 2 h and active time of at most 10 s",
             psm=PsmPolicy("clamp", 7200, 10), **_DE),
    Scenario("psm-round", "Germany, rounds PSM timers to its own steps (TAU to whole hours, active to minutes)",
             psm=PsmPolicy("round"), **_DE),
    Scenario("psm-refused", "Germany, registers but grants no PSM timers", psm=PsmPolicy("refuse"), **_DE),
    Scenario("edrx-refused", "Germany, registers but does not use eDRX", edrx="refuse", **_DE),
    Scenario("edrx-fixed", "Germany, imposes an eDRX cycle of 81.92 s whatever is asked", edrx="81.92", **_DE),
    Scenario("denied", "Germany, registration denied (EMM cause 11: PLMN not allowed)", reject_cause=11, **_DE),
    Scenario("roaming", "German SIM roaming in Switzerland on Swisscom, LTE-M band 3 only", country="CH",
             mcc_mnc="22801", operator="Swisscom", home_mcc_mnc="26201",
             bands={"lte-m": (3,), "nb-iot": (3,), "lte": (3,), "gsm": (900, 1800)}),
    Scenario("weak-signal", "Germany, home, at the cell edge (RSRP -125 dBm)", rsrp_dbm=-125, rsrq_db=-19,
             sinr_db=-4, rssi_dbm=-105, **_DE),
    Scenario("no-coverage", "no network at all: searching forever", country="DE", mcc_mnc="26201",
             operator="Telekom.de", bands={}),
]}

DEFAULT = "de-telekom"


def get_scenario(name: str | None) -> Scenario:
    from atctl.errors import InputError

    key = (name or DEFAULT).strip().lower()
    if key not in SCENARIOS:
        raise InputError(f"unknown simulator network {name!r}",
                         hint=f"use one of {', '.join(SCENARIOS)} (atctl sim serve --list)")
    return SCENARIOS[key]


def with_overrides(scenario: Scenario, options: dict[str, str]) -> Scenario:
    """Apply psm= / edrx= / reject= / reg_delay= options on top of a scenario."""
    from atctl.errors import InputError
    from atctl.timers.duration import parse_duration

    changes: dict = {}
    if "psm" in options:
        spec = options["psm"].split(":")
        kind = spec[0]
        if kind not in ("grant", "refuse", "clamp", "round"):
            raise InputError(f"sim option psm={options['psm']!r} is not known",
                             hint="use psm=grant, refuse, round or clamp:<tau>[:<active>]")
        tau = parse_duration(spec[1], what="psm clamp TAU") if len(spec) > 1 else None
        active = parse_duration(spec[2], what="psm clamp active time") if len(spec) > 2 else None
        changes["psm"] = PsmPolicy(kind, tau, active)
    if "edrx" in options:
        changes["edrx"] = options["edrx"]
    if "reject" in options:
        changes["reject_cause"] = int(options["reject"])
    if "reg_delay" in options:
        changes["reg_delay_s"] = parse_duration(options["reg_delay"], what="reg_delay")
    return replace(scenario, **changes) if changes else scenario
