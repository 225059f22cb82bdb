"""Draws the load curve: clients against pose → peer latency (p50/p95/p99) and the server's CPU.

Usage: /usr/bin/python3 scripts/bench/load/plot.py RUNS.jsonl OUT.png
RUNS.jsonl holds the --json lines of `npm run loadtest`, one run a line.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(runs_path: str, out_path: str) -> None:
    with open(runs_path, encoding="utf-8") as handle:
        runs = sorted((json.loads(line) for line in handle if line.strip()), key=lambda r: r["clients"])
    clients = [r["clients"] for r in runs]
    fig, latency = plt.subplots(figsize=(7, 4.2), dpi=120)
    for key, label in (("p50Ms", "p50"), ("p95Ms", "p95"), ("p99Ms", "p99")):
        latency.plot(clients, [r[key] for r in runs], marker="o", label=label)
    latency.axhline(100, color="grey", linestyle="--", linewidth=1, label="100 ms")
    latency.set_yscale("log")
    latency.set_xlabel("clients (16-player spaces, one server process)")
    latency.set_ylabel("pose → peer latency (ms)")
    cpu = latency.twinx()
    cpu.plot(clients, [r["serverCpuPct"] for r in runs], color="black", linestyle=":", marker="x", label="server CPU % of a core")
    cpu.set_ylabel("server CPU (% of one core)")
    cpu.set_ylim(0, 100)
    lines = latency.get_legend_handles_labels()
    more = cpu.get_legend_handles_labels()
    latency.legend(lines[0] + more[0], lines[1] + more[1], loc="upper left", fontsize=8)
    latency.set_title("npm run loadtest on a shared 2-core machine")
    fig.tight_layout()
    fig.savefig(out_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
