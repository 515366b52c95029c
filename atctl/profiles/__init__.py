"""Module profiles: one YAML file per module in modem_profiles/ (vendor data, no code).

`load_profile(id)` / `all_profiles()` / `match_profile(cgmm_or_ati_text)`.
Heavy imports (yaml, pydantic) happen inside these functions.
"""

from atctl.profiles.loader import all_profiles, load_profile, match_profile, profile_dirs

__all__ = ["all_profiles", "load_profile", "match_profile", "profile_dirs"]
