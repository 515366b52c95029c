"""Framing throughput: a generated URC-heavy byte stream fed through the framer in
random 1-4096 byte fragments. Target: >= 20 MB/s at every size, and linear growth
(MB/s at the largest size within 25 % of the smallest)."""

from __future__ import annotations

import random
import time

TARGET_MBPS = 20.0

LINES = [b'\r\n+CEREG: 1,"71F6","14BCB0C",9,,,"00001010","00001010"\r\n', b"\r\n+CSQ: 17,99\r\n",
         b'\r\n+CEDRXP: 4,"1000","0101","1011"\r\n', b'\r\n+QIURC: "recv",0\r\n', b"\r\nOK\r\n",
         b'\r\n+QNWINFO: "eMTC","24701","LTE BAND 20",6300\r\n', b"\r\nPSM POWER DOWN\r\n", b"AT+CSQ\r"]


def make_stream(size: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    block = b"".join(rng.choice(LINES) for _ in range(4096))
    return (block * (size // len(block) + 1))[:size]


def measure(size_mb: int, seed: int = 1) -> float:
    from atctl.at.classify import RAW_DATA_PREFIXES
    from atctl.at.framing import Framer

    data = make_stream(size_mb * 1_000_000, seed)
    rng = random.Random(seed)
    cuts, pos = [], 0
    while pos < len(data):
        step = rng.randint(1, 4096)
        cuts.append((pos, pos + step))
        pos += step
    chunks = [data[a:b] for a, b in cuts]
    framer = Framer(raw_prefixes=RAW_DATA_PREFIXES, raw_length=lambda line: None)
    start = time.perf_counter()
    events = 0
    for chunk in chunks:
        events += len(framer.feed(chunk))
    elapsed = time.perf_counter() - start
    assert events > 0
    return size_mb / elapsed


def run(sizes_mb: tuple[int, ...] = (1, 10, 50)) -> list[dict]:
    rates = {size: measure(size) for size in sizes_mb}
    results = [{"name": f"framing {size} MB URC-heavy, 1-4096 B fragments", "value": round(rate, 1), "unit": "MB/s",
                "target": f">= {TARGET_MBPS:g}", "ok": rate >= TARGET_MBPS, "detail": ""} for size, rate in rates.items()]
    if len(rates) > 1:
        ratio = rates[max(rates)] / rates[min(rates)]
        results.append({"name": "framing linearity (MB/s largest / smallest)", "value": round(ratio, 2),
                        "unit": "ratio", "target": ">= 0.75", "ok": ratio >= 0.75, "detail": "1.0 = perfectly linear"})
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
