#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the results benchmarks/run.sh left in a directory: each result with its spread, the
ratio to each alternative measured in the same run, and whether each goal was met. What the numbers mean, and what
would fix a missed goal, is benchmarks/bench/analysis.md, appended as written.

Usage: report.py <results dir> <BENCHMARKS.md>
"""
import json, math, os, statistics, sys

RESULTS, TARGET = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
lines = []
verdicts = []


def out(text=""):
    lines.append(text)


def load(name):
    path = os.path.join(RESULTS, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def goal(name, met, detail):
    verdicts.append((name, met, detail))
    return ("met" if met else "**missed**") + " (" + detail + ")"


# Two-sided 95% quantiles of Student's t for small degrees of freedom; the normal's beyond.
T95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23, 11: 2.20,
       12: 2.18, 13: 2.16, 14: 2.14, 15: 2.13, 16: 2.12, 17: 2.11, 18: 2.10, 19: 2.09, 20: 2.09, 25: 2.06, 30: 2.04}


def t95(df):
    df = max(1, int(df))
    if df in T95:
        return T95[df]
    smaller = [k for k in T95 if k <= df]
    return T95[max(smaller)] if df <= 30 else 1.96


def difference(a, b):
    """Mean of a minus mean of b with its 95% confidence interval (Welch), from per-iteration samples."""
    ma, mb = statistics.mean(a), statistics.mean(b)
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    se = math.sqrt(va + vb)
    df = (va + vb) ** 2 / ((va ** 2) / (len(a) - 1) + (vb ** 2) / (len(b) - 1)) if se > 0 else 1
    half = t95(df) * se
    return ma - mb, ma - mb - half, ma - mb + half


def jmh(name):
    data = load(name) or []
    table = {}
    for run in data:
        key = (run["benchmark"].split(".")[-2] + "." + run["benchmark"].split(".")[-1],
               tuple(sorted((run.get("params") or {}).items())), run["threads"])
        raw = [x for fork in run["primaryMetric"]["rawData"] for x in fork]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        table[key] = {"score": run["primaryMetric"]["score"], "error": run["primaryMetric"]["scoreError"],
                      "unit": run["primaryMetric"]["scoreUnit"], "raw": raw, "alloc": alloc}
    return table


def find(table, bench, threads=None, **params):
    for (b, p, t), v in table.items():
        if b.endswith(bench) and all(dict(p).get(k) == val for k, val in params.items()) \
                and (threads is None or t == threads):
            return v
    return None


def fmt(x, digits=1):
    if isinstance(x, str):  # JMH writes "NaN" for an error it could not compute
        try:
            x = float(x)
        except ValueError:
            return x
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return "{:,.{}f}".format(x, digits)


def alloc(v):
    if v is None or v["alloc"] is None:
        return "n/a"
    return "≈ 0" if v["alloc"] < 0.01 else fmt(v["alloc"], 0)


def spread(samples):
    return "%s–%s" % (fmt(min(samples), 0), fmt(max(samples), 0))


machine = load("machine.json") or {}
out("# BENCHMARKS")
out()
out("Written by `benchmarks/run.sh` (do not edit by hand: run it again). Every alternative below was measured in the")
out("same run as PortGuard, on the same machine, so ratios compare like with like.")
out()
out("- When: %s" % machine.get("date", "?"))
out("- Machine: %s, %s cores, %s, kernel %s" % (machine.get("cpu", "?"), machine.get("cores", "?"),
                                               machine.get("memory", "?"), machine.get("kernel", "?")))
out("- Load average before / after: %s / %s" % (machine.get("load_before", "?"), machine.get("load_after", "?")))
out("- JDKs: %s" % ", ".join(machine.get("jdks", [])))
out("- Command: `%s`" % machine.get("command", "bash benchmarks/run.sh"))
out("- Commit: %s" % machine.get("commit", "?"))
out()

# 1. hook cost
okhook = jmh("hook-okhttp.json")
hchook = jmh("hook-hc5.json")
if okhook or hchook:
    out("## 1. What a hook adds to one pooled request (JMH, `-prof gc`)")
    out()
    out("The callbacks a client makes for one GET on a pooled connection, with no I/O: OkHttp's event listener")
    out("callbacks in OkHttp's order (`OkHttpHookCostBenchmark`), and Apache HttpClient 5's lease and release of a")
    out("kept connection with each hook around it (`HttpClient5HookCostBenchmark`). *Added* is the variant minus the")
    out("client's own floor (OkHttp's no-op listener; HttpClient 5 with no hook). Mean ± JMH's 99.9% error.")
    out()
    for title, table, floor_name, param in (("OkHttp 5", okhook, "none", "listener"),
                                            ("Apache HttpClient 5", hchook, "bare", "hook")):
        if not table:
            continue
        floor = find(table, "pooledGet" if param == "listener" else "pooledRequest", **{param: floor_name})
        out("| %s | ns/op | ± | added ns | B/op |" % title)
        out("|---|---:|---:|---:|---:|")
        added = {}
        for variant in (floor_name, "longadder", "portguard", "portguard-no-leaks", "micrometer"):
            v = find(table, "pooledGet" if param == "listener" else "pooledRequest", **{param: variant})
            if v is None:
                continue
            added[variant] = v["score"] - floor["score"]
            out("| %s | %s | %s | %s | %s |" % (variant, fmt(v["score"]), fmt(v["error"]),
                                              "—" if variant == floor_name else fmt(added[variant]), alloc(v)))
        out()
        pg = find(table, "pooledGet" if param == "listener" else "pooledRequest", **{param: "portguard"})
        if "portguard" in added and "micrometer" in added and added["micrometer"] > 0:
            ratio = max(added["portguard"], 0) / added["micrometer"]
            out("- %s: PortGuard adds %s ns, Micrometer %s ns: PortGuard costs 1/%s of Micrometer's; goal 1/40: %s"
                % (title, fmt(added["portguard"]), fmt(added["micrometer"]),
                   fmt(1 / ratio, 0) if ratio > 0 else "∞",
                   goal(title + " hook vs Micrometer", ratio <= 1 / 40, "1/%s" % (fmt(1 / ratio, 0) if ratio else "∞"))))
        if "portguard" in added:
            zero = pg["alloc"] is not None and pg["alloc"] < 0.01
            out("- %s: PortGuard's added cost %s ns and %s B; goal at most 12 ns and 0 B: %s"
                % (title, fmt(added["portguard"]), alloc(pg),
                   goal(title + " hook ≤ 12 ns, 0 B", added["portguard"] <= 12 and zero,
                        "%s ns, %s B" % (fmt(added["portguard"]), alloc(pg)))))
        out()

# 2. end to end
e2e = jmh("e2e.json")
e2e_agent = jmh("e2e-agent.json")
if e2e:
    out("## 2. A keep-alive GET end to end (JMH, loopback, one shared client)")
    out()
    out("µs per GET, mean ± JMH's 99.9% error; *difference* is the variant minus bare with its 95% confidence")
    out("interval (Welch, from the per-iteration scores). An interval containing 0 means no difference was found.")
    out()
    out("| client | variant | µs/op | ± | difference vs bare, 95% CI (µs) | B/op |")
    out("|---|---|---:|---:|---|---:|")
    for client in ("okhttp", "hc5", "jdk"):
        bare = find(e2e, "get", client=client, variant="bare")
        if bare is None:
            continue
        rows = [("bare", bare)]
        for variant in ("library", "micrometer"):
            v = find(e2e, "get", client=client, variant=variant)
            if v is not None:
                rows.append((variant, v))
        agent = find(e2e_agent, "get", client=client, variant="bare") if e2e_agent else None
        if agent is not None:
            rows.append(("agent", agent))
        for variant, v in rows:
            if variant == "bare":
                diff = "—"
            else:
                d, lo, hi = difference(v["raw"], bare["raw"])
                diff = "%+.2f [%+.2f, %+.2f]%s" % (d, lo, hi, " (none found)" if lo <= 0 <= hi else "")
                if variant in ("library", "agent"):
                    goal("%s %s indistinguishable from bare" % (client, variant), lo <= 0 <= hi or hi <= 0,
                         "%+.2f µs [%+.2f, %+.2f]" % (d, lo, hi))
            out("| %s | %s | %s | %s | %s | %s |" % (client, variant, fmt(v["score"], 2), fmt(v["error"], 2),
                                                     diff, alloc(v)))
    out()
    out("The agent row is the bare benchmark in a JVM started with `-javaagent:guard-agent.jar` (a separate fork,")
    out("run right after the others).")
    out()

# 3. ledger
ledger = jmh("ledger.json")
if ledger:
    out("## 3. The ledger's hot path (JMH, `-prof gc`)")
    out()
    out("One pooled request's events (request started, connection acquired, released) with the destination looked")
    out("up by host and port, as hooks report them; several threads share the same counters.")
    out()
    out("| benchmark | threads | ns/op | ± | B/op |")
    out("|---|---:|---:|---:|---:|")
    for name, threads in (("lookup", 1), ("pooledRequest", 1), ("pooledRequestTwoThreads", 2),
                          ("pooledRequestFourThreads", 4)):
        v = find(ledger, "." + name)
        if v is not None:
            out("| %s | %d | %s | %s | %s |" % (name, threads, fmt(v["score"]), fmt(v["error"]), alloc(v)))
    one = find(ledger, ".pooledRequest")
    if one is not None:
        out()
        out("- Goal at most 12 ns and 0 B on one thread: %s" % goal(
            "ledger ≤ 12 ns, 0 B", one["score"] <= 12 and (one["alloc"] or 0) < 0.01,
            "%s ns, %s B" % (fmt(one["score"]), alloc(one))))
    out()

# 4. headroom over a real table
sockets = load("sockets.json")
if sockets:
    base = sockets["exec_overhead_us"]
    ss_tan = [x / 1000 for x in sockets["ss_tan_us"]]
    ss_s = [x / 1000 for x in sockets["ss_s_us"]]
    full = [x / 1000 for x in sockets["probe_full"]["micros"]]
    healthy = [x / 1000 for x in sockets["probe_healthy"]["micros"]]
    out("## 4. Headroom over a real socket table")
    out()
    out("A network namespace holding %s TCP sockets (27,000 in TIME_WAIT, 1,500 open connections with both ends)."
        % fmt(sockets["sockets_in_table"], 0))
    out("`ss` runs as a process, as an operator runs it (each run includes `ip netns exec` and process start,")
    out("%s ms measured with `true`, shown separately); the probe is timed inside one JVM, as its thread runs." % fmt(
        base / 1000, 1))
    out()
    out("| reading | median ms | min–max ms | runs |")
    out("|---|---:|---:|---:|")
    out("| `ss -tan` | %s | %s | %d |" % (fmt(statistics.median(ss_tan), 1), spread(ss_tan), len(ss_tan)))
    out("| `ss -s` | %s | %s | %d |" % (fmt(statistics.median(ss_s), 1), spread(ss_s), len(ss_s)))
    out("| `ip netns exec` + `true` (the process floor in both `ss` rows) | %s | | |" % fmt(base / 1000, 1))
    out("| probe, full scan (`/proc/net/tcp` and `tcp6`) | %s | %s | %d |" % (
        fmt(statistics.median(full), 1), spread(full), len(full)))
    out("| probe, healthy host (no socket scan) | %s | %s–%s | %d |" % (
        fmt(statistics.median(healthy), 3), fmt(min(healthy), 3), fmt(max(healthy), 3), len(healthy)))
    out()
    net_ss = statistics.median(ss_tan) - base / 1000
    out("- Full scan under half of `ss -tan` (%s ms without the process floor): %s" % (fmt(net_ss, 1), goal(
        "headroom full scan < ss -tan / 2", statistics.median(full) < net_ss / 2,
        "%s ms against %s ms" % (fmt(statistics.median(full), 1), fmt(net_ss / 2, 1)))))
    out("- Healthy probe under 0.1 ms: %s" % goal("healthy probe < 0.1 ms", statistics.median(healthy) < 0.1,
                                                 "%s ms" % fmt(statistics.median(healthy), 3)))
    out()

conntrack = load("conntrack.json")
if conntrack:
    base = conntrack["exec_overhead_us"] / 1000
    tool = [x / 1000 for x in conntrack["conntrack_L_wc_us"]]
    node = [x / 1000 for x in conntrack["node_probe"]["micros"]]
    out("## 5. Node mode over a real conntrack table")
    out()
    out("A network namespace holding %s conntrack entries (UDP flows on its loopback)." % fmt(
        conntrack["entries_in_table"], 0))
    out()
    out("| reading | median ms | min–max ms | runs |")
    out("|---|---:|---:|---:|")
    out("| `conntrack -L \\| wc -l` | %s | %s | %d |" % (fmt(statistics.median(tool), 1), spread(tool), len(tool)))
    out("| node mode's reading (`/proc/net/nf_conntrack`, tallied) | %s | %s | %d |" % (
        fmt(statistics.median(node), 1), spread(node), len(node)))
    out()
    out("- Node mode takes %s of `conntrack -L | wc -l`'s time (which only counts lines)." % (
        fmt(statistics.median(node) / statistics.median(tool), 2) + "x"))
    out()

# 6. start-up
startup = load("startup.json")
if startup:
    out("## 6. Start-up and steady memory")
    out()
    out("Whole processes, variants alternating round by round. *okhttp*: a small app making 50 GETs through one")
    out("client, spawn to exit, peak RSS. *boot*: the Spring Boot web app the agent tests use, spawn to serving,")
    out("RSS one second later (Boot without an agent, with guard-agent observing and with OpenTelemetry only). CPU is")
    out("user + system time of all the process's threads (boot: up to serving), which a busy machine sways less than")
    out("wall time. Medians, with the range of the rounds.")
    out()
    out("| JDK | app | variant | wall ms (median) | range | vs none | CPU ms | vs none | memory MiB | vs none |")
    out("|---|---|---|---:|---|---:|---:|---:|---:|---:|")
    groups = {}
    for r in startup:
        groups.setdefault((r["jdk"], r["app"]), []).append(r)
    for (jdk, app), rs in groups.items():
        none = next(r for r in rs if r["variant"] == "without agent")
        otel = next((r for r in rs if r["variant"].startswith("OpenTelemetry")), None)
        for r in rs:
            dw = r["wall_median"] - none["wall_median"]
            dm = r["memory_median"] - none["memory_median"]
            cpu = r.get("cpu_median")
            dc = None if cpu is None or none.get("cpu_median") is None else cpu - none["cpu_median"]
            out("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                jdk, app, r["variant"], fmt(r["wall_median"], 0), spread(r["wall_ms"]),
                "—" if r is none else "%+.0f ms" % dw, "—" if cpu is None else fmt(cpu, 0),
                "—" if r is none or dc is None else "%+.0f ms" % dc, fmt(r["memory_median"], 1),
                "—" if r is none else "%+.1f" % dm))
        observe = next((r for r in rs if r["variant"] == "guard-agent (observe)"), None)
        if observe:
            dw = observe["wall_median"] - none["wall_median"]
            dm = observe["memory_median"] - none["memory_median"]
            goal("start-up %s %s ≤ +50 ms, +5 MiB" % (jdk, app), dw <= 50 and dm <= 5,
                 "%+.0f ms, %+.1f MiB" % (dw, dm))
            if otel:
                ow = otel["wall_median"] - none["wall_median"]
                goal("start-up %s %s < 1/50 of OpenTelemetry's" % (jdk, app), ow > 0 and dw < ow / 50,
                     "%+.0f ms against %+.0f ms" % (dw, ow))
    out()
    for name, met, detail in verdicts:
        if name.startswith("start-up"):
            out("- %s: %s (%s)" % (name, "met" if met else "**missed**", detail))
    out()

throughput = load("throughput.json")
if throughput:
    out("## 7. Throughput under load")
    out()
    out("%d threads, %s keep-alive GETs each, one shared OkHttp client, loopback server in the same process;"
        % (throughput["threads"], fmt(throughput["requests_per_thread"], 0)))
    out("bare and agent alternating. Medians of the rounds, with their range.")
    out()
    out("| variant | requests/s | range | p99 µs | range | connections |")
    out("|---|---:|---|---:|---|---:|")
    med = {}
    for name, rs in throughput["runs"].items():
        rate = [r["per_second"] for r in rs]
        p99 = [r["p99_us"] for r in rs]
        med[name] = (statistics.median(rate), statistics.median(p99))
        out("| %s | %s | %s | %s | %s | %s |" % (name, fmt(med[name][0], 0), spread(rate), fmt(med[name][1], 0),
                                                spread(p99), rs[-1]["connections"]))
    if "bare" in med and "guard-agent" in med:
        out()
        out("- With the agent: %s of bare's throughput, p99 %s of bare's." % (
            fmt(med["guard-agent"][0] / med["bare"][0], 2) + "x", fmt(med["guard-agent"][1] / med["bare"][1], 2) + "x"))
    out()

per_request = load("per-request.json")
if per_request:
    out("## 8. A client built per request, without and with the agent")
    out()
    out("The anti-pattern itself (`ClientPerRequestApp`: 8 threads, a new client per request, one loopback server),")
    out("whole processes alternating; what the agent costs a program that registers a pool per request. Goal 1.1x.")
    out()
    out("| client | variant | median ms | rounds (ms) | vs without |")
    out("|---|---|---:|---|---:|")
    for run in per_request:
        base = statistics.median(run["runs_ms"]["without agent"])
        for name, ms in run["runs_ms"].items():
            ratio = statistics.median(ms) / base
            out("| %s (%d x %d) | %s | %s | %s | %s |" % (run["client"], run["threads"], run["requests_per_thread"],
                                                       name, fmt(statistics.median(ms), 0),
                                                       ", ".join(str(x) for x in ms), fmt(ratio, 2) + "x"))
            if name != "without agent":
                goal("%s client per request under the agent ≤ 1.1x" % run["client"], ratio <= 1.1,
                     "%sx" % fmt(ratio, 2))
    out()

out("## Goals")
out()
out("| goal | result | measured |")
out("|---|---|---|")
for name, met, detail in verdicts:
    out("| %s | %s | %s |" % (name, "met" if met else "**missed**", detail))
out()
analysis = os.path.join(HERE, "analysis.md")
if os.path.exists(analysis):
    with open(analysis) as f:
        out(f.read().rstrip())
    out()
with open(TARGET, "w") as f:
    f.write("\n".join(lines))
print("wrote %s (%d goals: %d met)" % (TARGET, len(verdicts), sum(1 for _, m, _ in verdicts if m)))
