"""A module's current figures and the curves the model fits through them.

Figures come from the `power:` section of the module's profile (each with source, as_of,
verified), or, where the vendor publishes none, from a named family default: the figures of a
sibling module, labelled as such in every estimate. This module does no I/O: the caller
passes the parsed profile sections in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Energy of one paging occasion above the idle floor, used when a module publishes a single
# idle figure: fitted through SARA-R510S "+UPSV: 1" DRX 1.28 s (2.0 mA) and DRX 2.56 s (1.5 mA),
# UBX-19016638 R07 Table 12: (2.0 - 1.5) mA / (1/1.28 - 1/2.56) 1/s = 1.28 mC.
DEFAULT_PAGING_MC = 1.28
DEFAULT_PAGING_BASIS = ("1.28 mC per paging occasion, fitted through SARA-R510S DRX 1.28 s / 2.56 s idle "
                        "figures (UBX-19016638 R07 Table 12)")

RATS = ("lte-m", "nb-iot")


@dataclass(frozen=True)
class Figure:
    """One published figure, in mA, with where it comes from."""

    ma: float
    conditions: str
    source: str
    verified: bool
    as_of: str = ""

    def cite(self) -> dict:
        return {"conditions": self.conditions, "source": self.source, "verified": self.verified,
                "as_of": self.as_of}


@dataclass(frozen=True)
class IdlePoint:
    rat: str
    drx_s: float
    edrx_s: float | None
    ptw_s: float | None
    figure: Figure


@dataclass(frozen=True)
class ConnectedPoint:
    rat: str
    tx_dbm: float
    figure: Figure


@dataclass(frozen=True)
class ModuleCurrents:
    module: str
    supply_v: float
    supply_basis: str
    psm_floor: Figure
    idle: tuple[IdlePoint, ...]
    connected: tuple[ConnectedPoint, ...]
    rx: tuple[tuple[str, Figure], ...] = ()
    idle_awake: Figure | None = None
    sleep_enable: str | None = None
    family_default: str | None = None   # name of the family default these figures stand in for
    family_reason: str | None = None
    notes: tuple[str, ...] = field(default=())


def paging_occasions_per_s(drx_s: float, edrx_s: float | None, ptw_s: float | None) -> float:
    """Paging occasions a second: every DRX cycle, or those inside the PTW once per eDRX cycle."""
    if not edrx_s:
        return 1.0 / drx_s
    per_window = max(1, int(round((ptw_s or drx_s) / drx_s)))
    return per_window / edrx_s


@dataclass(frozen=True)
class IdleCurve:
    """Average idle current = floor + paging energy x paging occasions per second."""

    floor_ma: float
    paging_mc: float
    cap_ma: float | None
    basis: str
    sources: tuple[Figure, ...]

    def average_ma(self, drx_s: float, edrx_s: float | None, ptw_s: float | None) -> float:
        value = self.floor_ma + self.paging_mc * paging_occasions_per_s(drx_s, edrx_s, ptw_s)
        return min(value, self.cap_ma) if self.cap_ma else value

    def paging_ma(self, drx_s: float, edrx_s: float | None, ptw_s: float | None) -> float:
        return self.average_ma(drx_s, edrx_s, ptw_s) - self.floor_ma


def _for_rat(items, rat: str):
    own = [i for i in items if i.rat == rat]
    if own:
        return own, None
    other = [i for i in items if i.rat != rat]
    return other, (f"no {rat} figure published; the {other[0].rat} figures are used" if other else None)


def idle_curve(cur: ModuleCurrents, rat: str) -> tuple[IdleCurve, str | None]:
    points, borrowed = _for_rat(cur.idle, rat)
    if not points:
        raise ValueError(f"{cur.module}: no idle figure")
    xs = [paging_occasions_per_s(p.drx_s, p.edrx_s, p.ptw_s) for p in points]
    ys = [p.figure.ma for p in points]
    cap = cur.idle_awake.ma if cur.idle_awake else None
    figures = tuple(p.figure for p in points)
    if len(set(xs)) >= 2:
        n = len(xs)
        mx, my = sum(xs) / n, sum(ys) / n
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        if slope > 0:
            floor = max(my - slope * mx, cur.psm_floor.ma)
            desc = ", ".join(_point_text(p) for p in points)
            return IdleCurve(floor, slope, cap, f"line fitted through the vendor's idle figures ({desc}): "
                             f"floor {floor:.3g} mA + {slope:.3g} mC per paging occasion", figures), borrowed
    # one point (or no usable slope): the default paging energy through the lowest point
    lowest = min(range(len(xs)), key=lambda i: ys[i])
    floor = max(ys[lowest] - DEFAULT_PAGING_MC * xs[lowest], cur.psm_floor.ma)
    return IdleCurve(floor, DEFAULT_PAGING_MC, cap, f"vendor idle figure {_point_text(points[lowest])} with "
                     f"{DEFAULT_PAGING_BASIS}: floor {floor:.3g} mA", figures), borrowed


def _point_text(p: IdlePoint) -> str:
    cycle = f"eDRX {p.edrx_s:g} s" if p.edrx_s else f"DRX {p.drx_s:g} s"
    ptw = f" PTW {p.ptw_s:g} s" if p.ptw_s else ""
    return f"{cycle}{ptw} {p.figure.ma:g} mA"


def connected_ma(cur: ModuleCurrents, rat: str, tx_dbm: float) -> tuple[float, str, tuple[Figure, ...], str | None]:
    """Connected (Tx/Rx) current at a TX power: linear between the vendor's stated powers, clamped."""
    points, borrowed = _for_rat(cur.connected, rat)
    if not points:
        raise ValueError(f"{cur.module}: no connected figure")
    pts = sorted(points, key=lambda p: p.tx_dbm)
    if tx_dbm <= pts[0].tx_dbm:
        p = pts[0]
        return p.figure.ma, f"{p.figure.ma:g} mA stated at {p.tx_dbm:g} dBm", (p.figure,), borrowed
    if tx_dbm >= pts[-1].tx_dbm:
        p = pts[-1]
        return p.figure.ma, f"{p.figure.ma:g} mA stated at {p.tx_dbm:g} dBm", (p.figure,), borrowed
    for a, b in zip(pts, pts[1:]):
        if a.tx_dbm <= tx_dbm <= b.tx_dbm:
            if b.tx_dbm == a.tx_dbm:
                return a.figure.ma, f"{a.figure.ma:g} mA at {a.tx_dbm:g} dBm", (a.figure,), borrowed
            t = (tx_dbm - a.tx_dbm) / (b.tx_dbm - a.tx_dbm)
            value = a.figure.ma + t * (b.figure.ma - a.figure.ma)
            return value, (f"{value:.0f} mA interpolated between {a.figure.ma:g} mA at {a.tx_dbm:g} dBm and "
                           f"{b.figure.ma:g} mA at {b.tx_dbm:g} dBm"), (a.figure, b.figure), borrowed
    raise AssertionError("unreachable")


