"""Typed schema of a module profile (modem_profiles/<id>.yaml).

Every band list is a sourced fact: `source`, `as_of`, `verified` (DESIGN.md).
RAT keys: gsm (MHz), umts, lte, lte-m, nb-iot (3GPP band numbers).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator, model_validator

from atctl.profiles.power_model import PowerSection

Rat = Literal["gsm", "umts", "lte", "lte-m", "nb-iot"]
RATS: tuple[str, ...] = ("gsm", "umts", "lte", "lte-m", "nb-iot")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BandFact(_Strict):
    """The bands a module supports on one RAT, with where that fact comes from."""

    bands: list[int]
    source: str = Field(min_length=3)
    as_of: dt.date
    verified: bool
    note: str | None = None

    @field_validator("bands")
    @classmethod
    def _sorted_unique(cls, v: list[int]) -> list[int]:
        if len(set(v)) != len(v):
            raise ValueError("duplicate band numbers")
        return sorted(v)


class UsbId(_Strict):
    vid: int
    pid: int
    at_interface: int | None = None  # USB interface number of the AT port
    note: str | None = None


class IdentityMatch(_Strict):
    manufacturer: str            # AT+CGMI answer
    model: str                   # AT+CGMM answer
    revision: str                # AT+CGMR answer of a known firmware (used by the simulator)
    ati: list[str] | None = None  # ATI answer lines (simulator); default: manufacturer, model, "Revision: ..."
    match: list[str]             # regexes tried against ATI / AT+CGMM text (first match wins)
    usb: list[UsbId] = []


class Quirks(_Strict):
    """Named behaviours of one module that its dialect, the engine or the simulator need
    (modem_profiles/README.md "quirks vocabulary"). An unknown name is an error, with file:line."""

    act_emtc: Literal[7, 8] | None = Field(
        default=None, description="AcT number the module reports for LTE-M in +COPS/+CEREG (Quectel BG9x: 8)")
    act_nbiot: Literal[9] | None = Field(default=None, description="AcT number the module reports for NB-IoT")
    cereg4_extra_param: bool = Field(
        default=False, description="+CEREG read with n=4 carries an extra parameter after <tac> (SARA-R410M-02B)")
    psm_requires_deregister: bool = Field(
        default=False, description="+CPSMS takes effect only after deregistering (AT+CFUN=0) and a reboot")
    ptw_command: Literal["qptwedrxs", "cedrxs4", "none"] = Field(
        default="none", description="how the paging time window is set: AT+QPTWEDRXS, 4th +CEDRXS parameter, not at all")
    psm_granted_read: Literal["qpsms", "ucpsms", "cereg"] | None = Field(
        default=None, description="where the network-granted PSM timers are read besides +CEREG n=4")
    serving_cell_read: Literal["qnwinfo", "qeng0"] | None = Field(
        default=None, description="how band and channel in use are read (Quectel default AT+QNWINFO)")
    signal_read: Literal["qcsq", "cesq"] | None = Field(
        default=None, description="preferred signal read before AT+CESQ / AT+CSQ")
    unknown_command: Literal["ERROR", "CME4"] = Field(
        default="ERROR", description="what the module answers to a command it does not know")
    boot_banner: str | None = Field(
        default=None, min_length=1,
        description="the line the module prints once it has booted (Quectel: RDY); apply waits for it after a reboot")


class ModemProfile(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    vendor: Literal["quectel", "ublox"] | str
    model: str
    description: str = ""
    dialect: str                 # name of a dialect in atctl/dialects (e.g. quectel-lpwa, quectel-lte, ublox-r4, ublox-r5)
    identity: IdentityMatch
    rats: list[Rat]              # supported RATs, module's default priority order
    bands: dict[Rat, BandFact]   # per RAT; gsm in MHz
    ubandmask_rats: dict[Rat, int] | None = None  # u-blox <rat> numbers in AT+UBANDMASK for this module
    timeouts: dict[str, float] = {}  # command prefix -> seconds (longest prefix wins); dialect defaults fill the rest
    quirks: Quirks = Quirks()    # named behaviours the engine/dialects/simulator need (modem_profiles/README.md)
    sources: list[str] = []      # documents this profile was built from
    power: PowerSection | None = None  # current figures for `atctl power estimate`

    @model_validator(mode="after")
    def _real_bands(self):
        from atctl.bands.relations import is_real_band

        for rat, fact in self.bands.items():
            bad = [b for b in fact.bands if not is_real_band(rat, b)]
            if bad:
                unit = "MHz values (850, 900, 1800, 1900)" if rat == "gsm" else "3GPP band numbers"
                raise ValueError(f"bands.{rat}: {bad} are not {unit}")
            if rat not in self.rats:
                raise ValueError(f"bands given for {rat}, which is not in rats")
        return self

    @field_serializer("quirks")
    def _quirks_as_written(self, quirks: Quirks) -> dict:
        return quirks.model_dump(mode="json", exclude_unset=True)  # the profile's own quirks, not every default

    def bands_for(self, rat: str) -> list[int]:
        fact = self.bands.get(rat)  # type: ignore[call-overload]
        return list(fact.bands) if fact else []
