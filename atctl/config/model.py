"""The device config file (DESIGN.md "Device config file"), validated by pydantic.

Unknown keys are errors: a typo must never be silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Rat = Literal["gsm", "umts", "lte", "lte-m", "nb-iot"]
Band = Annotated[int, Field(ge=1, le=9999)]  # E-UTRA band numbers; GSM bands by MHz (850 ... 1900)


def _sentence(check, *args):
    """Run an atctl check; its InputError becomes a pydantic error with the same sentence."""
    from atctl.errors import InputError

    try:
        return check(*args)
    except InputError as exc:
        raise ValueError(exc.one_line()) from None


def _seconds(value, what: str, low: float, high: float) -> float:
    """A duration within [low, high] seconds (the codec's or the wait's range); never inf/nan."""
    import math

    from atctl.timers.duration import format_duration, parse_duration

    try:
        # YAML's .inf/.nan are floats: refused below with the accepted range, not the codec's wording
        seconds = value if isinstance(value, float) and not math.isfinite(value) else \
            _sentence(lambda: parse_duration(value, what=what))
    except OverflowError:  # an integer too large for a float (YAML reads 400 digits as an int)
        seconds = math.inf
    given = repr(value) if len(repr(value)) <= 30 else repr(value)[:30] + "..."
    if not math.isfinite(seconds):
        raise ValueError(f"{what} {given} is not a finite duration; give one from "
                         f"{format_duration(low)} to {format_duration(high)}")
    if not low <= seconds <= high:
        shown = format_duration(seconds) if seconds < 1e9 else f"{seconds:g} s"
        raise ValueError(f"{what} {shown} is out of range; give one from "
                         f"{format_duration(low)} to {format_duration(high)}")
    return seconds


def _max_psm() -> tuple[float, float]:
    from atctl.timers.psm import T3324_MAX_S, T3412_EXT_MAX_S

    return T3412_EXT_MAX_S, T3324_MAX_S


def _max_edrx() -> tuple[float, float]:
    """Longest eDRX cycle and paging time window of any RAT (the codec checks the RAT's own)."""
    from atctl.timers.edrx import cycle_values, ptw_values

    rats = ("lte-m", "nb-iot")
    return (max(s for rat in rats for _, s in cycle_values(rat)),
            max(s for rat in rats for _, s in ptw_values(rat)))


TIMEOUT_RANGE_S = (1.0, 86400.0)  # registration wait: a second to a day


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PsmConfig(_Strict):
    tau: float
    active: float

    @field_validator("tau", "active", mode="before")
    @classmethod
    def _duration(cls, v, info):
        tau_max, active_max = _max_psm()
        return _seconds(v, info.field_name, 0.0, tau_max if info.field_name == "tau" else active_max)


class EdrxConfig(_Strict):
    cycle: float
    ptw: float | None = None

    @field_validator("cycle", "ptw", mode="before")
    @classmethod
    def _duration(cls, v, info):
        if v is None:
            return None
        cycle_max, ptw_max = _max_edrx()
        return _seconds(v, info.field_name, 0.0, cycle_max if info.field_name == "cycle" else ptw_max)


class ApnConfig(_Strict):
    name: str
    pdp_type: Literal["IP", "IPV6", "IPV4V6", "Non-IP"] = "IP"
    cid: int = Field(default=1, ge=1, le=15)  # TS 27.007 10.1.1: the module states its range (AT+CGDCONT=?)

    @field_validator("name", mode="before")
    @classmethod
    def _apn_text(cls, v):
        from atctl.command_text import check_apn

        return _sentence(check_apn, v) if isinstance(v, str) else v


class ExpectConfig(_Strict):
    registration: list[Literal["home", "roaming"]] = ["home", "roaming"]
    tolerance: float = 0.25
    timeout: float = 120.0  # seconds to wait for registration after apply

    @field_validator("tolerance", mode="before")
    @classmethod
    def _percent(cls, v):
        import math

        if isinstance(v, bool):
            raise ValueError("tolerance must be a percentage such as 25%, not a boolean")
        if isinstance(v, str):
            text = v.strip()
            try:
                v = float(text[:-1]) / 100 if text.endswith("%") else float(text)
            except ValueError:
                raise ValueError(f"tolerance {text!r} is not a number; write it like 25% or 0.25") from None
        if isinstance(v, (int, float)) and not (math.isfinite(v) and 0 <= v <= 1):
            if not math.isfinite(v):
                raise ValueError(f"tolerance {v} is not a finite number; give 0% to 100%")
            shown = f"{v:.0%}" if abs(v) < 1e6 else f"{v:g}"
            raise ValueError(f"tolerance {shown} is out of range; give 0% to 100% (or 0 to 1)")
        return v

    @field_validator("timeout", mode="before")
    @classmethod
    def _duration(cls, v):
        return _seconds(v, "timeout", *TIMEOUT_RANGE_S)


class TrafficConfig(_Strict):
    """What the device sends, for battery estimates (`power estimate --config`, status/verify/apply)."""

    uplink: float = 0.0            # bytes per message: 200B, 1kB
    every: float | None = None     # interval between uplinks
    per_day: float | None = Field(default=None, ge=0, le=86400)
    downlink: float = 0.0
    downlink_every: float | None = None
    downlink_per_day: float | None = Field(default=None, ge=0, le=86400)
    signal: Literal["good", "medium", "poor"] | None = None
    tx_dbm: float | None = Field(default=None, ge=-60, le=33)
    rrc_inactivity: float | None = None  # network RRC inactivity timer; 0 with release assistance (RAI)

    @field_validator("uplink", "downlink", mode="before")
    @classmethod
    def _size(cls, v, info):
        from atctl.power.scenario import parse_size

        return _sentence(parse_size, v, info.field_name)

    @field_validator("every", "downlink_every", mode="before")
    @classmethod
    def _interval(cls, v, info):
        return None if v is None else _seconds(v, info.field_name, 1.0, 10 * 366 * 86400.0)

    @field_validator("rrc_inactivity", mode="before")
    @classmethod
    def _tail(cls, v):
        return None if v is None else _seconds(v, "rrc_inactivity", 0.0, 3600.0)

    @model_validator(mode="after")
    def _one_rate(self):
        if self.every is not None and self.per_day is not None:
            raise ValueError("traffic: give every or per_day, not both")
        if self.downlink_every is not None and self.downlink_per_day is not None:
            raise ValueError("traffic: give downlink_every or downlink_per_day, not both")
        return self


class BatteryConfig(_Strict):
    """A battery preset (`battery: 2xAA`) or a capacity and voltage."""

    preset: str | None = None
    capacity_mah: float | None = Field(default=None, gt=0, lt=1e7)
    voltage: float | None = Field(default=None, ge=0.5, le=60)
    life_target: float | None = None  # wanted life (e.g. 5y) for plan's advice

    @model_validator(mode="before")
    @classmethod
    def _preset_name(cls, v):
        return {"preset": v} if isinstance(v, str) else v

    @field_validator("preset")
    @classmethod
    def _known(cls, v):
        from atctl.power.battery import battery_preset

        return None if v is None else _sentence(battery_preset, v).name

    @field_validator("life_target", mode="before")
    @classmethod
    def _life(cls, v):
        if isinstance(v, str) and v.strip().lower().endswith("y"):
            v = float(v.strip()[:-1]) * 365.25 * 86400 if v.strip()[:-1].replace(".", "", 1).isdigit() else v
        return None if v is None else _seconds(v, "life_target", 86400.0, 50 * 366 * 86400.0)

    @model_validator(mode="after")
    def _complete(self):
        if self.preset is None and (self.capacity_mah is None or self.voltage is None):
            raise ValueError("battery: give a preset (battery: 2xAA) or both capacity_mah and voltage")
        return self

    def to_battery(self):
        from atctl.power.battery import battery_preset, custom_battery

        return battery_preset(self.preset) if self.preset else custom_battery(self.capacity_mah, self.voltage)


class DeviceConfig(_Strict):
    module: str | None = None
    countries: list[str] = Field(min_length=1)
    rat: list[Rat] = Field(min_length=1)
    bands: Literal["auto"] | dict[Rat, list[Band]] = "auto"
    apn: ApnConfig | None = None
    psm: PsmConfig | Literal[False] | None = None
    edrx: dict[Literal["lte-m", "nb-iot"], EdrxConfig] | Literal[False] | None = None
    mno_profile: int | None = Field(default=None, ge=0, le=999)  # u-blox AT+UMNOPROF (set first, then RAT and bands)
    expect: ExpectConfig = ExpectConfig()
    traffic: TrafficConfig | None = None   # optional: feeds battery estimates (docs/POWER.md)
    battery: BatteryConfig | None = None

    @field_validator("apn", mode="before")
    @classmethod
    def _apn(cls, v):
        return {"name": v} if isinstance(v, str) else v

    @field_validator("countries", mode="before")
    @classmethod
    def _upper(cls, v):
        return [str(c).strip().upper() for c in v] if isinstance(v, list) else v

    @field_validator("countries")
    @classmethod
    def _known_countries(cls, v):
        from atctl.data import load_countries

        known = load_countries()
        for code in v:
            if code not in known:
                raise ValueError(f"unknown country code {code!r} (use ISO 3166 two-letter codes; `atctl countries`)")
        return v

    @field_validator("edrx")
    @classmethod
    def _edrx_per_rat(cls, v):
        """Each RAT's own maxima (LTE-M's paging window ends at 20.48 s, NB-IoT's at 40.96 s)."""
        from atctl.timers.duration import format_duration
        from atctl.timers.edrx import cycle_values, ptw_values

        for rat, want in (v or {}).items() if isinstance(v, dict) else ():
            for what, value, values in (("cycle", want.cycle, cycle_values(rat)), ("ptw", want.ptw, ptw_values(rat))):
                top = max(s for _, s in values)
                if value is not None and value > top:
                    raise ValueError(f"{rat} {what} {format_duration(value)} is above the {rat} maximum "
                                     f"{format_duration(top)}")
        return v

    @model_validator(mode="after")
    def _consistent(self):
        if len(set(self.rat)) != len(self.rat):
            raise ValueError("rat lists a technology twice")
        if isinstance(self.bands, dict):
            for rat in self.bands:
                if rat not in self.rat:
                    raise ValueError(f"bands given for {rat}, which is not in rat")
        if isinstance(self.edrx, dict):
            for rat in self.edrx:
                if rat not in self.rat:
                    raise ValueError(f"edrx given for {rat}, which is not in rat")
        return self
