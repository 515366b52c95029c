"""The commands that request an eDRX cycle (and a paging time window where the module can set one).

Three forms (the profile quirk `ptw_command` names them): the standard AT+CEDRXS (no PTW),
Quectel AT+QPTWEDRXS (PTW first), u-blox SARA-R5 AT+CEDRXS with the PTW as 4th parameter.
`atctl edrx encode --vendor` names them by vendor (VENDORS); the dialects pass the quirk.
"""

from __future__ import annotations

from atctl.codecs.quectel.qptwedrxs import build_qptwedrxs
from atctl.codecs.standard.edrx import build_cedrxs
from atctl.codecs.ublox.cedrxs import build_cedrxs_ptw
from atctl.errors import InputError
from atctl.timers.edrx import RAT_ACT, check_bits4, check_rat

# --vendor name -> `ptw_command` form (modem_profiles/README: qptwedrxs, cedrxs4, none)
VENDOR_PTW_FORM = {"standard": "none", "quectel": "qptwedrxs", "ublox-r5": "cedrxs4", "ublox-r4": "none"}
VENDORS = tuple(VENDOR_PTW_FORM)
PTW_FORMS = ("none", "qptwedrxs", "cedrxs4")


def build_edrx_request(rat: str, edrx_bits: str, ptw_bits: str | None = None, ptw_form: str = "none",
                       mode: int = 2) -> list[str]:
    """The command requesting this eDRX cycle on `rat`, with the PTW when `ptw_form` can carry it."""
    act = RAT_ACT[check_rat(rat)]
    edrx_bits = check_bits4(edrx_bits, "eDRX cycle")
    if ptw_form not in PTW_FORMS:
        raise InputError(f"paging time window form {ptw_form!r} is not known", hint=f"use one of {', '.join(PTW_FORMS)}")
    if ptw_bits is not None:
        ptw_bits = check_bits4(ptw_bits, "paging time window")
        if ptw_form == "qptwedrxs":
            return [build_qptwedrxs(mode, act, ptw_bits, edrx_bits)]
        if ptw_form == "cedrxs4":
            return [build_cedrxs_ptw(mode, act, edrx_bits, ptw_bits)]
    return [build_cedrxs(mode, act, edrx_bits)]


def _ptw_form(vendor: str) -> str:
    if vendor not in VENDORS:
        raise InputError(f"vendor {vendor!r} is not known", hint=f"use one of {', '.join(VENDORS)}")
    return VENDOR_PTW_FORM[vendor]


def edrx_commands(rat: str, edrx_bits: str, ptw_bits: str | None = None, vendor: str = "standard",
                  mode: int = 2) -> list[str]:
    """build_edrx_request with the form named by vendor (`atctl edrx encode --vendor`)."""
    check_rat(rat)
    check_bits4(edrx_bits, "eDRX cycle")
    return build_edrx_request(rat, edrx_bits, ptw_bits, _ptw_form(vendor), mode)


# --vendor forms that drop a requested PTW, and what to say about it
_PTW_DROPPED = {
    "ublox-r4": "SARA-R4 modules cannot set the paging time window: only the eDRX cycle is requested.",
    "standard": "The standard AT+CEDRXS has no paging time window parameter: use --vendor quectel or "
                "ublox-r5 to request it.",
}


def vendor_warnings(vendor: str, ptw_bits: str | None) -> tuple[str, ...]:
    """Why a requested PTW will not be sent."""
    if ptw_bits is None or vendor not in _PTW_DROPPED:
        return ()
    return (_PTW_DROPPED[vendor],)
