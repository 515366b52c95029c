"""The power-estimate parameters a device config file states (module, rat, psm, edrx, traffic,
battery), in `atctl power estimate`'s option names (atctl.power.request)."""

from __future__ import annotations


def power_params(path: str) -> dict:
    """Base parameters from a device config file's module/rat/psm/edrx/traffic/battery."""
    from atctl.config.loader import load_config

    cfg = load_config(path)
    p: dict = {}
    if cfg.module:
        p["module"] = cfg.module
    rats = [r for r in cfg.rat if r in ("lte-m", "nb-iot")]
    if rats:
        p["rat"] = rats[0]
    if cfg.psm is False:
        p["psm"] = "off"
    elif cfg.psm:
        p["tau"], p["active"] = cfg.psm.tau, cfg.psm.active
    if isinstance(cfg.edrx, dict) and p.get("rat") in cfg.edrx:
        want = cfg.edrx[p["rat"]]
        p["edrx"], p["ptw"] = want.cycle, want.ptw
    t = cfg.traffic
    if t:
        p.update({"uplink": t.uplink, "every": t.every, "per-day": t.per_day, "downlink": t.downlink,
                  "downlink-every": t.downlink_every, "downlink-per-day": t.downlink_per_day,
                  "signal": t.signal, "tx-dbm": t.tx_dbm, "rrc-tail": t.rrc_inactivity})
    if cfg.battery:
        if cfg.battery.preset:
            p["battery"] = cfg.battery.preset
        else:
            p["battery-mah"], p["battery-v"] = cfg.battery.capacity_mah, cfg.battery.voltage
    return {k: v for k, v in p.items() if v is not None}
