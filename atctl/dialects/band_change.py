"""The band change alone for a module and deployment countries: the smallest band set per RAT
(atctl.bands.minimal) and the steps the module's dialect plans for it, the very steps
`atctl plan` takes for those bands (used by `atctl bands mask` and the console's :bands)."""

from __future__ import annotations

from dataclasses import dataclass, field

from atctl.dialects.settings import Step


@dataclass
class BandChange:
    bands: dict[str, list[int]]                       # per requested RAT: the planned bands ([] = none usable)
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def commands(self) -> list[str]:
        return [step.command for step in self.steps]

    @property
    def around(self) -> list[str]:
        """Why the steps that are no band write are there (radio off, reboot, radio on)."""
        return [f"{step.command}: {step.purpose}" for step in self.steps if step.setting != "bands"]


def band_change(profile, countries: list, rats: list[str]) -> BandChange:
    from atctl.bands.minimal import derived_notes, minimal_bands
    from atctl.dialects import get_dialect

    dialect = get_dialect(profile)
    bands = minimal_bands(profile, countries, rats)
    settable = dialect.settable_band_rats()
    notes = derived_notes(profile, countries, rats)
    for rat in rats:
        if rat not in profile.rats:
            notes.append(f"{profile.id} does not support {rat}: there is no {rat} band to restrict")
        elif rat not in settable:
            notes.append(f"atctl cannot restrict {rat} bands on {profile.id} (its {profile.dialect} dialect has no "
                         "band command for them)")
        elif not bands[rat] and profile.bands_for(rat):
            notes.append(f"no {rat} network in these countries uses a band {profile.id} supports: " + (
                f"no {rat} band is planned (its bands follow the other RATs' frequencies)" if dialect.couples_rats
                else f"its {rat} bands are left as they are"))
    for rat in rats:
        if rat in settable and bands[rat] and set(bands[rat]) == set(profile.bands_for(rat)):
            notes.append(f"{rat}: every band {profile.id} has is needed ({', '.join(map(str, sorted(bands[rat])))}): "
                         "the factory setting; the commands only undo an earlier restriction")
    steps = dialect.band_steps({rat: frozenset(b) for rat, b in bands.items() if rat in settable})
    if steps:
        notes += dialect.band_change_notes
    return BandChange(bands, steps, notes)
