"""Draws load curves: clients against pose → peer p95 latency and the server's CPU, one series a file.

Usage: /usr/bin/python3 scripts/bench/load/plot.py OUT.png LABEL=RUNS.jsonl [LABEL=RUNS.jsonl ...]
Each RUNS.jsonl holds the --json lines of `npm run loadtest`, one run a line; the first series is
drawn with p50, p95 and p99, the others with p95 only.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path: str) -> list:
    with open(path, encoding="utf-8") as handle:
        return sorted((json.loads(line) for line in handle if line.strip()), key=lambda r: r["clients"])


def main(out_path: str, series: list) -> None:
    fig, latency = plt.subplots(figsize=(7.5, 4.4), dpi=120)
    cpu = latency.twinx()
    for index, spec in enumerate(series):
        label, path = spec.split("=", 1)
        runs = read(path)
        clients = [r["clients"] for r in runs]
        keys = (("p50Ms", "p50"), ("p95Ms", "p95"), ("p99Ms", "p99")) if index == 0 else (("p95Ms", "p95"),)
        for key, name in keys:
            latency.plot(clients, [r[key] for r in runs], marker="o", linestyle="-" if index == 0 else "--", label=f"{name}, {label}")
        cpu.plot(clients, [r["serverCpuPct"] for r in runs], color="black", linestyle=":" if index == 0 else "-.", marker="x", label=f"server CPU, {label}")
    latency.axhline(100, color="grey", linestyle="--", linewidth=1, label="100 ms")
    latency.set_yscale("log")
    latency.set_xlabel("clients (16-player spaces, one server process)")
    latency.set_ylabel("pose → peer latency (ms)")
    cpu.set_ylabel("server CPU (% of one core)")
    cpu.set_ylim(0, 100)
    lines, labels = latency.get_legend_handles_labels()
    more_lines, more_labels = cpu.get_legend_handles_labels()
    latency.legend(lines + more_lines, labels + more_labels, loc="upper left", fontsize=7)
    latency.set_title("npm run loadtest, server and generators on one 2-core machine")
    fig.tight_layout()
    fig.savefig(out_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
