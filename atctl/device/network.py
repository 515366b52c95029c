"""Read what the network did: registration, operator, RAT, band, signal, and the
PSM / eDRX values requested versus granted. Used by `status`, `verify` and `diagnose`.

Registration is read with +CEREG n=5 (reject cause, granted Active-Time / Periodic-TAU) and the
module's previous <n> is restored afterwards; +COPS is read numerically and its
format restored. The module's dialect names the vendor reads: serving cell (band, channel),
signal, and the granted PSM timers besides +CEREG.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from atctl.device.radio import read_radio
from atctl.dialects import get_dialect
from atctl.device.reads import Lines, read_lines
from atctl.errors import ModemTimeout


@dataclass
class NetworkState:
    registration: dict[str, Any] = field(default_factory=dict)   # stat, stat_text, tac, ci, rat, reject_cause, via
    operator: dict[str, Any] = field(default_factory=dict)        # mcc_mnc, name, country, mode
    rat: str | None = None
    band: int | None = None
    channel: int | None = None
    signal: dict[str, Any] = field(default_factory=dict)          # rssi_dbm, rsrp_dbm, rsrq_db, sinr_db
    psm: dict[str, Any] = field(default_factory=dict)             # requested {mode, tau_s, active_s}, granted {...}
    edrx: dict[str, Any] = field(default_factory=dict)            # requested {rat: s}, granted {cycle_s, ptw_s, rat}
    apn: dict[int, str] = field(default_factory=dict)
    sim: dict[str, Any] = field(default_factory=dict)             # state, detail, raw (atctl.sim_card)
    radio: dict[str, Any] = field(default_factory=dict)           # state on|off|unknown, fun, detail, next_step
    errors: list[str] = field(default_factory=list)               # reads that failed, in plain words

    def as_dict(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["apn"] = {str(k): v for k, v in self.apn.items()}
        return doc

    @property
    def registered(self) -> bool:
        return self.registration.get("stat") in (1, 5)


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
        current = current_of(first[0].fields)
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

        parsed = _with_setting(session, f"AT+{name}?", f"AT+{name}={{}}", n_wanted, lambda f: f.get("n"), state, body)
        if not parsed:
            continue
        fields = parsed[0].fields
        state.registration.setdefault("all", {})[name] = {k: fields.get(k) for k in ("stat", "stat_text", "reject_cause")}
        if fields.get("stat") in (1, 5) or "stat" not in state.registration:
            state.registration.update({k: fields.get(k) for k in ("stat", "stat_text", "tac", "ci", "act", "rat",
                                                                   "reject_cause")})
            state.registration["via"] = name
            if name == "CEREG":
                state.psm.setdefault("granted", {}).update(
                    {"tau_s": fields.get("periodic_tau_s"), "active_s": fields.get("active_time_s"),
                     "tau_bits": fields.get("periodic_tau_bits"), "active_bits": fields.get("active_time_bits"),
                     "source": "+CEREG n=5"})
        if name == "CEREG" and state.registered:
            break  # LTE registration found; 2G/3G reads add nothing for status
    if state.registration.get("rat"):
        state.rat = state.registration["rat"]


def read_operator(session, state: NetworkState) -> None:
    def body():
        return _read(session, "AT+COPS?", state, "+COPS:")

    parsed = _with_setting(session, "AT+COPS?", "AT+COPS=3,{}", ("2",), lambda f: f.get("format"), state, body)
    if not parsed:
        return
    fields = parsed[0].fields
    mcc_mnc = fields.get("operator") if fields.get("format") == 2 else None
    state.operator = {"mode": fields.get("mode_text"), "mcc_mnc": mcc_mnc, "name": fields.get("operator_name")}
    if mcc_mnc:
        from atctl.data import lookup_plmn

        found = lookup_plmn(mcc_mnc)
        if found:
            country, operator = found
            state.operator.update({"name": state.operator.get("name") or operator.name, "country": country.code})
    state.rat = state.rat or fields.get("rat")


def read_serving_cell(session, state: NetworkState) -> None:
    read = get_dialect(session.profile).serving_cell_read()
    if read is None:
        return  # the module has no serving-cell read: band and channel stay unknown
    command, prefix = read
    for parsed in _read(session, command, state, prefix):
        fields = parsed.fields
        if parsed.type == "QNWINFO":
            if fields.get("service"):
                state.band = fields.get("band_number")
                state.channel = fields.get("channel")
                state.rat = fields.get("rat") or state.rat
        elif parsed.type == "QENG":
            # AT+QENG=0 (NB-IoT modules) gives band, EARFCN and signal
            cell = parsed.fields.get("cell") or {}
            if parsed.fields.get("state") == "CAMPED":
                state.band, state.channel = cell.get("band"), cell.get("earfcn")
                state.rat = state.rat or "nb-iot"
                for key in ("rsrp_dbm", "rsrq_db", "rssi_dbm", "sinr_db"):
                    if cell.get(key) is not None:
                        state.signal.setdefault(key, cell[key])


def read_signal(session, state: NetworkState) -> None:
    for command, prefix in get_dialect(session.profile).signal_reads():
        for parsed in _read(session, command, state, prefix):
            for key in ("rssi_dbm", "rsrp_dbm", "rsrq_db", "sinr_db"):
                value = parsed.fields.get(key)
                if value is not None and state.signal.get(key) is None:
                    state.signal[key] = value


def read_power_saving(session, state: NetworkState) -> None:
    for parsed in _read(session, "AT+CPSMS?", state, "+CPSMS:"):
        f = parsed.fields
        state.psm["requested"] = {"mode": f.get("mode"), "tau_s": f.get("periodic_tau_s"),
                                  "active_s": f.get("active_time_s")}
    for command, prefix in get_dialect(session.profile).granted_psm_reads():
        for parsed in _read(session, command, state, prefix):
            f = parsed.fields
            state.psm["granted_ucpsms"] = {"mode": f.get("mode"), "tau_s": f.get("periodic_tau_s"),
                                           "active_s": f.get("active_time_s")}
    requested = {}
    lines = _read(session, "AT+CEDRXS?", state, "+CEDRXS:")
    for parsed in lines:
        f = parsed.fields
        if f.get("rat") and f.get("requested_s") is not None:
            requested[f["rat"]] = f["requested_s"]
    state.edrx["requested"] = requested if lines.ok else None  # None: unknown, the read failed
    for parsed in _read(session, "AT+CEDRXRDP", state, "+CEDRXRDP:"):
        f = parsed.fields
        state.edrx["granted"] = {"rat": f.get("rat"), "used": f.get("edrx_used"), "cycle_s": f.get("granted_s"),
                                 "ptw_s": f.get("ptw_s"), "requested_s": f.get("requested_s")}


def read_apn(session, state: NetworkState) -> None:
    for parsed in _read(session, "AT+CGDCONT?", state, "+CGDCONT:"):
        f = parsed.fields
        if f.get("cid") is not None:
            state.apn[f["cid"]] = f.get("apn") or ""


def read_sim(session, state: NetworkState) -> None:
    from atctl.sim_card import read_sim_state

    state.sim = read_sim_state(session).as_dict()


def read_network_state(session) -> NetworkState:
    state = NetworkState()
    for step in (read_sim, read_radio, read_registration, read_operator, read_serving_cell, read_signal,
                 read_power_saving, read_apn):
        step(session, state)
    return state
