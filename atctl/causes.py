"""EMM cause values (3GPP TS 24.301 annex A / 9.9.3.9) in plain words, with what to do."""

from __future__ import annotations

EMM_CAUSES: dict[int, tuple[str, str]] = {
    2: ("IMSI unknown in HSS", "the SIM is not provisioned on this network: ask the SIM provider"),
    3: ("illegal UE", "the network rejects this SIM/device: ask the SIM provider"),
    5: ("IMEI not accepted", "the device IMEI is blocked or not allowed on this network"),
    6: ("illegal ME", "the device is blacklisted on this network"),
    7: ("EPS services not allowed", "the SIM subscription has no LTE data: check the plan"),
    8: ("EPS and non-EPS services not allowed", "the SIM subscription allows no service: check the plan"),
    9: ("UE identity cannot be derived by the network", "reboot the module; if it persists ask the operator"),
    10: ("implicitly detached", "transient: the module should re-attach by itself"),
    11: ("PLMN not allowed", "this network does not allow the SIM (no roaming agreement): select another operator"),
    12: ("tracking area not allowed", "the SIM may not be used in this area"),
    13: ("roaming not allowed in this tracking area", "roaming is barred here: try another operator"),
    14: ("EPS services not allowed in this PLMN", "no LTE data on this network for the SIM: try another operator"),
    15: ("no suitable cells in tracking area", "no cell here accepts the SIM: check bands/RAT and coverage"),
    18: ("CS domain not available", "SMS/voice domain missing: data may still work"),
    19: ("ESM failure", "the APN or PDN request was refused: check the APN"),
    22: ("congestion", "the network is congested: retry later"),
    25: ("not authorized for this CSG", "closed subscriber group cell: move or select another cell"),
    31: ("redirection to 5GCN required", "the network wants 5G core: not supported by this module"),
    35: ("requested service option not authorized in this PLMN", "service barred here: ask the SIM provider"),
    40: ("no EPS bearer context activated", "check the APN"),
    42: ("severe network failure", "network problem: retry later"),
    111: ("protocol error, unspecified", "retry; if it persists capture a transcript for the operator"),
}


def emm_cause(code: int | None) -> str:
    if code is None:
        return "no cause given"
    return EMM_CAUSES.get(code, (f"cause {code}", ""))[0]


def emm_advice(code: int | None) -> str:
    return EMM_CAUSES.get(code, ("", "capture a transcript and ask the SIM provider"))[1] if code is not None else ""
