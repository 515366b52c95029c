"""Config file + module profile -> the Settings the module should have (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from atctl.dialects.settings import ApnSetting, EdrxSetting, PsmSetting, Settings, canonical_pdp_type
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
    """What `config` asks of this module: settings (RATs, bands, PSM, eDRX, APN) and the warnings a
    plan must show. InputError (exit 2) for what the module cannot do."""
    from atctl.data import get_country

    _check_rats(config, profile)
    settings = Settings(rat_order=tuple(config.rat), rat_config=dialect.rat_settings(list(config.rat)),
                        mno_profile=config.mno_profile, cfun=1)  # the config asks to register: radio on
    desired = Desired(settings)
    countries = [get_country(code) for code in config.countries]
    for rat in config.rat:
        bands = _rat_bands(config, profile, dialect, rat, countries, desired)
        if bands is not None:
            settings.bands[rat] = bands
    settings.bands = dialect.normalize_bands(settings.bands)
    _check_no_rat_starved(config, profile, dialect, settings)
    desired.warnings.extend(_rat_order_warnings(config, profile, dialect))
    desired.warnings.extend(_derived_warnings(desired.derived_bands))
    _psm(config, desired)
    _edrx(config, dialect, desired)
    if config.apn is not None:
        settings.apn = ApnSetting(config.apn.cid, canonical_pdp_type(config.apn.pdp_type), config.apn.name)
    return desired


def _check_rats(config, profile) -> None:
    unsupported = [r for r in config.rat if r not in profile.rats]
    if unsupported:
        raise InputError(f"{profile.id} does not support {', '.join(unsupported)}",
                         hint=f"it supports {', '.join(profile.rats)}; change `rat` in the config")


def _rat_bands(config, profile, dialect, rat: str, countries: list, desired: Desired) -> frozenset[int] | None:
    """The bands to set on `rat`; None: leave them as they are."""
    if config.bands == "auto":
        return _auto_rat_bands(config, profile, dialect, rat, countries, desired)
    return _explicit_rat_bands(config, profile, dialect, rat)


def _auto_rat_bands(config, profile, dialect, rat: str, countries: list, desired: Desired) -> frozenset[int] | None:
    if rat not in dialect.settable_band_rats():
        desired.warnings.append(f"atctl cannot restrict {rat} bands on {profile.id} (its {profile.dialect} "
                                "dialect has no band command for them): they are left as they are.")
        return None
    bands, derived = auto_bands(profile, rat, countries)
    if not bands:
        desired.warnings.append(f"No {rat} network in {', '.join(config.countries)} uses a band "
                                f"{profile.id} supports: " + (
                                    f"no {rat} band is planned (its bands follow the other RATs' frequencies)"
                                    if dialect.couples_rats else f"its {rat} bands are left as they are."))
        return None
    if derived:
        desired.derived_bands[rat] = sorted(bands)
    return bands


def _explicit_rat_bands(config, profile, dialect, rat: str) -> frozenset[int] | None:
    bands = frozenset(config.bands.get(rat, ()))
    if not bands:
        return None
    extra = sorted(bands - set(profile.bands_for(rat)))
    if extra:
        raise InputError(f"{profile.id} does not support {rat} band(s) {', '.join(map(str, extra))}",
                         hint=f"its {rat} bands are {', '.join(map(str, profile.bands_for(rat)))}")
    if rat not in dialect.settable_band_rats():
        raise InputError(f"atctl cannot restrict {rat} bands on {profile.id}: its {profile.dialect} dialect "
                         "has no band command for them",
                         hint=f"remove `{rat}` from `bands` in the config (bands: auto leaves them as they are)")
    return bands


def _check_no_rat_starved(config, profile, dialect, settings: Settings) -> None:
    """Where one band setting covers several RATs, explicit bands must leave each RAT a frequency."""
    if not dialect.couples_rats or config.bands == "auto":
        return
    settable = dialect.settable_band_rats()
    starved = [r for r in config.rat if r in settable and r in settings.bands
               and not settings.bands[r] and profile.bands_for(r)]
    if starved:
        raise InputError(f"on {profile.id} one band setting covers {' and '.join(dialect.band_rats)} together: "
                         f"the bands given leave {', '.join(starved)} with no frequency at all",
                         hint=f"add {', '.join(starved)} bands to `bands`, or use bands: auto")


def _rat_order_warnings(config, profile, dialect) -> list[str]:
    if dialect.rat_settable or (len(config.rat) <= 1 and set(config.rat) == set(profile.rats)):
        return []
    return [f"atctl cannot select or order RATs on {profile.id} (its {profile.dialect} dialect "
            f"has no RAT command): the module keeps using any of {', '.join(profile.rats)} in its own order."]


def _derived_warnings(derived_bands: dict[str, list[int]]) -> list[str]:
    if not derived_bands:
        return []
    return ["Band plan rests partly on derived data (LTE-M/NB-IoT bands inferred from the "
            "operators' LTE bands): " + "; ".join(f"{r}: {b}" for r, b in derived_bands.items())]


def _psm(config, desired: Desired) -> None:
    if config.psm is False:
        desired.settings.psm = PsmSetting(0)
    elif config.psm is not None:
        from atctl.timers.psm import encode_psm

        enc = encode_psm(config.psm.tau, config.psm.active)
        desired.settings.psm = PsmSetting(1, enc.tau.bits, enc.active.bits)
        desired.warnings.extend(enc.warnings)


def _edrx(config, dialect, desired: Desired) -> None:
    if config.edrx is False:
        desired.settings.edrx = {rat: EdrxSetting(0) for rat in config.rat if rat in ("lte-m", "nb-iot")}
        return
    if not config.edrx:
        return
    from atctl.timers.edrx import encode_edrx, encode_ptw, ptw_cycle_warnings

    for rat, want in config.edrx.items():
        cycle = encode_edrx(rat, want.cycle)
        ptw = encode_ptw(rat, want.ptw) if want.ptw is not None else None
        desired.settings.edrx[rat] = EdrxSetting(2, cycle.bits, ptw.bits if ptw else None)
        desired.warnings.extend(cycle.warnings + (ptw.warnings if ptw else ()))
        desired.warnings.extend(dialect.ptw_warnings(ptw.bits if ptw else None))
        desired.warnings.extend(ptw_cycle_warnings(cycle.seconds, ptw.seconds if ptw else None))
