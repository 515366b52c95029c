"""Quectel +QCFG: "band", "iotopmode", "nwscanseq", "nwscanmode" and the other switches
(BG95/BG96/BG77 AT manual AT+QCFG; EC2x/EG2x AT manual for the "lte" layout).

Band masks are decoded by atctl.bands.masks (one codec for every caller).
The +QCFG "band" layout (lpwa: GSM, LTE-M, NB-IoT masks; lte: GSM+WCDMA, LTE, TDS masks)
is the caller's (the dialect knows it); without one, a first mask with bits above 0xF
(WCDMA bits) means the EC2x/EG2x "lte" layout, otherwise the BG9x "lpwa" layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from atctl.codecs.fields import req_int, soft, split_fields, unquote
from atctl.codecs.model import Model
from atctl.errors import InputError


# BG95/BG96 AT manual: AT+QCFG="iotopmode"
IOTOPMODE = {0: ["lte-m"], 1: ["nb-iot"], 2: ["lte-m", "nb-iot"]}


# scan-sequence codes: BG95/BG96 manual (lpwa); EC2x/EG2x manual (lte layout, unverified beyond 04)
NWSCANSEQ = {
    "lpwa": {"00": "auto", "01": "gsm", "02": "lte-m", "03": "nb-iot"},
    "lte": {"00": "auto", "01": "gsm", "02": "tdscdma", "03": "umts", "04": "lte", "05": "cdma"},
}


NWSCANMODE = {
    "lpwa": {0: "auto", 1: "gsm", 3: "lte"},
    "lte": {0: "auto", 1: "gsm", 2: "umts", 3: "lte", 4: "tdscdma"},
}


# write side of the same tables: RAT -> code
NWSCANSEQ_CODE: dict[str, str] = {rat: code for code, rat in NWSCANSEQ["lpwa"].items() if code != "00"}
IOTOPMODE_CODE: dict[tuple[str, ...], int] = {tuple(rats): code for code, rats in IOTOPMODE.items()}
NWSCANMODE_ONLY: dict[str, dict[str, int]] = {
    layout: {rat: code for code, rat in table.items() if code} for layout, table in NWSCANMODE.items()}


@dataclass(frozen=True, slots=True)
class QcfgBand(Model):
    key: str
    layout: str
    gsm: list[int]
    lte_m: list[int]
    nb_iot: list[int]
    lte: list[int]
    umts: list[int]
    masks: list[str]


@dataclass(frozen=True, slots=True)
class QcfgSetting(Model):
    """Any other +QCFG key: a value decoded where known (`text`), raw values kept."""

    key: str
    value: Any
    text: Any
    values: list[str]


def qcfg_layout(layout: str | None, first_mask: int | None = None) -> str:
    """The caller's layout (the dialect's); without one, inferred from the first mask: bits
    above 0xF (WCDMA) -> "lte", otherwise "lpwa"."""
    if layout in ("lpwa", "lte"):
        return layout
    if first_mask is not None and first_mask > 0xF:
        return "lte"
    return "lpwa"


QCFG_MASK_NAMES = {"lpwa": ("gsm_mask", "lte_m_mask", "nb_iot_mask"), "lte": ("gsm_umts_mask", "lte_mask", "tds_mask")}


def _qcfg_band(key: str, values: list[str], layout: str | None) -> QcfgBand:
    from atctl.bands.masks import decode_qcfg_masks, parse_hex

    if len(values) < 3:
        raise InputError(f'+QCFG "band" needs 3 masks, got {len(values)}')
    masks = [unquote(v) for v in values]
    first = soft("gsm_mask", masks[0], lambda: parse_hex(masks[0]))
    layout = qcfg_layout(layout, first)
    names = QCFG_MASK_NAMES[layout]
    # a mask that cannot be read (negative, too wide, junk) is unparsed and reads as "no bands"
    read = [first] + [soft(names[i], masks[i], lambda i=i: parse_hex(masks[i])) for i in (1, 2)]
    decoded = decode_qcfg_masks(*(m or 0 for m in read), layout)
    return QcfgBand(key=key, layout=layout, gsm=decoded.get("gsm", []), lte_m=decoded.get("lte_m", []),
                    nb_iot=decoded.get("nb_iot", []), lte=decoded.get("lte", []), umts=decoded.get("umts", []),
                    masks=masks)


def _int_setting(table_by_layout: dict[str, dict[int, Any]] | dict[int, Any], layered: bool
                 ) -> Callable[[str, list[str], str | None], QcfgSetting]:
    def parse(key: str, values: list[str], layout: str | None) -> QcfgSetting:
        value = req_int(values, 0, f'+QCFG "{key}"', "value")
        table = table_by_layout[qcfg_layout(layout)] if layered else table_by_layout  # type: ignore[index]
        return QcfgSetting(key=key, value=value, text=table.get(value), values=[unquote(v) for v in values])
    return parse


def _nwscanseq(key: str, values: list[str], layout: str | None) -> QcfgSetting:
    raw = unquote(values[0]) if values and values[0] else ""
    if not raw.isdigit() or len(raw) % 2:
        raise InputError(f'+QCFG "nwscanseq" value {values[0] if values else ""!r} is not a list of 2-digit codes',
                         hint='it looks like "020301"')
    table = NWSCANSEQ[qcfg_layout(layout)]
    codes = [raw[i:i + 2] for i in range(0, len(raw), 2)]
    return QcfgSetting(key=key, value=raw, text=[table.get(c, f"code-{c}") for c in codes],
                       values=[unquote(v) for v in values])


def _switch(key: str, values: list[str], layout: str | None) -> QcfgSetting:
    value = req_int(values, 0, f'+QCFG "{key}"', "value")
    return QcfgSetting(key=key, value=value, text={0: "off", 1: "on"}.get(value), values=[unquote(v) for v in values])


def _generic(key: str, values: list[str], layout: str | None) -> QcfgSetting:
    raw = [unquote(v) for v in values]
    return QcfgSetting(key=key, value=raw[0] if len(raw) == 1 else raw, text=None, values=raw)


QCFG_KEYS: dict[str, Callable[[str, list[str], str | None], Model]] = {
    "band": _qcfg_band,
    "iotopmode": _int_setting(IOTOPMODE, False),
    "nwscanseq": _nwscanseq,
    "nwscanmode": _int_setting(NWSCANMODE, True),
    "psm/urc": _switch,
    "psm/enter": _switch,
}


def parse_qcfg(body: str, layout: str | None = None) -> Model:
    """One +QCFG reply; `layout` is the +QCFG "band" layout ("lpwa"/"lte") when the caller knows it."""
    values = split_fields(body)
    key = unquote(values[0]).lower() if values and values[0] else ""
    if not key:
        raise InputError("+QCFG has no setting name", hint='a read looks like +QCFG: "iotopmode",0')
    return QCFG_KEYS.get(key, _generic)(key, values[1:], layout)


def build_qcfg(key: str, value: object, effect: int | None = 1) -> str:
    """AT+QCFG="<key>",<value>[,<effect>]: iotopmode / nwscanseq / nwscanmode (BG95/BG96 AT manual;
    <effect> 1 = take effect at once, 0 = after a reboot)."""
    return f'AT+QCFG="{key}",{value}' + (f",{effect}" if effect is not None else "")


def build_qcfg_band(layout: str, bands_by_rat: dict[str, Iterable[int]], effect: int | None = 1) -> str:
    """AT+QCFG="band",<gsm>,<lte-m or lte>,<nb-iot or tds>[,<effect>] with hex masks; a RAT left
    out is sent as 0 (= no change on LPWA modules). Mask values: atctl.bands.masks."""
    from atctl.bands.masks import qcfg_band_masks

    return build_qcfg("band", ",".join(f"0x{v:x}" for v in qcfg_band_masks(layout, bands_by_rat)), effect)


def format_qcfg(key: str, value: object) -> str:
    """An AT+QCFG="<key>" read reply: `+QCFG: "iotopmode",2`, `+QCFG: "nwscanseq",020301`."""
    return f'+QCFG: "{key}",{value}'


def format_qcfg_band(layout: str, bands_by_rat: dict[str, Iterable[int]]) -> str:
    """The AT+QCFG="band" read reply with the three hex masks (no <effect>)."""
    from atctl.bands.masks import qcfg_band_masks

    return format_qcfg("band", ",".join(f"0x{v:x}" for v in qcfg_band_masks(layout, bands_by_rat)))
