#!/usr/bin/env python3
"""Throughput under load, bare against the agent: ThroughputApp (a loopback server and 8 callers making keep-alive
GETs through one shared OkHttp client) in a JVM of its own, without and with -javaagent, alternating round by round.

Usage: throughput.py <out.json> <rounds> <threads> <requests per thread> <benchmarks.jar> <guard-agent.jar> [java]
"""
import json, statistics, subprocess, sys

OUT, ROUNDS, THREADS, PER_THREAD, JAR, AGENT = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], \
    sys.argv[6]
JAVA = sys.argv[7] if len(sys.argv) > 7 else "java"
VARIANTS = {"bare": [], "guard-agent": ["-javaagent:" + AGENT]}

runs = {name: [] for name in VARIANTS}
for _ in range(ROUNDS):
    for name, extra in VARIANTS.items():
        out = subprocess.run([JAVA, "-Xmx512m"] + extra + ["-cp", JAR, "dev.portguard.benchmarks.ThroughputApp",
                                                          THREADS, PER_THREAD],
                             check=True, capture_output=True, text=True).stdout
        runs[name].append(json.loads(out.strip().splitlines()[-1]))
        print(name, runs[name][-1], flush=True)
with open(OUT, "w") as f:
    json.dump({"threads": int(THREADS), "requests_per_thread": int(PER_THREAD), "runs": runs}, f, indent=1)
for name, rs in runs.items():
    print("%-12s %8.0f req/s  p99 %7.1f us" % (name, statistics.median(r["per_second"] for r in rs),
                                              statistics.median(r["p99_us"] for r in rs)))
