"""Configuration time: `apply` of a full example config on sim://...?latency=L.

Each AT command costs the simulated modem L seconds, so the modem's own time is
commands x L. Target: wall time <= 1.05 x commands x L + 0.3 s, i.e. atctl adds
nothing but the modem's time (no fixed sleeps). Measured in-process (the
start-up benchmark covers process start) with registration delay 0, so network
time does not count.
"""

from __future__ import annotations

import tempfile
import time

LATENCY = 0.05


def run(latency: float = LATENCY, config: str = "examples/lte-m-tracker-eu-us.yaml") -> dict:
    from atctl.at import open_session
    from atctl.config.apply import apply_config
    from atctl.config.loader import load_config
    from atctl.profiles import load_profile

    cfg = load_config(config)
    profile = load_profile(cfg.module)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sim://{cfg.module}?network=de-telekom&reg_delay=0&latency={latency}&nvm={tmp}/nvm.json"
        start = time.perf_counter()
        with open_session(url, profile=profile) as session:
            outcome = apply_config(session, cfg, profile)
            commands = len(session.log)
        elapsed = time.perf_counter() - start
    budget = 1.05 * commands * latency + 0.3
    return {
        "name": f"apply {config.split('/')[-1]} at latency {latency:g} s",
        "value": round(elapsed / (commands * latency), 3),
        "unit": "ratio",
        "target": "<= 1.05 (+0.3 s)",
        "ok": elapsed <= budget and outcome.ok,
        "detail": f"{elapsed:.2f} s for {commands} commands ({len(outcome.results)} writes); budget {budget:.2f} s",
    }


if __name__ == "__main__":
    print(run())
