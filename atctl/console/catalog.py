"""What the console offers on Tab (pure): the AT commands a module's dialect speaks and
ready-made parameters for them (RAT numbers, band masks from the module's profile, PSM and
eDRX bit strings computed by atctl.timers, so every offered value is one the codecs accept).

Sources: 3GPP TS 27.007 (standard commands); Quectel BG95/BG96 AT command manuals
(AT+QCFG keys, AT+QPSMS, AT+QNWINFO, AT+QPTWEDRXS); u-blox SARA-R4/R5 AT manuals
(AT+UBANDMASK, AT+URAT, AT+UMNOPROF, AT+UCPSMS); DOMAIN.md sections 3 and 4.
"""

from __future__ import annotations

# command -> what it does (shown beside the completion)
STANDARD: dict[str, str] = {
    "AT": "is the module there?", "ATI": "identity", "AT+CGMI": "manufacturer", "AT+CGMM": "model",
    "AT+CGMR": "firmware revision", "AT+CGSN": "IMEI", "AT+CIMI": "IMSI", "AT+CPIN?": "SIM state",
    "AT+CPIN=": "enter the SIM PIN (masked on screen, in history and transcript)",
    "AT+CFUN?": "radio state", "AT+CFUN=": "set the radio state",
    "AT+COPS?": "operator", "AT+COPS=?": "scan for networks (up to 3 min)", "AT+COPS=": "operator selection",
    "AT+CEREG?": "LTE registration", "AT+CEREG=": "LTE registration URCs",
    "AT+CGREG?": "packet registration", "AT+CREG?": "circuit registration",
    "AT+CSQ": "signal (RSSI)", "AT+CESQ": "signal (RSRP, RSRQ)",
    "AT+CPSMS?": "PSM timers requested", "AT+CPSMS=": "request PSM timers",
    "AT+CEDRXS?": "eDRX requested", "AT+CEDRXS=": "request eDRX", "AT+CEDRXRDP": "eDRX the network granted",
    "AT+CGDCONT?": "PDP contexts (APNs)", "AT+CGDCONT=": "set an APN", "AT+CGATT?": "packet attach state",
    "AT+CMEE=": "error reporting (2: verbose)", "AT+CSCON?": "radio connection state",
    "AT+CSCON=": "radio connection URCs",
}
HELPERS: dict[str, str] = {
    ":psm": "TAU ACTIVE: insert AT+CPSMS=... (e.g. :psm 24h 30s)",
    ":edrx": "RAT CYCLE [PTW]: insert the eDRX command (e.g. :edrx lte-m 81.92s)",
    ":bands": "CC...: insert the band mask commands for these countries (e.g. :bands DE NL)",
    ":status": "read registration, operator, signal, PSM/eDRX requested vs granted",
    ":decode": "LINE: explain a response line without sending anything",
    ":help": "this list",
}

_PSM_EXAMPLES = (("1h", "10s"), ("24h", "30s"), ("7d", "1m"), ("2h", "0s"))
_EDRX_EXAMPLES = ("20.48s", "81.92s", "163.84s", "655.36s")


def commands(dialect: str | None) -> dict[str, str]:
    """Every command offered for this dialect (a name), with its description: 27.007 and the
    vendor commands the dialect itself lists."""
    from atctl.dialects import dialect_class

    cls = dialect_class(dialect)
    return {**STANDARD, **(cls.vendor_commands if cls is not None else {})}


