"""Is the SIM usable? AT+CPIN? and the +CME errors that answer it, in plain words.

3GPP TS 27.007 8.3 (+CPIN read: READY, SIM PIN, SIM PUK, PH-... personalisation codes) and
9.2.1 (+CME ERROR: 10 SIM not inserted, 11 SIM PIN required, 12 SIM PUK required,
13 SIM failure, 14 SIM busy, 15 SIM wrong). Real modules answer a missing SIM either with
`+CME ERROR: 10` (Quectel BG95/BG96, u-blox SARA-R4/R5) or `+CPIN: NOT INSERTED` (the Quectel
boot URC), and `+CPIN: NOT READY` while the card starts (SIMCom, Telit).

`read_sim_state(session)` reads it; `require_sim_ready(session)` is what apply/verify call
before waiting on a network a SIM-less module can never join. A PIN is never read, printed or
stored here: only the name of the lock.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from atctl.errors import ModemTimeout, OperationFailed

READY, ABSENT, PIN, PUK, FAILURE, UNKNOWN = "ready", "absent", "pin-required", "puk-required", "failure", "unknown"
IMSI = re.compile(r"^\d{6,15}$")  # 3GPP TS 23.003 2.2: MCC + MNC + MSIN, at most 15 digits
BLOCKING = (ABSENT, PIN, PUK, FAILURE)

# +CPIN: <code> -> (state, detail)
_CPIN = {
    "READY": (READY, "the SIM is ready"),
    "SIM PIN": (PIN, "the SIM asks for its PIN"),
    "SIM PUK": (PUK, "the SIM is blocked and asks for its PUK (the PIN was entered wrongly too often)"),
    # PIN2/PUK2 guard only some SIM services (fixed dialling); registration is not blocked
    "SIM PIN2": (READY, "the SIM is usable; the last command asked for PIN2"),
    "SIM PUK2": (READY, "the SIM is usable; PIN2 is blocked (PUK2 needed for PIN2 services only)"),
    "PH-SIM PIN": (PIN, "the module is locked to another SIM (PH-SIM PIN)"),
    "PH-FSIM PIN": (PIN, "the module is locked to its first SIM (PH-FSIM PIN)"),
    "PH-FSIM PUK": (PUK, "the module's first-SIM lock is blocked (PH-FSIM PUK)"),
    "PH-NET PIN": (PIN, "the module is locked to another network (network personalisation, PH-NET PIN)"),
    "PH-NET PUK": (PUK, "the module's network lock is blocked (PH-NET PUK)"),
    "PH-NETSUB PIN": (PIN, "the module is locked to a network subset (PH-NETSUB PIN)"),
    "PH-NETSUB PUK": (PUK, "the module's network-subset lock is blocked (PH-NETSUB PUK)"),
    "PH-SP PIN": (PIN, "the module is locked to a service provider (PH-SP PIN)"),
    "PH-SP PUK": (PUK, "the module's service-provider lock is blocked (PH-SP PUK)"),
    "PH-CORP PIN": (PIN, "the module is locked to a corporate SIM (PH-CORP PIN)"),
    "PH-CORP PUK": (PUK, "the module's corporate lock is blocked (PH-CORP PUK)"),
    "NOT INSERTED": (ABSENT, "the module reports no SIM inserted"),
    "NOT READY": (UNKNOWN, "the SIM is not ready yet (still starting, or not inserted)"),
}

# +CME ERROR code answering AT+CPIN? -> (state, detail)
_CME = {
    10: (ABSENT, "the module reports no SIM inserted (+CME ERROR: 10)"),
    11: (PIN, "the SIM asks for its PIN (+CME ERROR: 11)"),
    12: (PUK, "the SIM is blocked and asks for its PUK (+CME ERROR: 12)"),
    13: (FAILURE, "the SIM cannot be read (+CME ERROR: 13 SIM failure)"),
    14: (UNKNOWN, "the SIM is busy (+CME ERROR: 14), usually still starting"),
    15: (FAILURE, "the module rejects this SIM (+CME ERROR: 15 SIM wrong)"),
    5: (PIN, "the module is locked to another SIM (+CME ERROR: 5 PH-SIM PIN required)"),
    40: (PIN, "the module is locked to another network (+CME ERROR: 40)"),
    41: (PUK, "the module's network lock is blocked (+CME ERROR: 41)"),
}


@dataclass(frozen=True)
class SimCard:
    state: str          # ready | absent | pin-required | puk-required | failure | unknown
    detail: str
    raw: str = ""       # the module's own answer (+CPIN: SIM PIN, +CME ERROR: 10): never a PIN

    @property
    def blocking(self) -> bool:
        return self.state in BLOCKING

    def as_dict(self) -> dict:
        return asdict(self)


def sim_state_from(lines: list[str], ok: bool, error_code: int | None, final: str) -> SimCard:
    """Interpret one AT+CPIN? answer (pure): its info lines, or its error result."""
    if ok:
        line = next((ln for ln in lines if ln.upper().startswith("+CPIN:")), None)
        if line is None:
            return SimCard(UNKNOWN, "AT+CPIN? answered OK without a +CPIN line", final)
        code = line.split(":", 1)[1].strip().strip('"').upper()
        state, detail = _CPIN.get(code, (UNKNOWN, f"the module reports a SIM state atctl does not know ({code})"))
        return SimCard(state, detail, line.strip())
    if error_code in _CME:
        state, detail = _CME[error_code]
        return SimCard(state, detail, final)
    return SimCard(UNKNOWN, f"AT+CPIN? failed: {final or 'no result'}", final)


def read_sim_state(session) -> SimCard:
    """AT+CPIN? on a started session. A stalled read is 'unknown'; a silent module raises."""
    try:
        response = session.command("AT+CPIN?")
    except ModemTimeout as exc:
        if not session.answers():
            raise
        return SimCard(UNKNOWN, f"AT+CPIN? did not answer ({exc.one_line().rstrip('.')})")
    sim = sim_state_from(response.lines, response.ok, response.error_code, response.final)
    if sim.state == UNKNOWN and not response.ok and response.error_code is None:
        return _sim_state_from_imsi(session) or sim  # plain ERROR: no AT+CPIN? read (SARA-N2, mbed-os #8199)
    return sim


def _sim_state_from_imsi(session) -> SimCard | None:
    """For a module without an AT+CPIN? read: a SIM that gives its IMSI is ready, and the +CME error
    of AT+CIMI tells the rest. The IMSI itself is never kept."""
    try:
        response = session.command("AT+CIMI")
    except ModemTimeout:
        return None
    # bare digits (27.007 7.4), or "+CIMI: <imsi>" / quoted as some firmware writes it
    if response.ok and any(IMSI.match(line.split(":", 1)[-1].strip().strip('"')) for line in response.lines):
        return SimCard(READY, "the SIM gives its IMSI (AT+CIMI); this module has no AT+CPIN? read", "AT+CIMI: OK")
    if response.error_code in _CME:
        state, detail = _CME[response.error_code]
        return SimCard(state, detail.replace("(+CME", "(AT+CIMI: +CME"), response.final)
    return None


class SimNotReady(OperationFailed):
    """The SIM blocks registration: no SIM, locked, or unreadable (exit 1)."""

    def __init__(self, sim: SimCard):
        message, advice = _WORDS[sim.state]
        super().__init__(f"{message}: {advice} (the module answered {sim.raw})" if sim.raw else
                         f"{message}: {advice} ({sim.detail})")
        self.sim = sim


_WORDS = {
    ABSENT: ("no SIM inserted", "insert the SIM (check its orientation and the holder contacts), then power-cycle "
                                "the module"),
    PIN: ("SIM PIN required", "unlock it or disable the PIN; atctl never stores PINs"),
    PUK: ("SIM PUK required", "unblock the SIM with the PUK from the SIM provider, then disable the PIN; "
                              "atctl never stores PINs or PUKs"),
    FAILURE: ("the SIM cannot be used", "reseat or replace the SIM, and check it is activated with the provider"),
}


def require_sim_ready(session) -> SimCard:
    """Stop at once when the SIM makes registration impossible (no 120 s wait for a network that
    cannot come); 'unknown' goes on, since some modules cannot tell."""
    sim = read_sim_state(session)
    if sim.blocking:
        raise SimNotReady(sim)
    return sim
