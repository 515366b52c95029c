"""Band and RAT configuration replies: Quectel +QCFG, u-blox +UBANDMASK / +URAT / +UMNOPROF.

Band masks are decoded by atctl.bands.masks (one codec for every caller).
+QCFG "band" layout: the profile's `band_mask` (qcfg-lpwa / qcfg-lte) decides;
without a profile, a first mask with bits above 0xF (WCDMA bits) means the
EC2x/EG2x "lte" layout, otherwise the BG9x "lpwa" layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from atctl.errors import InputError
from atctl.codecs.fields import clip, extra_fields, parse_number, report, req_int, soft, split_fields, to_int, unquote
from atctl.codecs.model import Model

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
BAND_KEYS = ("gsm", "lte_m", "nb_iot", "lte")


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


def _profile_attr(profile: Any, name: str) -> Any:
    if profile is None:
        return None
    return profile.get(name) if isinstance(profile, dict) else getattr(profile, name, None)


def qcfg_layout(profile: Any, first_mask: int | None = None) -> str:
    codec = _profile_attr(profile, "band_mask")
    if codec in ("qcfg-lpwa", "qcfg-lte"):
        return codec.split("-", 1)[1]
    dialect = _profile_attr(profile, "dialect") or ""
    if dialect.endswith("-lte"):
        return "lte"
    if dialect.endswith("-lpwa"):
        return "lpwa"
    if first_mask is not None and first_mask > 0xF:
        return "lte"
    return "lpwa"


QCFG_MASK_NAMES = {"lpwa": ("gsm_mask", "lte_m_mask", "nb_iot_mask"), "lte": ("gsm_umts_mask", "lte_mask", "tds_mask")}


def _qcfg_band(key: str, values: list[str], profile: Any) -> QcfgBand:
    from atctl.bands.masks import decode_qcfg_masks, parse_hex

    if len(values) < 3:
        raise InputError(f'+QCFG "band" needs 3 masks, got {len(values)}')
    masks = [unquote(v) for v in values]
    first = soft("gsm_mask", masks[0], lambda: parse_hex(masks[0]))
    layout = qcfg_layout(profile, first)
    names = QCFG_MASK_NAMES[layout]
    # a mask that cannot be read (negative, too wide, junk) is unparsed and reads as "no bands"
    read = [first] + [soft(names[i], masks[i], lambda i=i: parse_hex(masks[i])) for i in (1, 2)]
    decoded = decode_qcfg_masks(*(m or 0 for m in read), layout)
    return QcfgBand(key=key, layout=layout, gsm=decoded.get("gsm", []), lte_m=decoded.get("lte_m", []),
                    nb_iot=decoded.get("nb_iot", []), lte=decoded.get("lte", []), umts=decoded.get("umts", []),
                    masks=masks)


def _int_setting(table_by_layout: dict[str, dict[int, Any]] | dict[int, Any], layered: bool
                 ) -> Callable[[str, list[str], Any], QcfgSetting]:
    def parse(key: str, values: list[str], profile: Any) -> QcfgSetting:
        value = req_int(values, 0, f'+QCFG "{key}"', "value")
        table = table_by_layout[qcfg_layout(profile)] if layered else table_by_layout  # type: ignore[index]
        return QcfgSetting(key=key, value=value, text=table.get(value), values=[unquote(v) for v in values])
    return parse


def _nwscanseq(key: str, values: list[str], profile: Any) -> QcfgSetting:
    raw = unquote(values[0]) if values and values[0] else ""
    if not raw.isdigit() or len(raw) % 2:
        raise InputError(f'+QCFG "nwscanseq" value {values[0] if values else ""!r} is not a list of 2-digit codes',
                         hint='it looks like "020301"')
    table = NWSCANSEQ[qcfg_layout(profile)]
    codes = [raw[i:i + 2] for i in range(0, len(raw), 2)]
    return QcfgSetting(key=key, value=raw, text=[table.get(c, f"code-{c}") for c in codes],
                       values=[unquote(v) for v in values])


def _switch(key: str, values: list[str], profile: Any) -> QcfgSetting:
    value = req_int(values, 0, f'+QCFG "{key}"', "value")
    return QcfgSetting(key=key, value=value, text={0: "off", 1: "on"}.get(value), values=[unquote(v) for v in values])


def _generic(key: str, values: list[str], profile: Any) -> QcfgSetting:
    raw = [unquote(v) for v in values]
    return QcfgSetting(key=key, value=raw[0] if len(raw) == 1 else raw, text=None, values=raw)


QCFG_KEYS: dict[str, Callable[[str, list[str], Any], Model]] = {
    "band": _qcfg_band,
    "iotopmode": _int_setting(IOTOPMODE, False),
    "nwscanseq": _nwscanseq,
    "nwscanmode": _int_setting(NWSCANMODE, True),
    "psm/urc": _switch,
    "psm/enter": _switch,
}


def parse_qcfg(body: str, profile: Any = None) -> Model:
    values = split_fields(body)
    key = unquote(values[0]).lower() if values and values[0] else ""
    if not key:
        raise InputError("+QCFG has no setting name", hint='a read looks like +QCFG: "iotopmode",0')
    return QCFG_KEYS.get(key, _generic)(key, values[1:], profile)


@dataclass(frozen=True, slots=True)
class UBandMask(Model):
    gsm: list[int]
    lte_m: list[int]
    nb_iot: list[int]
    lte: list[int]
    masks: list[int]


def parse_ubandmask(body: str, profile: Any = None) -> UBandMask:

    from atctl.bands.masks import join_ubandmask, mask_to_bands, ubandmask_groups

    values = [v for v in split_fields(body) if v]
    if len(values) > 6:  # more than two (rat, mask1, mask2) groups: the rest is kept raw
        extra_fields(values, 6, "+UBANDMASK")
        values = values[:6]
    numbers = [soft(f"value {i + 1}", v, lambda v=v, i=i: parse_number(v, "+UBANDMASK", f"value {i + 1}"))
               for i, v in enumerate(values)]
    configured = _profile_attr(profile, "ubandmask_rats") or {}
    rat_numbers = {int(num): rat for rat, num in configured.items()} or {0: "lte_m", 1: "nb_iot"}
    decoded: dict[str, list[int]] = {}
    for group in ubandmask_groups(len(numbers)):
        rat, words = numbers[group[0]], [numbers[i] for i in group[1:]]
        if rat is None or None in words:
            continue  # an unreadable number: that RAT's mask is unparsed
        raw = ",".join(values[i] for i in group[1:])
        mask = soft(f"value {group[1] + 1}", raw, lambda words=words: join_ubandmask(words))
        if mask is None:
            continue
        decoded[rat_numbers.get(rat, f"rat{rat}").replace("-", "_")] = mask_to_bands(mask)
    return UBandMask(gsm=decoded.get("gsm", []), lte_m=decoded.get("lte_m", []),
                     nb_iot=decoded.get("nb_iot", []), lte=decoded.get("lte", []),
                     masks=[n for n in numbers if n is not None])


# a group may not contain "(": with [^)]* every "(" of "((((..." rescanned to the end (quadratic)
_TEST_GROUP = re.compile(r"\(([^()]*)\)")


def _numbers(values: list[str], prefix: str, what: str) -> list[int]:
    """Non-negative whole numbers from a list of fields; one that cannot be read is unparsed and skipped."""
    out = []
    for i, raw in enumerate(values):
        name = f"{what} {i + 1}"
        number = soft(name, raw, lambda raw=raw, name=name: to_int(raw, prefix, name))
        if number is not None and number < 0:
            report(name, raw, f"{prefix} {name} {number} is negative")
        elif number is not None:
            out.append(number)
    return out


@dataclass(frozen=True, slots=True)
class QBand(Model):
    bands: list[int]           # read: the bands set; test: the bands the module supports
    all_bands: bool            # read answered 0: no restriction
    test: bool                 # the =? form: (range of band counts),(supported bands)


def parse_qband(body: str) -> QBand:
    """Quectel NB-IoT +QBAND (BC660K-GL AT manual V1.4 7.5; BC66 uses the same form):
    read `+QBAND: 8,20`, test `+QBAND: (0-17),(1,2,3,...)`."""
    groups = _TEST_GROUP.findall(body)
    if groups:
        supported = groups[1] if len(groups) > 1 else ""
        bands = _numbers([v for v in supported.split(",") if v.strip()], "+QBAND", "band")
        return QBand(bands=bands, all_bands=False, test=True)
    values = [v for v in split_fields(body) if v]
    bands = _numbers(values, "+QBAND", "band")
    if not bands:
        raise InputError("+QBAND holds no band", hint="a read looks like +QBAND: 8,20")
    if bands == [0]:
        return QBand(bands=[], all_bands=True, test=False)
    return QBand(bands=bands, all_bands=False, test=False)


@dataclass(frozen=True, slots=True)
class Cfun(Model):
    fun: int                   # 27.007 <fun>: 0 minimum, 1 full, 4 radio off (airplane)


def parse_cfun(body: str) -> Cfun:
    """+CFUN: 1 (27.007 read; u-blox adds a <STK_mode> field, ignored)."""
    return Cfun(fun=req_int(split_fields(body), 0, "+CFUN", "fun"))


@dataclass(frozen=True, slots=True)
class UBandSel(Model):
    mhz: list[int]             # 0 alone: the module's default (every band)
    default: bool


def parse_ubandsel(body: str) -> UBandSel:
    """u-blox +UBANDSEL read (SARA-U2/G3): `+UBANDSEL: 850,900,1800,1900` (MHz)."""
    values = [v.strip().strip("()") for v in split_fields(body) if v.strip()]
    mhz = _numbers([v for v in values if v], "+UBANDSEL", "value")
    if not mhz:
        raise InputError("+UBANDSEL holds no band", hint="a read looks like +UBANDSEL: 850,900,1800,1900")
    return UBandSel(mhz=[] if mhz == [0] else mhz, default=mhz == [0])




@dataclass(frozen=True, slots=True)
class Urat(Model):
    acts: list[int]
    rats: list[str]
    supported: list[list[int]] | None = None  # test form: allowed values per parameter


_RANGE_SPAN_MAX = 64  # "(0-6)" expands; a wider range is junk, not 10^9 list items
_TEST_VALUES_MAX = 128  # per parameter


def _test_values(group: str, prefix: str, name: str) -> list[int]:
    out: list[int] = []
    for part in (p.strip() for p in group.split(",") if p.strip()):
        low, dash, high = part.partition("-")
        first = soft(name, part, lambda low=low: to_int(low, prefix, name))
        last = soft(name, part, lambda high=high: to_int(high, prefix, name)) if dash else first
        if first is None or last is None:
            continue
        if not 0 <= last - first <= _RANGE_SPAN_MAX:
            report(name, part, f"{prefix} {name} range {clip(part, 40)!r} is not a short ascending range")
            continue
        if len(out) + last - first + 1 > _TEST_VALUES_MAX:
            report(name, part, f"{prefix} {name} lists more than {_TEST_VALUES_MAX} values; the rest is left out")
            break
        out.extend(range(first, last + 1))
    return out


def parse_urat(body: str) -> Urat:
    groups = _TEST_GROUP.findall(body)
    if groups:  # test reply: +URAT: (0-6),(0,2,3)
        from atctl.bands.urat import describe

        supported = [_test_values(g, "+URAT", f"parameter {i + 1}") for i, g in enumerate(groups[:4])]
        extra_fields(groups, 4, "+URAT")
        return Urat(acts=[], rats=[describe(a) for a in supported[0]], supported=supported)
    values = [v for v in split_fields(body) if v]
    acts = _numbers(values, "+URAT", "AcT")
    if not acts:
        raise InputError("+URAT holds no radio access technology", hint="a read looks like +URAT: 7,8")
    from atctl.bands.urat import describe  # SARA-R4/R5 use 7-9; SARA-U2/LARA use 0-6

    return Urat(acts=acts, rats=[describe(a) for a in acts])


# AT+UMNOPROF <MNO> (SARA-R4/R5 AT manuals)
MNO_PROFILES = {0: "undefined / regulatory", 1: "SIM ICCID/IMSI select", 2: "AT&T", 3: "Verizon", 4: "Telstra",
                5: "T-Mobile US", 6: "China Telecom", 8: "Sprint", 19: "Vodafone", 20: "NTT DoCoMo",
                21: "Telus", 28: "SoftBank", 31: "Deutsche Telekom", 32: "US Cellular", 39: "SKT",
                90: "global", 100: "standard Europe"}


@dataclass(frozen=True, slots=True)
class Umnoprof(Model):
    profile: int
    name: str | None


def parse_umnoprof(body: str) -> Umnoprof:
    values = split_fields(body)
    number = req_int(values, 0, "+UMNOPROF", "profile")
    return Umnoprof(profile=number, name=MNO_PROFILES.get(number))


__all__ = ["QBand", "QcfgBand", "QcfgSetting", "UBandMask", "parse_qband", "UBandSel", "parse_ubandsel", "Urat", "Umnoprof", "parse_qcfg", "parse_ubandmask",
           "parse_urat", "parse_umnoprof", "qcfg_layout"]
