"""One day of a PSM / eDRX device, phase by phase, and the battery life it gives.

Formulas (docs/POWER.md):
  connections/day  n_c = max(uplinks/day, downlinks/day)
  TAUs/day         n_t = max(0, 86400/T3412 - n_c)      (each connection restarts T3412)
  wake-ups/day     n_w = n_c + n_t
  connected time   n_c * setup + airtime + n_t * tau_procedure, at the TX current
  RRC tail         n_w * inactivity timer, at the RX (or lowest connected) current
  active time      n_w * min(T3324, free / n_w), at the idle DRX/eDRX average (PSM only)
  sleep            the rest: PSM floor with PSM; the idle floor without (its paging on top)
Charge in mA*s (mC); 1 uAh = 3.6 mC.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atctl.errors import InputError
from atctl.power.battery import Battery, life_days
from atctl.power.currents import ModuleCurrents, connected_ma, idle_curve, tail_ma

DAY_S = 86400.0
DEFAULT_T3412_S = 3240.0  # TS 24.301 10.2: T3412 default 54 min when no extended value applies
DEFAULT_DRX_S = {"lte-m": 1.28, "nb-iot": 2.56}
SIGNAL_DBM = {"good": 0.0, "medium": 10.0, "poor": 23.0}


@dataclass(frozen=True)
class Timing:
    """Durations atctl cannot read from a data sheet: assumed, stated in every answer."""

    setup_s: float          # wake, RRC connection setup (RACH, RRC setup, security) before data
    tau_procedure_s: float  # TAU request / accept exchange
    inactivity_s: float     # network RRC inactivity timer: connected after the last packet
    ul_kbps: float          # application-level uplink rate once connected
    dl_kbps: float

    def describe(self, rat: str) -> list[str]:
        return [
            f"RRC connection setup {self.setup_s:g} s per connection (assumed; {rat} typical, not measured)",
            f"TAU procedure {self.tau_procedure_s:g} s connected (assumed)",
            f"RRC inactivity timer {self.inactivity_s:g} s after the last packet (network-set; assumed; "
            "release assistance (RAI) would cut it to ~0)",
            f"uplink {self.ul_kbps:g} kbit/s, downlink {self.dl_kbps:g} kbit/s once connected (assumed)",
        ]


TIMING = {
    "lte-m": Timing(setup_s=1.0, tau_procedure_s=1.0, inactivity_s=10.0, ul_kbps=100.0, dl_kbps=200.0),
    "nb-iot": Timing(setup_s=2.0, tau_procedure_s=1.5, inactivity_s=10.0, ul_kbps=20.0, dl_kbps=20.0),
}


@dataclass(frozen=True)
class Scenario:
    rat: str
    psm: bool
    tau_s: float | None          # T3412 (extended with PSM); None without PSM: the 54 min default
    active_s: float              # T3324 (ignored without PSM)
    edrx_s: float | None = None
    ptw_s: float | None = None
    drx_s: float | None = None   # default: 1.28 s LTE-M, 2.56 s NB-IoT
    uplink_bytes: float = 0.0
    uplinks_per_day: float = 0.0
    downlink_bytes: float = 0.0
    downlinks_per_day: float = 0.0
    tx_dbm: float = 10.0
    signal: str | None = "medium"


@dataclass(frozen=True)
class Phase:
    name: str
    seconds: float
    ma: float


@dataclass
class Estimate:
    module: str
    scenario: Scenario
    battery: Battery
    average_current_ua: float
    battery_life_days: float
    breakdown_uah_per_day: dict[str, float]
    basis: dict[str, str]                   # phase -> the assumption behind its number
    assumptions: list[str]
    sources: list[dict]
    cycle: list[Phase]
    cycle_s: float
    warnings: list[str] = field(default_factory=list)
    family_default: str | None = None

    @property
    def battery_life_years(self) -> float:
        return self.battery_life_days / 365.25

    def as_dict(self) -> dict:
        s = self.scenario
        return {
            "module": self.module,
            "family_default": self.family_default,
            "average_current_ua": round(self.average_current_ua, 3),
            "battery_life_days": round(self.battery_life_days, 1),
            "battery_life_years": round(self.battery_life_years, 2),
            "breakdown_uah_per_day": {k: round(v, 2) for k, v in self.breakdown_uah_per_day.items()},
            "basis": dict(self.basis),
            "scenario": {"rat": s.rat, "psm": s.psm, "tau_s": s.tau_s, "active_s": s.active_s if s.psm else None,
                         "drx_s": s.drx_s or DEFAULT_DRX_S[s.rat], "edrx_s": s.edrx_s, "ptw_s": s.ptw_s,
                         "uplink_bytes": s.uplink_bytes, "uplinks_per_day": s.uplinks_per_day,
                         "downlink_bytes": s.downlink_bytes, "downlinks_per_day": s.downlinks_per_day,
                         "tx_dbm": s.tx_dbm, "signal": s.signal},
            "battery": self.battery.as_dict(),
            "cycle": {"seconds": self.cycle_s,
                      "phases": [{"name": p.name, "seconds": round(p.seconds, 3), "ma": round(p.ma, 4)}
                                 for p in self.cycle]},
            "assumptions": list(self.assumptions),
            "sources": list(self.sources),
            "warnings": list(self.warnings),
        }


def _uah(ma: float, seconds: float) -> float:
    return ma * seconds / 3.6


def estimate(cur: ModuleCurrents, sc: Scenario, battery: Battery, timing: Timing | None = None) -> Estimate:
    if sc.rat not in TIMING:
        raise InputError(f"radio technology {sc.rat!r} is not modelled", hint="use lte-m or nb-iot")
    t = timing or TIMING[sc.rat]
    drx = sc.drx_s or DEFAULT_DRX_S[sc.rat]
    tau = sc.tau_s if sc.tau_s else DEFAULT_T3412_S
    if tau <= 0:
        raise InputError("a periodic TAU of 0 is not usable", hint="give --tau of 2 s or more, or --no-psm")
    warnings: list[str] = []
    assumptions: list[str] = []

    curve, borrowed_idle = idle_curve(cur, sc.rat)
    i_tx, tx_basis, tx_figs, borrowed_tx = connected_ma(cur, sc.rat, sc.tx_dbm)
    i_tail, tail_basis, tail_figs = tail_ma(cur, sc.rat)
    i_idle = curve.average_ma(drx, sc.edrx_s, sc.ptw_s)
    i_paging = curve.paging_ma(drx, sc.edrx_s, sc.ptw_s)
    for note in (borrowed_idle, borrowed_tx):
        if note:
            warnings.append(note)

    n_conn = max(sc.uplinks_per_day, sc.downlinks_per_day)
    n_tau = max(0.0, DAY_S / tau - n_conn)
    n_wake = n_conn + n_tau
    air_s = (sc.uplink_bytes * sc.uplinks_per_day * 8 / (t.ul_kbps * 1000)
             + sc.downlink_bytes * sc.downlinks_per_day * 8 / (t.dl_kbps * 1000))
    data_tx_s = n_conn * t.setup_s + air_s
    tau_tx_s = n_tau * t.tau_procedure_s
    data_tail_s = n_conn * t.inactivity_s
    tau_tail_s = n_tau * t.inactivity_s
    busy = data_tx_s + tau_tx_s + data_tail_s + tau_tail_s
    if busy >= DAY_S:
        raise InputError(f"this traffic keeps the module connected {busy / 3600:.1f} h a day, more than a day has",
                         hint="send fewer or smaller messages")
    free = DAY_S - busy

    data = _uah(i_tx, data_tx_s) + _uah(i_tail, data_tail_s)
    tau_uah = _uah(i_tx, tau_tx_s) + _uah(i_tail, tau_tail_s)
    if sc.psm:
        active_each = min(sc.active_s, free / n_wake) if n_wake else 0.0
        active_total = active_each * n_wake
        share = n_conn / n_wake if n_wake else 0.0
        data += _uah(i_idle, active_total * share)
        tau_uah += _uah(i_idle, active_total * (1 - share))
        sleep = _uah(cur.psm_floor.ma, free - active_total)
        paging = 0.0
        if n_wake and sc.active_s >= free / n_wake:
            warnings.append("the active time is as long as the gap between wake-ups: the module never enters PSM")
    else:
        active_each = 0.0
        sleep = _uah(curve.floor_ma, free)
        paging = _uah(i_paging, free)

    breakdown = {"sleep": sleep, "paging": paging, "tau": tau_uah, "data": data}
    total_uah = sum(breakdown.values())
    avg_ua = total_uah / 24.0  # uAh per day / 24 h = uA
    power_w = avg_ua * 1e-6 * cur.supply_v
    life = life_days(battery, power_w)

    cycle_s = DAY_S / n_wake if n_wake else DAY_S
    cycle = _one_cycle(sc, t, cur, n_conn, n_wake, air_s, active_each, cycle_s, i_tx, i_tail, i_idle, curve.floor_ma)

    idle_where = (f"eDRX {sc.edrx_s:g} s, PTW {sc.ptw_s or drx:g} s" if sc.edrx_s else f"DRX {drx:g} s")
    basis = {
        "sleep": (f"PSM floor {cur.psm_floor.ma * 1000:g} uA ({cur.psm_floor.conditions}) for "
                  f"{(free - active_each * n_wake) / 3600:.2f} h/day" if sc.psm else
                  f"idle floor {curve.floor_ma:.3g} mA between paging occasions for {free / 3600:.2f} h/day"),
        "paging": ("none: in PSM the module does not listen for paging (paging during the active time is "
                   "counted with its wake-up)" if sc.psm else
                   f"{i_paging:.3g} mA average above the floor for paging at {idle_where}; {curve.basis}"),
        "tau": (f"{n_tau:.2f} TAU wake-ups/day (T3412 {tau:g} s, restarted by each connection): "
                f"{t.tau_procedure_s:g} s at {i_tx:.0f} mA + {t.inactivity_s:g} s tail at {i_tail:.0f} mA"
                + (f" + active time at {i_idle:.3g} mA" if sc.psm else "")),
        "data": (f"{n_conn:g} connections/day: {t.setup_s:g} s setup + {air_s / n_conn if n_conn else 0:.3g} s "
                 f"airtime at {i_tx:.0f} mA ({tx_basis}), {t.inactivity_s:g} s RRC tail at {i_tail:.0f} mA "
                 f"({tail_basis})" + (f", then {active_each:g} s active time at {i_idle:.3g} mA ({idle_where})"
                                     if sc.psm else "")),
    }

    sig = f"signal {sc.signal!r} taken as {sc.tx_dbm:g} dBm TX power" if sc.signal else f"TX power {sc.tx_dbm:g} dBm"
    assumptions += [sig, *t.describe(sc.rat),
                    f"idle average {i_idle:.3g} mA at {idle_where}: {curve.basis}",
                    f"module supply {cur.supply_v:g} V ({cur.supply_basis}); battery energy through a converter "
                    f"of {battery.efficiency:.0%} efficiency",
                    f"battery {battery.name}: {battery.capacity_mah:g} mAh at {battery.voltage_v:g} V nominal, "
                    f"{battery.usable:.0%} usable (cut-off voltage, pulse load), self-discharge "
                    f"{battery.self_discharge_per_year:.0%} of nominal a year"]
    if sc.downlinks_per_day:
        assumptions.append("downlink messages ride on the uplink connections where they can; extra ones each "
                           "open a connection of their own" + (" at the next wake-up (PSM)" if sc.psm else ""))
    if cur.sleep_enable:
        awake = f"; without it idle is {cur.idle_awake.ma:g} mA" if cur.idle_awake else ""
        assumptions.append(f"sleep enabled: {cur.sleep_enable}{awake}")
    if cur.family_default:
        warnings.insert(0, f"{cur.module} has no current figures of its own: family default "
                           f"{cur.family_default!r} used: {cur.family_reason}")
    unverified = [f for f in (cur.psm_floor, *curve.sources, *tx_figs, *tail_figs) if not f.verified]
    if unverified:
        warnings.append(f"{len(unverified)} of the figures used are not verified against the vendor document "
                        "(see sources)")

    sources = []
    seen = set()
    for role, figs in (("psm_floor", (cur.psm_floor,)), ("idle", curve.sources), ("connected", tx_figs),
                       ("rrc_tail", tail_figs)):
        for f in figs:
            key = (role, f.conditions, f.source)
            if key not in seen:
                seen.add(key)
                sources.append({"role": role, "ma": f.ma, **f.cite()})
    return Estimate(cur.module, sc, battery, avg_ua, life, breakdown, basis, assumptions, sources,
                    cycle, cycle_s, warnings, cur.family_default)


def _one_cycle(sc, t, cur, n_conn, n_wake, air_s, active_each, cycle_s, i_tx, i_tail, i_idle, idle_floor) -> list[Phase]:
    """One wake-up cycle: a data wake-up when there is traffic, else a TAU wake-up."""
    if n_conn:
        first = Phase("connect+TX", t.setup_s + air_s / n_conn, i_tx)
    else:
        first = Phase("TAU", t.tau_procedure_s, i_tx)
    phases = [first, Phase("RRC tail", t.inactivity_s, i_tail)]
    used = first.seconds + t.inactivity_s
    if sc.psm:
        if active_each > 0:
            phases.append(Phase("active", active_each, i_idle))
            used += active_each
        phases.append(Phase("PSM", max(cycle_s - used, 0.0), cur.psm_floor.ma))
    else:
        phases.append(Phase("eDRX idle" if sc.edrx_s else "DRX idle", max(cycle_s - used, 0.0), i_idle))
    return phases
