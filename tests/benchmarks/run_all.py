"""Run every benchmark and print one table of figures against their targets.

    python tests/benchmarks/run_all.py [--quick] [--json]

Each bench_*.py module exposes run(**kwargs) -> {name, value, unit, target, ok, detail}.
Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHES = ["bench_startup", "bench_apply", "bench_framing", "bench_bands", "bench_decode_log", "bench_rfc2217",
           "bench_memory", "bench_power"]
QUICK = {"bench_startup": {"runs": 5}, "bench_framing": {"sizes_mb": (1,)}, "bench_decode_log": {"lines": 20_000, "runs": 1},
         "bench_rfc2217": {"runs": 3}, "bench_memory": {"seconds": 3}, "bench_power": {"runs": 5}}


def machine() -> str:
    return f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller inputs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, HERE)
    results = []
    for name in BENCHES:
        module = importlib.import_module(name)
        kwargs = QUICK.get(name, {}) if args.quick else {}
        out = module.run(**kwargs)
        results.extend(out if isinstance(out, list) else [out])
    if args.json:
        print(json.dumps({"machine": machine(), "results": results}, indent=2))
    else:
        print(f"machine: {machine()}")
        width = max(len(r["name"]) for r in results)
        for r in results:
            mark = "ok  " if r["ok"] else "MISS"
            print(f"{mark} {r['name']:<{width}}  {r['value']:>10} {r['unit']:<5} target {r['target']:<10} {r['detail']}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