def tail_ma(cur: ModuleCurrents, rat: str) -> tuple[float, str, tuple[Figure, ...]]:
    """Current while RRC-connected with nothing to send (the inactivity-timer tail)."""
    own = [f for r, f in cur.rx if r == rat] or [f for _, f in cur.rx]
    if own:
        return own[0].ma, f"RX figure {own[0].ma:g} mA", (own[0],)
    points, _ = _for_rat(cur.connected, rat)
    low = min(points, key=lambda p: p.tx_dbm)
    return low.figure.ma, (f"no RX-only figure published: charged at the lowest stated connected Tx/Rx figure "
                           f"({low.figure.ma:g} mA at {low.tx_dbm:g} dBm), an upper bound"), (low.figure,)


def from_section(module: str, section, *, figures_from=None) -> ModuleCurrents:
    """ModuleCurrents from a profile's parsed `power:` section (duck-typed: atctl.profiles.model.PowerSection).

    `figures_from` is the section of the module a family default points at.
    """
    family = getattr(section, "family_default", None)
    src = figures_from if family is not None else section
    if src is None:
        raise ValueError(f"{module}: family default {family.figures_from!r} has no figures")

    def fig(f) -> Figure:
        ma = f.value / 1000.0 if f.unit == "uA" else f.value
        return Figure(ma, f.conditions, f.source, f.verified, str(f.as_of))

    own_floor = getattr(section, "psm_floor", None) if family is not None else None
    return ModuleCurrents(
        module=module,
        supply_v=src.supply_v,
        supply_basis=src.supply_basis,
        psm_floor=fig(own_floor or src.psm_floor),
        idle=tuple(IdlePoint(p.rat, p.drx_s, p.edrx_s, p.ptw_s, fig(p)) for p in src.idle),
        connected=tuple(ConnectedPoint(p.rat, p.tx_dbm, fig(p)) for p in src.connected),
        rx=tuple((p.rat, fig(p)) for p in src.rx),
        idle_awake=fig(src.idle_awake) if src.idle_awake else None,
        sleep_enable=src.sleep_enable,
        family_default=family.name if family is not None else None,
        family_reason=(f"{family.reason} (figures of {family.figures_from})" if family is not None else None),
        notes=tuple(n for n in (getattr(section, "note", None),) if n),
    )


def currents_for_profile(profile, lookup) -> ModuleCurrents:
    """The figures for a parsed profile; `lookup(id)` returns another profile (for family defaults)."""
    from atctl.errors import InputError

    section = profile.power
    if section is None:
        lte = [r for r in profile.rats if r in RATS]
        why = ("it has no LTE-M or NB-IoT: the model covers PSM/eDRX on those" if not lte
               else "its profile has no power: section")
        raise InputError(f"no current figures for {profile.id}: {why}",
                         hint="run `atctl modules` for modules with figures, or add a power: section to a profile")
    target = None
    if section.family_default is not None:
        target = lookup(section.family_default.figures_from).power
    return from_section(profile.id, section, figures_from=target)
