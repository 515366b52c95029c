"""What the simulated network does with a module's request: which cell, which
band, and which PSM / eDRX values it grants. Pure functions of scenario + request."""

from __future__ import annotations

from atctl.sim.scenarios import Scenario
from atctl.timers import edrx as edrx_codec
from atctl.timers import psm as psm_codec


def network_bands(scenario: Scenario) -> dict[str, tuple[int, ...]]:
    return scenario.bands


def choose_cell(scenario: Scenario, rat_order: list[str], enabled: dict[str, set[int]]) -> tuple[str, int] | None:
    """First RAT in the module's order that the network offers on an enabled band; lowest such band."""
    offered = network_bands(scenario)
    for rat in rat_order:
        common = sorted(set(offered.get(rat, ())) & enabled.get(rat, set()))
        if common:
            return rat, common[0]
    return None


def grant_psm(scenario: Scenario, mode: int, tau_bits: str | None, active_bits: str | None) -> tuple[str | None, str | None]:
    """(T3412 ext bits, T3324 bits) the network sends back; (None, None) when it grants no PSM."""
    policy = scenario.psm
    if mode != 1 or not tau_bits or not active_bits or policy.kind == "refuse":
        return None, None
    tau = psm_codec.decode_t3412_ext(tau_bits).seconds
    active = psm_codec.decode_t3324(active_bits).seconds
    if tau is None or active is None:
        return None, None
    if policy.kind == "clamp":
        if policy.max_tau_s is not None and tau > policy.max_tau_s:
            tau = policy.max_tau_s
        if policy.max_active_s is not None and active > policy.max_active_s:
            active = policy.max_active_s
        return psm_codec.encode_t3412_ext(tau, "down").bits, psm_codec.encode_t3324(active, "down").bits
    if policy.kind == "round":
        tau_bits_out = psm_codec.encode_t3412_ext(max(3600, round(tau / 3600) * 3600), "nearest").bits
        active_out = psm_codec.encode_t3324(round(active / 60) * 60, "nearest").bits
        return tau_bits_out, active_out
    # grant: networks often re-encode the same duration (DOMAIN.md: SARA-R4 reads 600 s back as 10010100)
    return psm_codec.encode_t3412_ext(tau, "exact").bits, psm_codec.encode_t3324(active, "exact").bits


def grant_edrx(scenario: Scenario, rat: str, requested: str | None, ptw: str | None) -> tuple[str | None, str | None]:
    """(eDRX bits, PTW bits) in use, or (None, None) when the cell does not use eDRX."""
    if requested is None or rat not in edrx_codec.RAT_ACT or scenario.edrx == "refuse":
        return None, None
    if scenario.edrx == "grant":
        value = edrx_codec.decode_edrx(rat, requested)
        if value.effective_bits is None:
            return None, None
        granted = value.effective_bits
    else:
        granted = edrx_codec.encode_edrx(rat, float(scenario.edrx), "nearest").bits
    ptw_bits = ptw or ("0011" if rat == "lte-m" else "0001")
    return granted, ptw_bits
