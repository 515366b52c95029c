"""The device config file (DESIGN.md "Device config file"), validated by pydantic.

Unknown keys are errors: a typo must never be silently ignored.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Rat = Literal["gsm", "umts", "lte", "lte-m", "nb-iot"]


def _seconds(value, what: str) -> float:
    from atctl.timers.duration import parse_duration

    try:
        return parse_duration(value, what=what)
    except Exception as exc:  # InputError -> pydantic error with the same sentence
        raise ValueError(getattr(exc, "one_line", lambda: str(exc))()) from None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PsmConfig(_Strict):
    tau: float
    active: float

    @field_validator("tau", "active", mode="before")
    @classmethod
    def _duration(cls, v, info):
        return _seconds(v, info.field_name)


class EdrxConfig(_Strict):
    cycle: float
    ptw: float | None = None

    @field_validator("cycle", "ptw", mode="before")
    @classmethod
    def _duration(cls, v, info):
        return None if v is None else _seconds(v, info.field_name)


class ApnConfig(_Strict):
    name: str
    pdp_type: Literal["IP", "IPV6", "IPV4V6", "Non-IP"] = "IP"
    cid: int = Field(default=1, ge=1, le=15)


class ExpectConfig(_Strict):
    registration: list[Literal["home", "roaming"]] = ["home", "roaming"]
    tolerance: float = 0.25
    timeout: float = 120.0  # seconds to wait for registration after apply

    @field_validator("tolerance", mode="before")
    @classmethod
    def _percent(cls, v):
        if isinstance(v, str) and v.strip().endswith("%"):
            return float(v.strip()[:-1]) / 100
        return v

    @field_validator("timeout", mode="before")
    @classmethod
    def _duration(cls, v):
        return _seconds(v, "timeout")


class DeviceConfig(_Strict):
    module: str | None = None
    countries: list[str] = Field(min_length=1)
    rat: list[Rat] = Field(min_length=1)
    bands: Literal["auto"] | dict[Rat, list[int]] = "auto"
    apn: ApnConfig | None = None
    psm: PsmConfig | Literal[False] | None = None
    edrx: dict[Literal["lte-m", "nb-iot"], EdrxConfig] | Literal[False] | None = None
    mno_profile: int | None = None   # u-blox AT+UMNOPROF (set first, then RAT and bands)
    expect: ExpectConfig = ExpectConfig()

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
