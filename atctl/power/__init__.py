"""Battery-life model for PSM / eDRX devices: pure code, no I/O (docs/POWER.md).

- `battery`: battery presets and the usable-capacity / self-discharge derating.
- `currents`: a module's current figures (from its profile's `power:` section or a
  named family default) and the curves fitted through them.
- `model`: the phases of one day (PSM sleep, DRX/eDRX paging, TAU wake-ups, data
  with the RRC inactivity and active-time tails) and the estimate.
- `advise`: which representable timers reach a target battery life.
"""
