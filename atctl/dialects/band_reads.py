"""A module's band read (+QCFG "band", +UBANDMASK, +NBAND, +QBAND, +UBANDSEL) as band lists per RAT, for
`atctl bands decode`. With a module profile the module's dialect reads the line (as plan and verify
do), so decode and verify never disagree; the line must be one that dialect reads.

Fields, per line type (JSON keys use `_` where the RAT names use `-`):
- QCFG / UBANDMASK: the codec's per-RAT lists (gsm, umts, lte, lte_m, nb_iot) and the mask layout;
- NBAND, QBAND: nb_iot, supported_list (the `=?` form: what the module supports, not what is
  enabled); QBAND also all_bands (a read of 0: no restriction, every band of the module);
- UBANDSEL: mhz, default (0: every band), supported_list, and gsm, umts, lte: the bands those
  frequencies enable on the module, or without one every band each value can mean;
plus `unparsed` / `warnings` for what could not be read (DESIGN.md).
"""

from __future__ import annotations

from typing import Any

from atctl.bands.ubandsel import ALL_MHZ, UBANDSEL_LTE_MHZ, UBANDSEL_MHZ, bands_from_ubandsel
from atctl.errors import InputError

# line type -> the read command that answers it
READ_COMMANDS = {"QCFG": 'AT+QCFG="band"', "UBANDMASK": "AT+UBANDMASK?", "NBAND": "AT+NBAND?",
                 "QBAND": "AT+QBAND?", "UBANDSEL": "AT+UBANDSEL?"}
_MASK_FIELDS = ("gsm", "umts", "lte", "lte_m", "nb_iot", "layout")
_HINT = 'give a +QCFG: "band",..., +UBANDMASK: ..., +NBAND: ..., +QBAND: ... or +UBANDSEL: ... line'


def decode_band_read(line: str, profile=None) -> tuple[str, dict[str, Any]]:
    """(line type, fields) of one band read; InputError for a line that is no band read, one the
    profile's module does not answer, or one that names no band at all."""
    from atctl.codecs import parse_line
    from atctl.codecs.dispatch import split_line

    prefix, _ = split_line(line)
    if prefix not in READ_COMMANDS:
        raise InputError(f"+{prefix} is not a band read", hint=_HINT)
    if profile is not None:
        _require_the_modules_read(prefix, profile)
    parsed = parse_line(line, profile=profile)
    if parsed.type == "QCFG" and parsed.fields.get("key") != "band":
        raise InputError(f"+QCFG \"{parsed.fields.get('key')}\" is not a band read", hint=_HINT)
    warnings = list(parsed.fields.get("warnings") or [])
    if parsed.type == "NBAND":
        fields = {"nb_iot": parsed.fields["bands"], "supported_list": parsed.fields["test"]}
        if profile is not None:
            warnings += _outside(profile, "nb-iot", fields["nb_iot"])
    elif parsed.type == "QBAND":
        every = parsed.fields["all_bands"]
        bands = profile.bands_for("nb-iot") if every and profile is not None else parsed.fields["bands"]
        fields = {"nb_iot": sorted(set(bands)), "all_bands": every, "supported_list": parsed.fields["test"]}
        if profile is not None and not every:
            warnings += _outside(profile, "nb-iot", fields["nb_iot"])
    elif parsed.type == "UBANDSEL":
        fields = _ubandsel(parsed.fields, profile, warnings)
    else:
        fields = {k: v for k, v in parsed.fields.items() if k in _MASK_FIELDS}
    if parsed.fields.get("unparsed") or warnings:
        fields["unparsed"] = dict(parsed.fields.get("unparsed") or {})
        fields["warnings"] = warnings
    return parsed.type, fields


def _require_the_modules_read(prefix: str, profile) -> None:
    from atctl.dialects import get_dialect

    reads = [command for command, what in get_dialect(profile).read_commands if what == "bands"]
    if reads and READ_COMMANDS[prefix] not in reads:
        raise InputError(f"{profile.id} reads its bands with {reads[0]}, not +{prefix}",
                         hint=f"paste the answer to {reads[0]}, or leave out --module")


def _outside(profile, rat: str, bands) -> list[str]:
    have = set(profile.bands_for(rat))
    return [f"band {b} is not a {rat} band {profile.id} supports" for b in bands if b not in have]


def _ubandsel(f: dict[str, Any], profile, warnings: list[str]) -> dict[str, Any]:
    unknown = [v for v in f["mhz"] if v not in ALL_MHZ]
    known = [v for v in f["mhz"] if v in ALL_MHZ]
    for value in unknown:
        warnings.append(f"+UBANDSEL value {value} is no u-blox band frequency "
                        f"(known: {', '.join(map(str, ALL_MHZ))} MHz)")
    if unknown and not known:
        raise InputError(f"+UBANDSEL names no band frequency ({', '.join(map(str, unknown))})",
                         hint=f"values are MHz: {', '.join(map(str, ALL_MHZ))}, or 0 for the module's default")
    if profile is None:   # every band each value can mean
        chosen = list(ALL_MHZ) if f["default"] else known
        enabled = bands_from_ubandsel(chosen, {g for g, _ in UBANDSEL_MHZ.values() if g is not None},
                                      {b for _, bands in UBANDSEL_MHZ.values() for b in bands},
                                      {b for bands in UBANDSEL_LTE_MHZ.values() for b in bands})
    else:                 # what the module's dialect reads from it (0: every band the module has)
        from atctl.dialects import get_dialect
        from atctl.dialects.settings import Settings

        settings = Settings()
        get_dialect(profile).absorb(settings, "UBANDSEL", {**f, "mhz": known, "test": False})
        enabled = settings.bands
    return {"mhz": known, "default": f["default"], "supported_list": f.get("test", False),
            **{rat: sorted(enabled.get(rat, ())) for rat in ("gsm", "umts", "lte")}}