def parameters(command: str, profile=None) -> list[tuple[str, str]]:
    """(argument text after '=' or ',', meaning) for a command being typed, e.g. 'AT+CEDRXS='."""
    key = command.upper()
    rats = list(getattr(profile, "rats", None) or ["lte-m", "nb-iot"])
    if key == "AT+CFUN=":
        reboot = _dialect(profile).reboot_command or ""
        return [("1", "full functionality"), ("0", "minimum (radio off)"), ("4", "flight mode")] + \
            ([(reboot.split("=", 1)[1], "reboot")] if reboot.startswith("AT+CFUN=") else [])
    if key == "AT+CEREG=":
        return [("0", "no URCs"), ("1", "stat"), ("2", "stat, area, cell, RAT"), ("4", "+ PSM timers granted"),
                ("5", "+ reject cause and PSM timers")]
    if key == "AT+CSCON=":
        return [("1", "radio connection URCs on"), ("0", "off")]
    if key == "AT+CMEE=":
        return [("2", "verbose errors"), ("1", "numeric errors"), ("0", "plain ERROR")]
    if key == "AT+COPS=":
        return [("0", "automatic"), ("2", "deregister"), ("3,2", "numeric operator format")]
    if key == "AT+CPSMS=":
        return _psm_parameters()
    if key == "AT+CEDRXS=":
        return _edrx_parameters([r for r in rats if r in ("lte-m", "nb-iot")])
    if key == 'AT+QCFG=':
        return _qcfg_parameters(profile)
    if key == "AT+URAT=":
        return [("7", "LTE-M"), ("8", "NB-IoT"), ("7,8", "LTE-M, then NB-IoT"), ("9", "GPRS")]
    if key == "AT+UBANDMASK=":
        return _ubandmask_parameters(profile)
    return []


def _psm_parameters() -> list[tuple[str, str]]:
    from atctl.timers.duration import parse_duration
    from atctl.codecs.standard.cpsms import encode_cpsms as encode_psm

    out = [("0", "PSM off")]
    for tau, active in _PSM_EXAMPLES:
        enc = encode_psm(parse_duration(tau), parse_duration(active))
        out.append((enc.command.split("=", 1)[1], f"TAU {tau}, active {active}"))
    return out


def _edrx_parameters(rats: list[str]) -> list[tuple[str, str]]:
    from atctl.timers.duration import parse_duration
    from atctl.timers.edrx import RAT_ACT, encode_edrx

    out = []
    for rat in rats:
        for cycle in _EDRX_EXAMPLES:
            enc = encode_edrx(rat, parse_duration(cycle))
            out.append((f'2,{RAT_ACT[rat]},"{enc.bits}"', f"{rat} eDRX {cycle}, with URCs"))
        out.append((f"0,{RAT_ACT[rat]}", f"{rat} eDRX off"))
    return out


def _dialect(profile):
    from atctl.dialects import get_dialect

    return get_dialect(profile)


def _qcfg_parameters(profile) -> list[tuple[str, str]]:
    layout = _dialect(profile).band_layout
    out = [('"nwscanmode",0', "automatic"), ('"nwscanmode",3', "LTE only")]
    if layout == "lpwa":  # BG9x/BG77 keys (Quectel BG95 AT manual); LTE Cat-1/4 modules lack them
        out = [('"iotopmode",0', "LTE-M only"), ('"iotopmode",1', "NB-IoT only"), ('"iotopmode",2', "LTE-M and NB-IoT"),
               ('"nwscanseq","020301"', "scan LTE-M, NB-IoT, then GSM"), ('"nwscanseq","0203"', "LTE-M, then NB-IoT"),
               *out, ('"psm/urc",1', "PSM URCs on")]
    if layout is not None:
        from atctl.codecs.quectel.qcfg import build_qcfg_band as qcfg_band_command

        rats = ("gsm", "lte-m", "nb-iot") if layout == "lpwa" else ("gsm", "umts", "lte")
        command = qcfg_band_command(layout, {r: profile.bands_for(r) for r in rats})
        out.insert(0, (command.split("=", 1)[1], "every band this module supports"))
    return out


def _ubandmask_parameters(profile) -> list[tuple[str, str]]:
    from atctl.codecs.ublox.ubandmask import build_ubandmask as ubandmask_commands

    out = []
    for rat, number in (getattr(profile, "ubandmask_rats", None) or {}).items():
        for command in ubandmask_commands(number, profile.bands_for(rat)):
            out.append((command.split("=", 1)[1], f"every {rat} band of this module"))
    return out
