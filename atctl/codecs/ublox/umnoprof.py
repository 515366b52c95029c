"""u-blox +UMNOPROF: the MNO profile (SARA-R4/R5 AT manuals)."""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import req_int, split_fields
from atctl.codecs.model import Model


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


def build_umnoprof(profile: int) -> str:
    """AT+UMNOPROF=<MNO> (SARA-R4/R5 AT manuals); set with the radio off, applied at the reboot."""
    return f"AT+UMNOPROF={int(profile)}"


def format_umnoprof(profile: int) -> str:
    return f"+UMNOPROF: {int(profile)}"
