"""Who is on the port: identity commands and profile matching."""

from __future__ import annotations

from dataclasses import dataclass

from atctl.at.session import AtSession
from atctl.errors import ModemTimeout


@dataclass
class ModuleIdentity:
    """What the module on the port says it is (AT+CGMI/CGMM/CGMR/CGSN, ICCID, IMSI) and the profile matched."""

    manufacturer: str | None = None
    model: str | None = None
    revision: str | None = None
    imei: str | None = None
    iccid: str | None = None
    imsi: str | None = None
    sim_error: str | None = None
    profile_id: str | None = None


def _first_line(session: AtSession, command: str, prefix: str = "") -> str | None:
    try:
        response = session.command(command)
    except ModemTimeout:
        if not session.answers():
            raise  # the module went silent: every later identity read would wait out its deadline
        return None  # this one command stalls; the others may still tell who the module is
    if not response.ok:
        return None
    for line in response.lines:
        if line.startswith(prefix):
            return line[len(prefix):].strip().strip('"') if prefix else line.strip()
    return None


def identify(session: AtSession, extra_profiles: str | None = None) -> ModuleIdentity:
    from atctl.profiles import match_profile

    ident = ModuleIdentity()
    ident.manufacturer = _first_line(session, "AT+CGMI")
    ident.model = _first_line(session, "AT+CGMM")
    ident.revision = _first_line(session, "AT+CGMR")
    # 27.007 5.4: the bare form answers the IMEI on most modules; <snt>=1 names it explicitly, and
    # is the only form Huawei/Neul-based modules (SARA-N2, BC95) are driven with
    imei = _first_line(session, "AT+CGSN") or _first_line(session, "AT+CGSN=1")
    ident.imei = imei.replace("+CGSN:", "").strip().strip('"') if imei else None
    profile = match_profile(" ".join(filter(None, [ident.model, ident.manufacturer])), extra_profiles)
    if profile is None:
        ati = session.command("ATI")
        profile = match_profile("\n".join(ati.lines), extra_profiles) if ati.ok else None
    if profile is not None:
        ident.profile_id = profile.id
        session.profile = session.profile or profile
    from atctl.dialects import get_dialect

    for command, _prefix in get_dialect(profile).iccid_reads:
        response = session.command(command)
        if response.ok:
            ident.iccid = next((ln.split(":", 1)[1].strip().strip('"') for ln in response.lines if ":" in ln), None)
            break
        if response.error_code in (10, 13):
            ident.sim_error = response.error_text
            break
    response = session.command("AT+CIMI")
    if response.ok and response.lines:
        ident.imsi = response.lines[0].strip()
    elif response.error_text and not ident.sim_error:
        ident.sim_error = response.error_text
    for value in (ident.imei, ident.iccid, ident.imsi):
        session.transcript.add_known_id(value)
    return ident


@dataclass
class ModuleOnPort:
    """What the module says it is (AT+CGMM, else ATI) and the profile that matches it."""

    model: str | None
    profile: object | None  # ModemProfile


def module_on_port(session: AtSession, extra_profiles: str | None = None) -> ModuleOnPort:
    """A quick identity read (one or two commands), for checking a config's module before a write."""
    from atctl.profiles import match_profile

    model = _first_line(session, "AT+CGMM")
    profile = match_profile(model, extra_profiles) if model else None
    if profile is None:
        try:
            ati = session.command("ATI")
        except ModemTimeout:
            ati = None
        if ati is not None and ati.ok and ati.lines:
            profile = match_profile("\n".join(ati.lines), extra_profiles)
            model = model or " ".join(line.strip() for line in ati.lines if line.strip()) or None
    return ModuleOnPort(model, profile)
