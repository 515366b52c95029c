"""Battery presets and the derating applied to their nominal capacity.

Nominal figures are typical manufacturer ratings at low drain and room temperature; what a
PSM device can draw from a cell is less: the module's cut-off voltage and its TX pulses leave
charge unused, and the cell loses charge on the shelf and in the field (self-discharge).
"""

from __future__ import annotations

from dataclasses import dataclass

from atctl.errors import InputError

DEFAULT_USABLE = 0.80       # share of nominal charge usable at the module's cut-off under pulse load
DEFAULT_EFFICIENCY = 0.90   # DC/DC converter (or LDO) between battery and module; 1.0 when wired direct

_PRESET_SOURCE = ("typical manufacturer rating for this cell type (e.g. Energizer E91/L91, Panasonic CR123A, "
                  "Saft LS14500/LS33600 data sheets); not read from a data sheet here")


@dataclass(frozen=True)
class Battery:
    name: str
    capacity_mah: float
    voltage_v: float
    self_discharge_per_year: float  # share of nominal capacity lost per year
    usable: float = DEFAULT_USABLE
    efficiency: float = DEFAULT_EFFICIENCY
    source: str = "given on the command line"
    verified: bool = True
    note: str = ""

    @property
    def energy_wh(self) -> float:
        return self.capacity_mah * self.voltage_v / 1000.0

    def as_dict(self) -> dict:
        return {"name": self.name, "capacity_mah": self.capacity_mah, "voltage_v": self.voltage_v,
                "usable": self.usable, "efficiency": self.efficiency,
                "self_discharge_per_year": self.self_discharge_per_year,
                "source": self.source, "verified": self.verified, "note": self.note}


def _preset(name, mah, v, sd, note) -> Battery:
    return Battery(name, mah, v, sd, source=_PRESET_SOURCE, verified=False, note=note)


PRESETS: dict[str, Battery] = {
    "2xAA": _preset("2xAA", 2500, 3.0, 0.03, "two alkaline AA in series; capacity falls sharply at 100 mA+ pulses"),
    "2xAA-lithium": _preset("2xAA-lithium", 3000, 3.0, 0.01, "two Li-FeS2 AA (L91 type) in series"),
    "3xAA": _preset("3xAA", 2500, 4.5, 0.03, "three alkaline AA in series (regulated down to the module)"),
    "CR123A": _preset("CR123A", 1500, 3.0, 0.02, "one Li-MnO2 CR123A"),
    "18650": _preset("18650", 2600, 3.6, 0.25, "one Li-ion 18650; self-discharge ~2 %/month"),
    "ER14505": _preset("ER14505", 2600, 3.6, 0.01, "one Li-SOCl2 AA (LS14500 type); bobbin cells need a buffer "
                       "capacitor for TX pulses"),
    "ER34615": _preset("ER34615", 19000, 3.6, 0.01, "one Li-SOCl2 D cell (LS33600 type)"),
}


def battery_preset(name: str) -> Battery:
    key = {k.lower(): k for k in PRESETS}.get(str(name).strip().lower())
    if key is None:
        raise InputError(f"battery {name!r} is not a known preset",
                         hint=f"use one of {', '.join(PRESETS)}, or --battery-mah N --battery-v V")
    return PRESETS[key]


def custom_battery(capacity_mah: float, voltage_v: float, self_discharge_per_year: float = 0.02) -> Battery:
    if not (capacity_mah > 0 and capacity_mah < 1e7):
        raise InputError(f"battery capacity {capacity_mah:g} mAh is not usable", hint="give a capacity above 0 mAh")
    if not (0.5 <= voltage_v <= 60):
        raise InputError(f"battery voltage {voltage_v:g} V is out of range", hint="give 0.5 V to 60 V")
    return Battery(f"{capacity_mah:g} mAh at {voltage_v:g} V", capacity_mah, voltage_v, self_discharge_per_year,
                   note="custom battery; self-discharge assumed 2 %/year")


def life_days(battery: Battery, module_power_w: float) -> float:
    """Days until the usable energy is spent by the load and by self-discharge.

    usable energy / (load power at the battery + self-discharge power), where self-discharge is
    spread evenly over the year (a linear approximation of the cell's shelf loss).
    """
    usable_wh = battery.energy_wh * battery.usable
    load_w = module_power_w / battery.efficiency
    self_w = battery.energy_wh * battery.self_discharge_per_year / (365.25 * 24)
    total_w = load_w + self_w
    return float("inf") if total_w <= 0 else usable_wh / total_w / 24.0


def life_text(days: float, *, with_days: bool = False) -> str:
    """A battery life in words: '2.4 years', with_days '2.35 years (859 days)', '12 days', 'unlimited'."""
    if days == float("inf"):
        return "unlimited"
    if days < 365.25:
        return f"{days:,.0f} days"
    return f"{days / 365.25:.2f} years ({days:,.0f} days)" if with_days else f"{days / 365.25:.1f} years"
