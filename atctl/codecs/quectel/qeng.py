"""Quectel +QENG "servingcell" / "neighbourcell" and the NB-IoT AT+QENG=0 form
(BG95/BG96, EC2x/EG25, RG50xQ/RM5xxQ, BC660K-GL AT manuals)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from atctl.codecs.fields import (MAX_DIGITS, clip, extra_fields, is_empty, opt_hex, opt_str, plain, quoted, reply_line,
                                 report, split_fields, unquote)
from atctl.codecs.model import Model
from atctl.codecs.quectel.act_names import QENG_ACT, act_rat
from atctl.errors import InputError
from atctl.network_values import SIGNAL_KEYS, CellInUse


# Field order after "servingcell",<state>,<rat> (Quectel BG95/BG96, EC2x/EG25 AT manuals).
# The LTE family ("LTE", "eMTC"/"CAT-M", "NBIoT"/"CAT-NB") shares one layout; EC2x/EG2x
# firmware may add <CQI>,<tx_power> before <srxlev> (20 fields instead of 18).
QENG_LTE = ("duplex", "mcc", "mnc", "cell_id", "pcid", "earfcn", "band", "ul_bandwidth", "dl_bandwidth",
            "tac", "rsrp_dbm", "rsrq_db", "rssi_dbm", "sinr_db", "srxlev")


QENG_LTE_EXT = QENG_LTE[:-1] + ("cqi", "tx_power", "srxlev")


QENG_GSM = ("mcc", "mnc", "lac", "cell_id", "bsic", "arfcn", "band", "rxlev", "txp", "rla", "drx", "c1", "c2",
            "gprs", "tch", "ts", "ta", "maio", "hsn", "rxlevsub", "rxlevfull", "rxqualsub", "rxqualfull",
            "voicecodec")


QENG_WCDMA = ("mcc", "mnc", "lac", "cell_id", "uarfcn", "psc", "rac", "rscp_dbm", "ecio_db", "phych", "sf",
              "slot", "speech_code", "com_mod")


QENG_STATES = ("SEARCH", "LIMSRV", "NOCONN", "CONNECT")


# Quectel 5G modules (RG50xQ/RM5xxQ/RM520N AT manuals, AT+QENG="servingcell"): in EN-DC the reply
# is several lines: +QENG: "servingcell",<state> then +QENG: "LTE",<LTE fields as QENG_LTE_EXT>
# and +QENG: "NR5G-NSA",<the fields below>; SA is one line: "servingcell",<state>,"NR5G-SA",...
QENG_NR_NSA = ("mcc", "mnc", "pcid", "rsrp_dbm", "sinr_db", "rsrq_db", "arfcn", "band", "dl_bandwidth", "scs")


QENG_NR_SA = ("duplex", "mcc", "mnc", "cell_id", "pcid", "tac", "arfcn", "band", "dl_bandwidth", "rsrp_dbm",
              "rsrq_db", "sinr_db", "scs", "srxlev")


QENG_SUBLINES = {"LTE": ("lte", QENG_LTE_EXT), "NR5G-NSA": ("nr", QENG_NR_NSA)}


# LTE <ul/dl_bandwidth> codes -> MHz
LTE_BANDWIDTH_MHZ = {0: 1.4, 1: 3, 2: 5, 3: 10, 4: 15, 5: 20}


_HEX_FIELDS = {"cell_id", "tac", "lac", "rac"}


_SIGNED_INT = re.compile(r"^[+-]?[0-9]+$")


_TEXT_FIELDS = {"duplex", "voicecodec", "tch", "mcc", "mnc"}


@dataclass(frozen=True, slots=True)
class ServingCell(Model):
    state: str
    act: str | None
    rat: str | None
    plmn: str | None
    cell: dict[str, Any]

    def cell_in_use(self) -> CellInUse | None:
        """Band, channel and signal of the serving cell, when the module is on one: AT+QENG=0 CAMPED,
        or "servingcell" LIMSRV / NOCONN / CONNECT (camped; idle or connected). SEARCH and neighbour
        lines name no serving cell."""
        if self.state not in ("CAMPED", "LIMSRV", "NOCONN", "CONNECT"):
            return None
        c = self.cell
        band = c.get("band") if isinstance(c.get("band"), int) else None
        channel = next((c[k] for k in ("earfcn", "uarfcn", "arfcn") if isinstance(c.get(k), int)), None)
        signal = {k: c[k] for k in SIGNAL_KEYS if c.get(k) is not None}
        return CellInUse(band, channel, self.rat, signal)


def _qeng_value(name: str, raw: str | None) -> Any:
    if raw is None or is_empty(raw):
        return None
    text = unquote(raw)
    if name in _HEX_FIELDS:
        return opt_hex([text], 0, "+QENG", name)
    if name in _TEXT_FIELDS:
        return text
    if len(text) <= MAX_DIGITS and _SIGNED_INT.match(text):
        return int(text)
    return clip(text)  # kept as sent: Quectel prints "-" or odd text where a value is unknown


# Quectel NB-IoT modules (BC660K-GL AT manual V1.4 4.8; BC66/BC20 share it), AT+QENG=0:
# +QENG: 0,<sc_EARFCN>,<sc_EARFCN_offset>,<sc_pci>,<sc_cellID>,[<sc_RSRP>],[<sc_RSRQ>],[<sc_RSSI>],
#        [<sc_SINR>],<sc_band>,<sc_TAC>,[<sc_ECL>],[<sc_Tx_pwr>],<operation_mode>
# Neighbour cells follow as "+QENG: 1,..." lines. While searching the module prints EARFCN 0.
QENG_NB = ("earfcn", "earfcn_offset", "pcid", "cell_id", "rsrp_dbm", "rsrq_db", "rssi_dbm", "sinr_db", "band",
           "tac", "ecl", "tx_power", "operation_mode")


def _parse_qeng_nb(mode: int, values: list[str]) -> ServingCell:
    if mode == 1:
        # neighbour layouts differ between BC660K-GL (EARFCN, PCI, RSRP, RSRQ) and BC66/BC20
        # (with an EARFCN offset): kept as raw values rather than guessed names
        return ServingCell(state="NEIGHBOUR", act="NBIoT", rat="nb-iot", plmn=None,
                           cell={"values": [_qeng_value("value", v) for v in values]})
    cell = _cell(QENG_NB, values)
    camped = isinstance(cell.get("earfcn"), int) and cell["earfcn"] != 0
    if not camped:
        cell = {k: None for k in cell}
    return ServingCell(state="CAMPED" if camped else "SEARCH", act="NBIoT", rat="nb-iot", plmn=None, cell=cell)


def _cell(names: tuple[str, ...], values: list[str]) -> dict[str, Any]:
    """Named values by position; values past the layout are unparsed."""
    extra_fields(values, len(names), "+QENG")
    return {name: _qeng_value(name, values[i] if i < len(values) else None) for i, name in enumerate(names)}


def _plmn(cell: dict[str, Any]) -> str | None:
    mcc, mnc = cell.get("mcc"), cell.get("mnc")
    return f"{mcc}{mnc}" if isinstance(mcc, str) and isinstance(mnc, str) and mcc.isdigit() and mnc.isdigit() else None


def _parse_qeng_subline(act: str, values: list[str]) -> ServingCell:
    """One RAT line of a multi-line 5G reply: `+QENG: "LTE",...` or `+QENG: "NR5G-NSA",...`."""
    rat, names = QENG_SUBLINES[act.upper()]
    cell = _cell(names, values)
    if all(v is None for v in cell.values()):
        return ServingCell(state="INACTIVE", act=act, rat=rat, plmn=None, cell={})  # `+QENG: "NR5G-NSA",`
    for key in ("ul_bandwidth", "dl_bandwidth"):
        if rat == "lte" and isinstance(cell.get(key), int):
            cell[f"{key}_mhz"] = LTE_BANDWIDTH_MHZ.get(cell[key])
    return ServingCell(state="SUBLINE", act=act, rat=rat, plmn=_plmn(cell), cell=cell)


def parse_qeng(body: str) -> ServingCell:
    values = split_fields(body)
    kind = opt_str(values, 0)
    if kind in ("0", "1"):
        return _parse_qeng_nb(int(kind), values[1:])
    if kind is not None and kind.upper() in QENG_SUBLINES:
        return _parse_qeng_subline(kind, values[1:])
    if kind is not None and kind.lower().startswith("neighbourcell"):
        # AT+QENG="neighbourcell": layouts differ per RAT and firmware; values kept as sent
        act = opt_str(values, 1)
        return ServingCell(state="NEIGHBOUR", act=act, rat=act_rat(act), plmn=None,
                           cell={"kind": kind, "values": [_qeng_value("value", v) for v in values[2:]]})
    if kind is None or kind.lower() != "servingcell":
        raise InputError(f"+QENG {kind!r} is not supported; only \"servingcell\" is decoded",
                         hint='send AT+QENG="servingcell"')
    state = (opt_str(values, 1) or "").upper()
    if state not in QENG_STATES:
        raise InputError(f"+QENG servingcell state {state!r} is not SEARCH, LIMSRV, NOCONN or CONNECT")
    act = opt_str(values, 2)
    if act is None:
        return ServingCell(state=state, act=None, rat=None, plmn=None, cell={})
    rat = act_rat(act)
    rest = values[3:]
    if act.upper() == "NR5G-SA":
        cell = _cell(QENG_NR_SA, rest)
        return ServingCell(state=state, act=act, rat="nr", plmn=_plmn(cell), cell=cell)
    if rat in ("lte", "lte-m", "nb-iot"):
        names = QENG_LTE_EXT if len(rest) >= len(QENG_LTE_EXT) else QENG_LTE
    elif rat == "gsm":
        names = QENG_GSM
    elif rat == "umts":
        names = QENG_WCDMA
    else:
        report("act", act, f"+QENG servingcell RAT {clip(act, 40)!r} is not decoded (LTE, eMTC, NBIoT, GSM, "
               "WCDMA, NR5G-SA are)")
        return ServingCell(state=state, act=act, rat=None, plmn=None, cell={})
    cell = _cell(names, rest)
    for key in ("ul_bandwidth", "dl_bandwidth"):
        if isinstance(cell.get(key), int):
            cell[f"{key}_mhz"] = LTE_BANDWIDTH_MHZ.get(cell[key])
    if rat == "gsm" and isinstance(cell.get("rxlev"), int):
        # Quectel prints <rxlev> either as 0-63 (dBm = rxlev - 111) or already in dBm (negative)
        cell["rxlev_dbm"] = cell["rxlev"] if cell["rxlev"] < 0 else cell["rxlev"] - 111
    return ServingCell(state=state, act=act, rat=rat, plmn=_plmn(cell), cell=cell)


# ---------------------------------------------------------------- replies (the simulator's side)

_QENG_QUOTED = {"duplex", "voicecodec"}          # "servingcell" fields printed as strings
_QENG_NB_QUOTED = {"cell_id", "tac"}             # AT+QENG=0: cell ID and TAC in quotes (BC660K-GL V1.4 4.8)


def _qeng_fields(names: tuple[str, ...], quoted_names: set[str], cell: dict[str, Any], what: str) -> list[str]:
    unknown = set(cell) - set(names)
    if unknown:
        raise InputError(f"{what} has no field {', '.join(sorted(unknown))}", hint=f"fields: {', '.join(names)}")
    return [(quoted if name in quoted_names else plain)(cell.get(name)) for name in names]


def format_qeng(state: str, rat: str | None = None, **cell: Any) -> str:
    """The AT+QENG="servingcell" reply: `"servingcell","<state>"` alone while searching (no RAT),
    else `,"<RAT>"` (act_names.QENG_ACT) and the cell fields by name in the layout of that RAT:
    QENG_LTE (QENG_LTE_EXT when cqi / tx_power are given), QENG_GSM, QENG_WCDMA. Values print as
    given (cell ID and TAC as the hex text the module shows); trailing empty fields are dropped."""
    state = state.upper()
    if state not in QENG_STATES:
        raise InputError(f"+QENG servingcell state {state!r} is not SEARCH, LIMSRV, NOCONN or CONNECT")
    head = [quoted("servingcell"), quoted(state)]
    if rat is None:
        if cell:
            raise InputError("+QENG servingcell without a RAT has no cell fields", hint="give rat=")
        return reply_line("QENG", head)
    act = QENG_ACT.get(rat)
    if act is None:
        raise InputError(f"+QENG servingcell has no RAT name for {rat!r}", hint=f"use one of {', '.join(QENG_ACT)}")
    if rat in ("lte", "lte-m", "nb-iot"):
        names = QENG_LTE_EXT if {"cqi", "tx_power"} & set(cell) else QENG_LTE
    else:
        names = QENG_GSM if rat == "gsm" else QENG_WCDMA
    return reply_line("QENG", head + [quoted(act)] + _qeng_fields(names, _QENG_QUOTED, cell, f"+QENG {act}"))


def format_qeng0(**cell: Any) -> str:
    """The serving-cell line of AT+QENG=0 on Quectel NB-IoT modules (BC660K-GL AT manual V1.4 4.8):
    `0,<EARFCN>,<EARFCN offset>,<PCI>,"<cell ID>",...` in the QENG_NB order, by name."""
    return reply_line("QENG", ["0"] + _qeng_fields(QENG_NB, _QENG_NB_QUOTED, cell, "+QENG: 0"))
