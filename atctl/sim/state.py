"""The simulated module's state: what survives a reboot (NVM) and what does not."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Nvm:
    """Settings a real module keeps across reboots."""

    bands: dict[str, set[int]] = field(default_factory=dict)   # rat -> enabled bands
    rat_order: list[str] = field(default_factory=list)          # priority order of enabled RATs
    iotopmode: int = 2                                          # Quectel LPWA: 0 eMTC, 1 NB, 2 both
    nwscanseq: str = "020301"
    nwscanmode: int = 0
    qcfg_other: dict[str, str] = field(default_factory=dict)
    umnoprof: int = 1
    psm_mode: int = 0
    psm_tau_bits: str | None = None
    psm_active_bits: str | None = None
    edrx: dict[int, tuple[int, str | None, str | None]] = field(default_factory=dict)  # act -> (mode, edrx, ptw)
    contexts: dict[int, tuple[str, str]] = field(default_factory=lambda: {1: ("IP", "")})


@dataclass
class Volatile:
    """Session state, reset by a reboot."""

    cfun: int = 1
    echo: bool = True
    verbose: bool = True       # ATV1
    cmee: int = 1
    reg_n: dict[str, int] = field(default_factory=lambda: {"CREG": 0, "CGREG": 0, "CEREG": 0})
    cops_mode: int = 0
    cops_format: int = 0
    stat: int = 0              # 27.007 registration status
    rat: str | None = None     # RAT in use when registered
    band: int | None = None
    reject_cause: int | None = None
    granted_tau_bits: str | None = None
    granted_active_bits: str | None = None
    granted_edrx: str | None = None
    granted_ptw: str | None = None
    pin_entered: bool = False
    psm_pending: bool = False  # SARA-R4: +CPSMS stored, applied after deregister + reboot
    registered_at: float | None = None
    deregistered: bool = False  # AT+COPS=2 or CFUN=0 seen since boot
