"""Schema of a profile's optional `power:` section: current figures for battery estimates.

Its own module so `atctl power estimate` can validate just this section of one profile
without building the whole profile schema (start-up time; docs/POWER.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PowerFigure(_Strict):
    """One current figure as printed in the vendor document, with where it comes from."""

    value: float = Field(gt=0)
    unit: Literal["uA", "mA"]
    conditions: str = Field(min_length=3)
    source: str = Field(min_length=3)
    as_of: dt.date
    verified: bool
    note: str | None = None


class RatFigure(PowerFigure):
    rat: Literal["lte-m", "nb-iot"]


class IdleFigure(RatFigure):
    """Average idle current at a paging setting (DRX cycle, or eDRX cycle with its PTW)."""

    drx_s: float = Field(gt=0)
    edrx_s: float | None = Field(default=None, gt=0)
    ptw_s: float | None = Field(default=None, gt=0)


class ConnectedFigure(RatFigure):
    """Average RRC-connected (Tx/Rx) current at a stated TX power."""

    tx_dbm: float = Field(ge=-60, le=33)


class FamilyDefault(_Strict):
    """No published figure for this module: use a sibling module's, under a stated name."""

    name: str = Field(min_length=3)
    figures_from: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")  # id of a profile with figures
    reason: str = Field(min_length=3)


class PowerSection(_Strict):
    """Current figures for battery estimates (docs/POWER.md); optional in a profile."""

    supply_v: float | None = Field(default=None, gt=0, le=6)
    supply_basis: str | None = None
    sleep_enable: str | None = None      # what the host must do for the idle figures to hold
    psm_floor: PowerFigure | None = None
    idle: list[IdleFigure] = []
    idle_awake: PowerFigure | None = None  # idle with sleep not enabled
    connected: list[ConnectedFigure] = []
    rx: list[RatFigure] = []
    family_default: FamilyDefault | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _figures_or_default(self):
        if self.family_default is None:
            missing = [n for n, v in (("supply_v", self.supply_v), ("supply_basis", self.supply_basis),
                                      ("psm_floor", self.psm_floor), ("idle", self.idle),
                                      ("connected", self.connected)) if not v]
            if missing:
                raise ValueError(f"power: give {', '.join(missing)}, or a family_default")
        return self
