#!/usr/bin/env python3
"""Fills a network namespace's real tables, then times the guard's readings of them against the tools operators
run instead, over the same tables, in the same minute.

- sockets: 30,000 TCP sockets on the namespace's loopback (27,000 in TIME_WAIT, 1,500 open connections, both
  ends), then `ss -tan` and `ss -s` against the headroom probe's full scan and its healthy-host reading.
- conntrack: 100,000 conntrack entries (UDP flows on the namespace's loopback, tracked because of a conntrack
  rule in the namespace), then `conntrack -L | wc -l` against node mode's reading.

Usage (root): tables.py <sockets|conntrack> <out.json> <runs> <benchmarks.jar> [java]
Each tool run is a process, as an operator runs it; the guard's readings are timed inside one JVM, as its probe
thread runs them (benchmarks/run.sh says so next to the numbers).
"""
import json, os, resource, socket, statistics, subprocess, sys, time

WHAT, OUT = sys.argv[1], sys.argv[2]
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 0
JAR = sys.argv[4] if len(sys.argv) > 4 else ""
JAVA = sys.argv[5] if len(sys.argv) > 5 else "java"
NS = "pgbench-%d" % os.getpid()


def sh(*cmd, ns=True, **kw):
    full = (["ip", "netns", "exec", NS] if ns else []) + list(cmd)
    return subprocess.run(full, check=True, **kw)


def timed(cmd, runs, shell=False):
    """Wall time of each run of a command inside the namespace, in microseconds."""
    micros = []
    for _ in range(runs):
        start = time.monotonic()
        if shell:
            sh("sh", "-c", cmd, stdout=subprocess.DEVNULL)
        else:
            sh(*cmd, stdout=subprocess.DEVNULL)
        micros.append((time.monotonic() - start) * 1e6)
    return micros


def exec_overhead(runs):
    """What `ip netns exec` plus a trivial process costs, to subtract from the tools' times."""
    return statistics.median(timed(["true"], runs))


def probe(what, runs):
    out = sh(JAVA, "-cp", JAR, "dev.portguard.benchmarks.ProbeTiming", what, str(runs),
             capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def holding(kind):
    """Starts this script inside the namespace to make the sockets or flows (they belong to the namespace of the
    process that made them) and keep them until told to stop; returns once they exist."""
    child = subprocess.Popen(["ip", "netns", "exec", NS, sys.executable, os.path.abspath(__file__), "hold", kind],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    if child.stdout.readline().strip() != "ready":
        raise RuntimeError("could not fill the namespace's " + kind + " table")
    return child


def release(child):
    child.stdin.close()
    child.wait()


def make_sockets(time_wait=27_000, open_pairs=1_500):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # 3,000 open sockets need more than 1,024
    listeners = []
    for _ in range(2):  # two destinations: 28,500 client ports do not fit one destination's default range
        l = socket.socket()
        l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        l.bind(("127.0.0.1", 0))
        l.listen(4096)
        listeners.append(l)
    kept = []
    for i in range(time_wait + open_pairs):
        l = listeners[i % 2]
        c = socket.create_connection(l.getsockname())
        s, _ = l.accept()
        if i < time_wait:
            c.close()  # the client closes first: its side stays in TIME_WAIT for 60 s
            s.close()
        else:
            kept.append((c, s))
    return listeners, kept


def sockets():
    sh("ip", "link", "set", "lo", "up")
    # by default loopback connects reuse TIME_WAIT ports (tcp_tw_reuse=2), which would empty the table as it fills
    sh("sysctl", "-q", "-w", "net.ipv4.tcp_tw_reuse=0")
    held = holding("sockets")
    counted = sh("sh", "-c", "ss -tan | tail -n +2 | wc -l", capture_output=True, text=True).stdout.strip()
    if os.environ.get("TABLES_DEBUG"):
        sh("sh", "-c", "for t in 1 2 3; do time cat /proc/net/tcp /proc/net/tcp6 >/dev/null; time ss -tan >/dev/null; done")
    base = exec_overhead(RUNS)
    result = {"sockets_in_table": int(counted), "exec_overhead_us": base,
              "ss_tan_us": timed(["ss", "-tan"], RUNS), "ss_s_us": timed(["ss", "-s"], RUNS),
              "probe_full": probe("full", RUNS), "probe_healthy": probe("healthy", max(RUNS, 200))}
    release(held)
    return result


def conntrack_entries(flows=100_000):
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for i in range(flows):
        host = "127.0.0.%d" % (1 + i // 50_000)
        sender.sendto(b"x", (host, 1 + i % 50_000))
    sender.close()


def conntrack():
    sh("ip", "link", "set", "lo", "up")
    # conntrack tracks a namespace's traffic once a rule there needs it; long UDP timeout: the entries must outlive
    # the timing runs
    sh("iptables", "-A", "OUTPUT", "-m", "conntrack", "--ctstate", "NEW", "-j", "ACCEPT")
    sh("sysctl", "-q", "-w", "net.netfilter.nf_conntrack_udp_timeout=600")
    release(holding("conntrack"))
    counted = int(open_in_ns("/proc/sys/net/netfilter/nf_conntrack_count"))
    base = exec_overhead(RUNS)
    return {"entries_in_table": counted, "exec_overhead_us": base,
            "conntrack_L_wc_us": timed("conntrack -L 2>/dev/null | wc -l", RUNS, shell=True),
            "node_probe": probe("node", RUNS)}


def open_in_ns(path):
    return sh("cat", path, capture_output=True, text=True).stdout.strip()


if WHAT == "hold":  # the child: inside the namespace already
    kept = make_sockets() if OUT == "sockets" else conntrack_entries()
    print("ready", flush=True)
    sys.stdin.read()
    sys.exit(0)
subprocess.run(["ip", "netns", "add", NS], check=True)
try:
    result = sockets() if WHAT == "sockets" else conntrack()
finally:
    subprocess.run(["ip", "netns", "del", NS])
with open(OUT, "w") as f:
    json.dump(result, f, indent=1)
print(json.dumps({k: (statistics.median(v) if isinstance(v, list) else v) for k, v in result.items()
                  if not isinstance(v, dict)}))
