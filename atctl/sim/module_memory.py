"""What a simulated module remembers: settings kept across reboots (NVM) and session state lost at a reboot."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Nvm:
    """Settings a real module keeps across reboots."""

    bands: dict[str, set[int]] = field(default_factory=dict)   # rat -> enabled bands
    rat_order: list[str] = field(default_factory=list)          # priority order of enabled RATs
    iotopmode: int = 2                                          # Quectel LPWA: 0 eMTC, 1 NB, 2 both
    nwscanseq: str = "020301"                                   # Quectel AT+QCFG="nwscanseq"
    nwscanmode: int = 0                                         # Quectel AT+QCFG="nwscanmode"
    qcfg_other: dict[str, str] = field(default_factory=dict)    # any other AT+QCFG key, kept as sent
    umnoprof: int = 1                                           # u-blox AT+UMNOPROF
    psm_mode: int = 0
    psm_tau_bits: str | None = None
    psm_active_bits: str | None = None
    edrx: dict[int, tuple[int, str | None, str | None]] = field(default_factory=dict)  # act -> (mode, edrx, ptw)
    contexts: dict[int, tuple[str, str]] = field(default_factory=lambda: {1: ("IP", "")})
    nconfig: dict[str, str] = field(default_factory=dict)      # SARA-N2 AT+NCONFIG switches set (name -> TRUE/FALSE)


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


def nvm_to_json(nvm: Nvm) -> dict:
    return {
        "bands": {rat: sorted(b) for rat, b in nvm.bands.items()}, "rat_order": nvm.rat_order,
        "iotopmode": nvm.iotopmode, "nwscanseq": nvm.nwscanseq, "nwscanmode": nvm.nwscanmode,
        "qcfg_other": nvm.qcfg_other, "umnoprof": nvm.umnoprof, "psm_mode": nvm.psm_mode,
        "psm_tau_bits": nvm.psm_tau_bits, "psm_active_bits": nvm.psm_active_bits,
        "edrx": {str(act): list(v) for act, v in nvm.edrx.items()},
        "contexts": {str(cid): list(v) for cid, v in nvm.contexts.items()},
        "nconfig": dict(nvm.nconfig),
    }


def nvm_from_json(doc: dict) -> Nvm:
    return Nvm(
        bands={rat: set(b) for rat, b in doc["bands"].items()}, rat_order=list(doc["rat_order"]),
        iotopmode=doc["iotopmode"], nwscanseq=doc["nwscanseq"], nwscanmode=doc["nwscanmode"],
        qcfg_other=dict(doc["qcfg_other"]), umnoprof=doc["umnoprof"], psm_mode=doc["psm_mode"],
        psm_tau_bits=doc["psm_tau_bits"], psm_active_bits=doc["psm_active_bits"],
        edrx={int(act): tuple(v) for act, v in doc["edrx"].items()},
        contexts={int(cid): tuple(v) for cid, v in doc["contexts"].items()},
        nconfig=dict(doc.get("nconfig") or {}),  # files written before SARA-N2 have none
    )
