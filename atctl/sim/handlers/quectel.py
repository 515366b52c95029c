"""Quectel commands of the simulated modules (profile `vendor: quectel`): AT+QCFG, AT+QBAND,
AT+QNWINFO, AT+QENG, AT+QCSQ, AT+QPSMS, AT+QPTWEDRXS, AT+QCCID, AT+QPOWD, the boot banner and
the LPWA scan order.

Which of them a module has follows from its profile's facts (`commands`):
- NB-IoT only (BC66, BC660K-GL): bands with AT+QBAND, the cell with AT+QENG=0; no AT+QNWINFO,
  no AT+QCSQ, no band / scan settings in AT+QCFG (BC660K-GL AT manual V1.4 4.8, 7.5).
- LTE-M / NB-IoT (BG9x, BG77, BG600L): the "lpwa" AT+QCFG="band" layout, "iotopmode" and the
  scan sequence; AT+QCSQ; AT+QPSMS (BG95/BG96 AT manual).
- LTE Cat 1+ (EC2x, EG2x, EG91): the "lte" AT+QCFG="band" layout (EC2x/EG2x AT manual).
- AT+QPTWEDRXS where the profile says the PTW is set with it (quirk `ptw_command: qptwedrxs`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from atctl.bands import masks
from atctl.bands.earfcn import first_dl_earfcn
from atctl.codecs.quectel.qband import format_qband, format_qband_test
from atctl.codecs.quectel.qcfg import IOTOPMODE, NWSCANSEQ, format_qcfg, format_qcfg_band
from atctl.codecs.quectel.qcsq import format_qcsq, qcsq_sinr
from atctl.codecs.quectel.qeng import format_qeng, format_qeng0
from atctl.codecs.quectel.qnwinfo import format_qnwinfo
from atctl.codecs.quectel.qpsms import format_qpsms
from atctl.codecs.quectel.qptwedrxs import format_qptwedrxs
from atctl.codecs.standard.cfun import format_cfun
from atctl.codecs.standard.cpin import format_cpin
from atctl.sim.handlers import standard
from atctl.codecs.hints import quirk
from atctl.sim.reply import CmeError, Reply, set_numbers
from atctl.timers import psm as psm_codec

if TYPE_CHECKING:
    from atctl.sim.modem import SimModem

LPWA_RATS = {"lte-m", "nb-iot"}
# TS 36.101 table 5.7.3-1: N_Offs-DL per band, to report a plausible EARFCN (+50)

def band_layout(profile) -> str:
    """How this module sets bands: "qband" (NB-IoT only), "lpwa" or "lte" (the AT+QCFG="band" masks)."""
    rats = set(profile.rats)
    if rats == {"nb-iot"}:
        return "qband"
    return "lpwa" if rats & LPWA_RATS else "lte"


def commands(profile) -> dict:
    """The Quectel commands a module with this profile answers (see the module docstring)."""
    layout = band_layout(profile)
    table = {"QCFG": qcfg, "QENG": qeng, "QCCID": qccid, "QPOWD": qpowd}
    if layout == "qband":
        table["QBAND"] = qband
    else:
        table["QNWINFO"] = qnwinfo
    if layout == "lpwa":
        table["QCSQ"] = qcsq
    if set(profile.rats) & LPWA_RATS:
        table["QPSMS"] = qpsms
    if quirk(profile, "ptw_command") == "qptwedrxs":
        table["QPTWEDRXS"] = qptwedrxs
    return table


# ---- power -----------------------------------------------------------------------------------------
def boot_urcs(m: SimModem) -> list[str]:
    """What a Quectel module prints after power-on (BG95/BG96, EC2x hardware design: RDY ... APP RDY)."""
    return ["RDY", format_cfun(1), format_cpin("READY" if m.sim_card == "ready" else "NOT INSERTED"),
            "+QUSIM: 1", "+QIND: SMS DONE", "APP RDY"]


def qpowd(m, kind, args, now):
    m.urc(now, "POWERED DOWN")
    return Reply(reboot=True)


def scan_order(m: SimModem, order: list[str]) -> list[str]:
    """LPWA modules: the RATs AT+QCFG="nwscanseq" / "nwscanmode" / "iotopmode" let the module try, in order."""
    if band_layout(m.profile) != "lpwa":
        return order
    nvm = m.nvm
    seq = [NWSCANSEQ["lpwa"].get(nvm.nwscanseq[i:i + 2]) for i in range(0, len(nvm.nwscanseq), 2)]
    seq = [r for r in seq if r] + [r for r in order if r not in seq]
    allowed = set(IOTOPMODE.get(nvm.iotopmode, ()))
    if nvm.nwscanmode == 1:
        allowed = {"gsm"}
    elif nvm.nwscanmode != 3:
        allowed = allowed | {"gsm"}
    return [r for r in seq if r in allowed and r in m.profile.rats]


# ---- identity -------------------------------------------------------------------------------------
def qccid(m, kind, args, now):
    if m.sim_card == "absent":
        raise CmeError(10)
    return Reply([f"+QCCID: {m.iccid}"])


# ---- serving cell and signal ------------------------------------------------------------------------
def _earfcn(m) -> int:
    return (first_dl_earfcn(m.v.band or 0) or 0) + 50  # 50 channels into the band (36.101 Table 5.7.3-1)


def qcsq(m, kind, args, now):
    sc, rat = m.signal(), m.v.rat
    if sc is None:
        return Reply([format_qcsq(None)])
    if rat == "gsm":  # BG95/BG96 AT manual: +QCSQ: "GSM",<gsm_rssi>
        return Reply([format_qcsq(rat, rssi_dbm=sc.rssi_dbm)])
    return Reply([format_qcsq(rat, rssi_dbm=sc.rssi_dbm, rsrp_dbm=sc.rsrp_dbm, sinr=qcsq_sinr(sc.sinr_db),
                              rsrq_db=sc.rsrq_db)])


def qnwinfo(m, kind, args, now):
    v = m.v
    if v.stat not in (1, 5):
        return Reply([format_qnwinfo(None)])
    band_text = f"GSM {v.band}" if v.rat == "gsm" else f"LTE BAND {v.band}"
    return Reply([format_qnwinfo(v.rat, m.scenario.mcc_mnc, band_text, _earfcn(m))])


def _qeng_servingcell(m) -> str:
    v, sc = m.v, m.scenario
    mcc, mnc = sc.mcc_mnc[:3], sc.mcc_mnc[3:]
    if v.rat == "gsm":
        return format_qeng("NOCONN", "gsm", mcc=mcc, mnc=mnc, lac=m.tac, cell_id=m.ci[-4:], bsic=20, arfcn=1,
                           band=62, rxlev=sc.rssi_dbm)
    return format_qeng("NOCONN", v.rat, duplex="FDD", mcc=mcc, mnc=mnc, cell_id=m.ci, pcid=123, earfcn=_earfcn(m),
                       band=v.band, ul_bandwidth=3, dl_bandwidth=3, tac=m.tac, rsrp_dbm=sc.rsrp_dbm,
                       rsrq_db=sc.rsrq_db, rssi_dbm=sc.rssi_dbm, sinr_db=sc.sinr_db, srxlev=38)


def _qeng0(m) -> str:
    # BC660K-GL AT manual V1.4 4.8, AT+QENG=0 (searching: EARFCN 0, cell "00000000", RSRP -157)
    v, sc = m.v, m.scenario
    if v.stat not in (1, 5):
        return format_qeng0(earfcn=0, earfcn_offset=0, pcid=0, cell_id="00000000", rsrp_dbm=-157, band=0,
                            tac="0000", operation_mode=0)
    return format_qeng0(earfcn=_earfcn(m), earfcn_offset=0, pcid=123, cell_id=m.ci, rsrp_dbm=sc.rsrp_dbm,
                        rsrq_db=sc.rsrq_db, rssi_dbm=sc.rssi_dbm, sinr_db=sc.sinr_db, band=v.band, tac=m.tac,
                        ecl=0, tx_power=14, operation_mode=2)


def qeng(m, kind, args, now):
    if band_layout(m.profile) == "qband":  # NB-IoT modules: AT+QENG=0
        if kind != "set" or not args or args[0] != "0":
            raise CmeError(50)
        return Reply([_qeng0(m)])
    if kind != "set" or not args or args[0].lower() != "servingcell":
        raise CmeError(50)
    if m.v.stat not in (1, 5):
        return Reply([format_qeng("SEARCH")])
    return Reply([_qeng_servingcell(m)])


# ---- PSM, eDRX ------------------------------------------------------------------------------------
def qpsms(m, kind, args, now):
    if kind == "read":
        nvm = m.nvm
        tau_s = psm_codec.decode_t3412_ext(nvm.psm_tau_bits).seconds if nvm.psm_tau_bits else None
        active_s = psm_codec.decode_t3324(nvm.psm_active_bits).seconds if nvm.psm_active_bits else None
        return Reply([format_qpsms(nvm.psm_mode, tau_s, active_s)])
    if kind == "set":
        return standard.set_psm(m, args, now)
    return Reply()


def qptwedrxs(m, kind, args, now):
    if kind == "read":
        return Reply([format_qptwedrxs(act, ptw, value) for act, (mode, value, ptw)
                      in sorted(m.nvm.edrx.items()) if mode in (1, 2) and value])
    if kind != "set":
        return Reply()
    return standard.set_edrx(m, args, now, ptw_first=True, allow_ptw=True)


# ---- configuration: AT+QCFG, AT+QBAND ---------------------------------------------------------------
def qcfg(m, kind, args, now):
    if kind == "test":
        return Reply(['+QCFG: "band",(0-f),(0-400a0e189f),(0-400a0e189f),(0,1)'])
    if kind != "set" or not args:
        raise CmeError(50)
    layout = band_layout(m.profile)
    key, values = args[0].lower(), args[1:]
    if key in ("band", "nwscanmode", "nwscanseq") and layout == "qband":
        raise CmeError(50)  # BC66/BC660K set bands with AT+QBAND and have one RAT
    if key == "band":
        return _qcfg_band(m, layout, values, now)
    if key == "iotopmode" and layout == "lpwa":
        return _qcfg_int(m, "iotopmode", values, (0, 1, 2), now)
    if key == "nwscanmode":
        return _qcfg_int(m, "nwscanmode", values, (0, 1, 2, 3), now)
    if key == "nwscanseq":
        if not values:
            return Reply([format_qcfg("nwscanseq", m.nvm.nwscanseq)])
        if not re.fullmatch(r"(0[0-3])+", values[0]):
            raise CmeError(50)
        m.nvm.nwscanseq = values[0]
        return Reply()
    if not values:
        return Reply([format_qcfg(key, m.nvm.qcfg_other.get(key, 0))])
    m.nvm.qcfg_other[key] = ",".join(values)
    return Reply()


def _qcfg_int(m, key: str, values: list[str], allowed: tuple[int, ...], now: float) -> Reply:
    if not values:
        return Reply([format_qcfg(key, getattr(m.nvm, key))])
    if not values[0].isdigit() or int(values[0]) not in allowed:
        raise CmeError(50)
    setattr(m.nvm, key, int(values[0]))
    if len(values) < 2 or values[1] == "1":
        m.reattach(now)
    return Reply()


def _qcfg_band(m, layout: str, values: list[str], now: float) -> Reply:
    if not values:
        return Reply([format_qcfg_band(layout, m.nvm.bands)])
    if len(values) < 3:
        raise CmeError(50)
    try:
        decoded = masks.decode_qcfg_band(values[:3], layout)
    except Exception:  # noqa: BLE001 - bad hex answers like the module: error
        raise CmeError(50) from None
    supported = {rat: set(fact.bands) for rat, fact in m.profile.bands.items()}
    keys = {"gsm": "gsm", "lte_m": "lte-m", "nb_iot": "nb-iot", "umts": "umts", "lte": "lte"}
    new = dict(m.nvm.bands)
    for key, bands in decoded.items():
        rat = keys.get(key)
        if rat is None or not bands:
            continue  # 0 = no change
        if not set(bands) <= supported.get(rat, set()):
            return Reply(final="ERROR")
        new[rat] = set(bands)
    m.nvm.bands = new
    if len(values) < 4 or values[3] == "1":
        m.reattach(now)
    return Reply()


def qband(m, kind, args, now):
    # BC660K-GL AT manual V1.4 section 7.5: AT+QBAND=<band_number>[,<band>...], 0 = all bands;
    # read +QBAND: <band>[,<band>...]; takes effect at once (detach and re-attach), saved in NVRAM
    answer = standard.nb_iot_band_query(m, kind, format_qband, format_qband_test)
    if answer is not None:
        return answer
    supported = m.profile.bands_for("nb-iot")
    count, *bands = set_numbers(kind, args)
    if count == 0 and not bands:
        new = set(supported)
    elif count != len(bands) or not bands or not set(bands) <= set(supported):
        raise CmeError(50)
    else:
        new = set(bands)
    m.nvm.bands["nb-iot"] = new
    m.reattach(now)
    return Reply()
