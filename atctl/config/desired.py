"""Config file + module profile -> the Settings the module should have (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from atctl.dialects.state import Apn, Edrx, Psm, Settings, canonical_pdp_type
from atctl.errors import InputError


@dataclass
class Desired:
    settings: Settings
    warnings: list[str] = field(default_factory=list)
    derived_bands: dict[str, list[int]] = field(default_factory=dict)  # rat -> bands resting on derived data


def auto_bands(profile, rat: str, countries: list) -> tuple[frozenset[int], bool]:
    """The minimal module band set reaching every usable operator on `rat` (atctl.bands.minimal);
    (bands, whether any of it rests on derived data)."""
    from atctl.bands.minimal import derived_keep, planned_bands

    # every band of a derived operator is in the plan, so the plan rests on derived data exactly
    # when such an operator exists
    return frozenset(planned_bands(profile, countries, rat)), bool(derived_keep(profile, countries, rat))


def desired_state(config, profile, dialect) -> Desired:
    from atctl.data import get_country

    unsupported = [r for r in config.rat if r not in profile.rats]
    if unsupported:
        raise InputError(f"{profile.id} does not support {', '.join(unsupported)}",
                         hint=f"it supports {', '.join(profile.rats)}; change `rat` in the config")
    settings = Settings(rat_order=tuple(config.rat), rat_config=dialect.rat_settings(list(config.rat)),
                        mno_profile=config.mno_profile, radio=1)  # the config asks to register: radio on
    desired = Desired(settings)
    countries = [get_country(code) for code in config.countries]
    settable = dialect.settable_band_rats()
    for rat in config.rat:
        if config.bands == "auto":
            if rat not in settable:
                desired.warnings.append(f"atctl cannot restrict {rat} bands on {profile.id} (its {profile.dialect} "
                                        "dialect has no band command for them): they are left as they are.")
                continue
            bands, derived = auto_bands(profile, rat, countries)
            if not bands:
                desired.warnings.append(f"No {rat} network in {', '.join(config.countries)} uses a band "
                                        f"{profile.id} supports: " + (
                                            f"no {rat} band is planned (its bands follow the other RATs' frequencies)"
                                            if dialect.couples_rats else f"its {rat} bands are left as they are."))
                continue
            if derived:
                desired.derived_bands[rat] = sorted(bands)
        else:
            bands = frozenset(config.bands.get(rat, ()))
            if not bands:
                continue
            extra = sorted(bands - set(profile.bands_for(rat)))
            if extra:
                raise InputError(f"{profile.id} does not support {rat} band(s) {', '.join(map(str, extra))}",
                                 hint=f"its {rat} bands are {', '.join(map(str, profile.bands_for(rat)))}")
            if rat not in settable:
                raise InputError(f"atctl cannot restrict {rat} bands on {profile.id}: its {profile.dialect} dialect "
                                 "has no band command for them",
                                 hint=f"remove `{rat}` from `bands` in the config (bands: auto leaves them as they are)")
        settings.bands[rat] = bands
    settings.bands = dialect.normalize_bands(settings.bands)
    if dialect.couples_rats and config.bands != "auto":
        starved = [r for r in config.rat if r in settable and r in settings.bands
                   and not settings.bands[r] and profile.bands_for(r)]
        if starved:
            raise InputError(f"on {profile.id} one band setting covers {' and '.join(dialect.band_rats)} together: "
                             f"the bands given leave {', '.join(starved)} with no frequency at all",
                             hint=f"add {', '.join(starved)} bands to `bands`, or use bands: auto")
    if not dialect.rat_settable and (len(config.rat) > 1 or set(config.rat) != set(profile.rats)):
        desired.warnings.append(f"atctl cannot select or order RATs on {profile.id} (its {profile.dialect} dialect "
                                f"has no RAT command): the module keeps using any of {', '.join(profile.rats)} "
                                "in its own order.")
    if desired.derived_bands:
        desired.warnings.append("Band plan rests partly on derived data (LTE-M/NB-IoT bands inferred from the "
                                "operators' LTE bands): " + "; ".join(f"{r}: {b}" for r, b in desired.derived_bands.items()))
    if config.psm is False:
        settings.psm = Psm(0)
    elif config.psm is not None:
        from atctl.timers.psm import encode_psm

        enc = encode_psm(config.psm.tau, config.psm.active)
        settings.psm = Psm(1, enc.tau.bits, enc.active.bits)
        desired.warnings.extend(enc.warnings)
    edrx_rats = [r for r in config.rat if r in ("lte-m", "nb-iot")]
    if config.edrx is False:
        settings.edrx = {rat: Edrx(0) for rat in edrx_rats}
    elif config.edrx:
        from atctl.codecs.edrx_request import vendor_warnings
        from atctl.timers.edrx import encode_edrx, encode_ptw

        for rat, want in config.edrx.items():
            cycle = encode_edrx(rat, want.cycle)
            ptw = encode_ptw(rat, want.ptw) if want.ptw is not None else None
            settings.edrx[rat] = Edrx(2, cycle.bits, ptw.bits if ptw else None)
            desired.warnings.extend(cycle.warnings + (ptw.warnings if ptw else ()))
            desired.warnings.extend(vendor_warnings(dialect.vendor_for_commands, ptw.bits if ptw else None))
    if config.apn is not None:
        settings.apn = Apn(config.apn.cid, canonical_pdp_type(config.apn.pdp_type), config.apn.name)
    return desired
