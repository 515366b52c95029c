"""Read what the network did: registration, operator, RAT, band, signal, and the
PSM / eDRX values requested versus granted. Used by `status`, `verify` and `diagnose`.

Registration is read with +CEREG n=5 (reject cause, granted Active-Time / Periodic-TAU) and the
module's previous <n> is restored afterwards; +COPS is read numerically and its
format restored. The module's dialect names the vendor reads: serving cell (band, channel),
signal, and the granted PSM timers besides +CEREG.
"""

from __future__ import annotations

from dataclasses import replace

from atctl.device.radio import read_radio
from atctl.device.reads import Lines, read_lines
from atctl.dialects import get_dialect
from atctl.errors import ModemTimeout
from atctl.network_values import (EdrxGrant, EdrxState, NetworkState, Operator, PsmGrant, PsmTimers, RegistrationRead,
                                  RegistrationStatus)


def _read(session, command: str, state: NetworkState, prefix: str) -> Lines:
    return read_lines(session, command, state.errors, prefix)


def _with_setting(session, read_cmd: str, set_fmt: str, wanted: tuple[str, ...], current_of, state: NetworkState,
                  body):
    """Temporarily change a reporting setting (first value in `wanted` the module accepts),
    run body(), and restore the setting."""
    current = None
    first = _read(session, read_cmd, state, read_cmd[2:].split("?")[0].split("=")[0] + ":")
    if first.timed_out:
        return first  # the same read again would wait out the same deadline
    if first:
        current = current_of(first[0].model)
    changed = False
    if current is not None and str(current) not in wanted:
        for value in wanted:
            # a reporting format is a local setting: its own short deadline (atctl.at.timeouts), never
            # the registration deadline of AT+COPS (180 s)
            try:
                accepted = session.command(set_fmt.format(value)).ok
            except ModemTimeout as exc:
                if not session.answers():
                    raise
                state.errors.append(exc.one_line())
                break  # read in the current format
            if accepted:
                changed = True
                break
    try:
        return body()
    except ModemTimeout:
        changed = False  # the module stopped answering: there is nothing to restore it on
        raise
    finally:
        if changed:
            session.command(set_fmt.format(current))


def read_registration(session, state: NetworkState) -> None:
    for name in ("CEREG", "CGREG", "CREG"):
        # n=5 carries both the reject cause and the granted PSM timers; n=4 where 5 is refused
        n_wanted = ("5", "4") if name == "CEREG" else ("3", "2")

        def body(name=name):
            return _read(session, f"AT+{name}?", state, f"+{name}:")

        parsed = _with_setting(session, f"AT+{name}?", f"AT+{name}={{}}", n_wanted, lambda m: getattr(m, "n", None),
                               state, body)
        if not parsed:
            continue
        reg = parsed[0].model
        now = state.registration
        reads = {**now.reads, name: RegistrationRead(reg.stat, reg.stat_text, reg.reject_cause)}
        if reg.registered or now.via is None:
            state.registration = RegistrationStatus(reg.stat, reg.stat_text, reg.tac, reg.ci, reg.act, reg.rat,
                                                    reg.reject_cause, via=name, reads=reads)
            if name == "CEREG":
                state.psm = replace(state.psm, granted=PsmGrant(reg.periodic_tau_s, reg.active_time_s,
                                                                reg.periodic_tau_bits, reg.active_time_bits))
        else:
            state.registration = replace(now, reads=reads)
        if name == "CEREG" and state.registered:
            break  # LTE registration found; 2G/3G reads add nothing for status
    if state.registration.rat:
        state.rat = state.registration.rat


def read_operator(session, state: NetworkState) -> None:
    def body():
        return _read(session, "AT+COPS?", state, "+COPS:")

    parsed = _with_setting(session, "AT+COPS?", "AT+COPS=3,{}", ("2",), lambda m: getattr(m, "format", None), state,
                           body)
    if not parsed:
        return
    cops = parsed[0].model
    mcc_mnc = getattr(cops, "operator", None) if getattr(cops, "format", None) == 2 else None
    name, country = getattr(cops, "operator_name", None), None
    if mcc_mnc:
        from atctl.data import lookup_plmn

        found = lookup_plmn(mcc_mnc)
        if found:
            country, operator = found[0].code, found[1]
            name = name or operator.name
    state.operator = Operator(getattr(cops, "mode_text", None), mcc_mnc, name, country)
    state.rat = state.rat or getattr(cops, "rat", None)


def read_serving_cell(session, state: NetworkState) -> None:
    read = get_dialect(session.profile).serving_cell_read()
    if read is None:
        return  # the module has no serving-cell read: band and channel stay unknown
    command, prefix = read
    for parsed in _read(session, command, state, prefix):
        cell = parsed.model.cell_in_use()   # every serving-cell read's codec model answers it
        if cell is None:
            continue
        state.band, state.channel = cell.band, cell.channel
        state.rat = cell.rat or state.rat
        if cell.signal:
            state.signal = state.signal.filled_from(cell.signal)


def read_signal(session, state: NetworkState) -> None:
    for command, prefix in get_dialect(session.profile).signal_reads():
        for parsed in _read(session, command, state, prefix):
            state.signal = state.signal.filled_from(parsed.model)


def _timers(psm) -> PsmTimers:
    return PsmTimers(psm.mode, psm.periodic_tau_s, psm.active_time_s)


def read_power_saving(session, state: NetworkState) -> None:
    for parsed in _read(session, "AT+CPSMS?", state, "+CPSMS:"):
        state.psm = replace(state.psm, requested=_timers(parsed.model))
    for command, prefix in get_dialect(session.profile).granted_psm_reads():
        for parsed in _read(session, command, state, prefix):
            state.psm = replace(state.psm, granted_ucpsms=_timers(parsed.model))
    requested = {}
    lines = _read(session, "AT+CEDRXS?", state, "+CEDRXS:")
    for parsed in lines:
        edrx = parsed.model
        if edrx.rat and edrx.requested_s is not None:
            requested[edrx.rat] = edrx.requested_s
    granted = None
    for parsed in _read(session, "AT+CEDRXRDP", state, "+CEDRXRDP:"):
        edrx = parsed.model
        granted = EdrxGrant(edrx.rat, edrx.edrx_used, edrx.granted_s, edrx.ptw_s, edrx.requested_s)
    state.edrx = EdrxState(requested if lines.ok else None, granted)  # requested None: unknown, the read failed


def read_apn(session, state: NetworkState) -> None:
    for parsed in _read(session, "AT+CGDCONT?", state, "+CGDCONT:"):
        context = parsed.model
        if context.cid is not None:
            state.apn[context.cid] = context.apn or ""


def read_sim(session, state: NetworkState) -> None:
    from atctl.sim_card import read_sim_state

    state.sim_card = read_sim_state(session)


def read_network_state(session) -> NetworkState:
    state = NetworkState()
    for step in (read_sim, read_radio, read_registration, read_operator, read_serving_cell, read_signal,
                 read_power_saving, read_apn):
        step(session, state)
    return state
