"""+NCONFIG: the behaviour switches of u-blox SARA-N2 (the Huawei/Neul command set), one per line:
`+NCONFIG: "AUTOCONNECT","TRUE"` (SARA-N2: a space, name and value quoted, as captured in
ExploratoryEngineering/ArduinoNBIoT README, commit 9cc496b, and parsed so by SodaqMoja/Sodaq_nbIOT);
Quectel BC95 writes `+NCONFIG:AUTOCONNECT,TRUE`. Both are read. A change takes effect after
AT+NRB and is kept in NVM (same README).
"""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import split_fields, unquote
from atctl.codecs.model import Model
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class NConfig(Model):
    name: str                  # upper case, e.g. AUTOCONNECT
    value: str                 # as sent, upper case: TRUE / FALSE for the switches
    enabled: bool | None       # TRUE -> True, FALSE -> False, anything else None


def parse_nconfig(body: str) -> NConfig:
    values = [unquote(v.strip()) for v in split_fields(body)]
    if len(values) < 2 or not values[0]:
        raise InputError("+NCONFIG needs a name and a value", hint='a read line looks like +NCONFIG: "AUTOCONNECT","TRUE"')
    name, value = values[0].upper(), values[1].upper()
    return NConfig(name=name, value=value, enabled={"TRUE": True, "FALSE": False}.get(value))


def build_nconfig(name: str, enabled: bool) -> str:
    """AT+NCONFIG="<name>","TRUE|FALSE" (SARA-N2 form, quoted)."""
    return f'AT+NCONFIG="{name.upper()}","{"TRUE" if enabled else "FALSE"}"'


def format_nconfig(name: str, value: str) -> str:
    """One AT+NCONFIG? line as SARA-N2 writes it."""
    return f'+NCONFIG: "{name.upper()}","{value.upper()}"'
