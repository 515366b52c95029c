"""Is the radio on? AT+CFUN? (TS 27.007 8.2), read for apply's restore and for status / diagnose.

A radio left off (AT+CFUN=0 or 4, e.g. by an interrupted apply) is why nothing registers:
`require_radio_on` says so at once instead of waiting out the registration timeout.
"""

from __future__ import annotations

from atctl.device.reads import read_lines
from atctl.errors import AtctlError, ModemTimeout, OperationFailed
from atctl.network_values import NetworkState, RadioState

RADIO_NEXT_STEP = "send AT+CFUN=1 or run atctl apply"
# AT+CFUN levels (TS 27.007 8.2): 1 full; 0 minimum functionality; 4 transmit and receive RF disabled
_RADIO_OFF = {0: "the radio is off (AT+CFUN=0, minimum functionality)",
              4: "the radio is off (AT+CFUN=4, transmit and receive disabled)"}


def radio_state(session) -> int | None:
    """AT+CFUN? as a number (1 full, 0 minimum, 4 airplane), None when unreadable."""
    try:
        response = session.command("AT+CFUN?")
    except ModemTimeout:
        if not session.answers():
            raise
        return None
    line = response.first("+CFUN:") if response.ok else None
    if line is None:
        return None
    from atctl.codecs import parse_line

    try:
        return parse_line(line).model.fun
    except AtctlError:
        return None


def radio_from_fun(fun: int | None) -> RadioState:
    """The radio state for an AT+CFUN level (pure): a radio left off is why nothing registers."""
    if fun == 1:
        return RadioState("on", 1, "the radio is on (AT+CFUN=1)")
    if fun in _RADIO_OFF:
        return RadioState("off", fun, _RADIO_OFF[fun], RADIO_NEXT_STEP)
    detail = "AT+CFUN? could not be read" if fun is None else f"the radio is at vendor level AT+CFUN={fun}"
    return RadioState("unknown", fun, detail)


def read_radio(session, state: NetworkState) -> None:
    """state.radio from AT+CFUN?; a failed read is named in state.errors."""
    parsed = read_lines(session, "AT+CFUN?", state.errors, "+CFUN:")
    state.radio = radio_from_fun(parsed[0].model.fun if parsed else None)


class RadioOff(OperationFailed):
    """The radio is off (AT+CFUN=0/4): no registration wait can succeed (exit 1)."""


def require_radio_on(session) -> RadioState:
    """Stop at once when the radio was left off, instead of waiting out the registration timeout."""
    state = NetworkState()
    read_radio(session, state)
    if state.radio.off:
        raise RadioOff(f"{state.radio.detail}, so the module cannot register: {RADIO_NEXT_STEP}")
    return state.radio
