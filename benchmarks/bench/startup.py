#!/usr/bin/env python3
"""Start-up and steady memory of a guarded application against the same application without an agent and with
the OpenTelemetry javaagent: variants alternate round by round so every variant sees the same machine load.

Two applications:
- okhttp: guard-agent's test app demoapp.OkHttpApp (one shared client, 50 GETs to a loopback server), timed from
  spawn to exit; memory is the process's peak RSS.
- boot: the Spring Boot executable jar the agent tests use (guard-agent-bootapp, `serve` mode: a web app with the
  actuator's Prometheus endpoint and a thread calling out), timed from spawn to its "serving" line; memory is its
  RSS one second later. Boot runs without an agent, with guard-agent observing and with the OpenTelemetry agent
  only (BENCH_BOOT_ALL=1: every variant): each Boot round takes seconds, and the okhttp app covers the rest.
CPU time (user + system, all threads; for boot, up to its "serving" line) is recorded beside wall time: on a shared
machine it moves much less with the load than wall time does.

Usage: startup.py <out.json> <rounds> <java>... (after benchmarks/run.sh built the jars)
Environment: BENCH_BOOT_ALL=1 runs every variant for boot too; OTEL_AGENT=/path/to/opentelemetry-javaagent.jar adds that variant; BENCH_OFF=1 adds the agent with
mode=off; BENCH_OTHER_AGENT=/path/to/guard-agent.jar adds another build of the agent; BENCH_APPS=okhttp runs one app.
"""
import glob, http.server, json, os, re, socket, socketserver, statistics, subprocess, sys, threading, time

OUT = sys.argv[1]
ROUNDS = int(sys.argv[2])
JAVAS = sys.argv[3:] or ["java"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPO = os.path.expanduser("~/.m2/repository")
AGENT = os.path.join(ROOT, "guard-agent/target/guard-agent.jar")
BOOT_JAR = glob.glob(os.path.join(ROOT, "guard-agent-bootapp/target/guard-agent-bootapp-*.jar"))[0]
OTEL = os.environ.get("OTEL_AGENT")
BOOT_SETTLE_SECONDS = 1
# Boot's variants unless BENCH_BOOT_ALL is set: its rounds are the bulk of the suite's time
BOOT_VARIANTS = ("without agent", "guard-agent (observe)", "OpenTelemetry agent, exporters off")


def jar(pattern):
    version = lambda path: [int(n) if n.isdigit() else n for n in re.split(r"(\d+)", path)]
    found = sorted(glob.glob(os.path.join(REPO, pattern)), key=version)
    if not found:
        sys.exit("missing " + pattern)
    return found[-1]


OKHTTP_CP = ":".join([os.path.join(ROOT, "guard-agent/target/test-classes"),
                      jar("com/squareup/okhttp3/okhttp-jvm/5.5.1/okhttp-jvm-5.5.1.jar"),
                      jar("com/squareup/okio/okio-jvm/*/okio-jvm-*.jar"),
                      jar("org/jetbrains/kotlin/kotlin-stdlib/*/kotlin-stdlib-*[0-9].jar")])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # headers and body go out in two writes: without NODELAY each response stalls on delayed ACKs
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_okhttp(java, extra):
    cmd = [java] + extra + ["-cp", OKHTTP_CP, "demoapp.OkHttpApp", URL, "50", "shared"]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        raise RuntimeError("failed: " + " ".join(cmd))
    return wall * 1000, usage.ru_maxrss / 1024.0, (usage.ru_utime + usage.ru_stime) * 1000  # KiB -> MiB


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def cpu_ms(pid):
    """CPU time the process has used so far (all its threads): less swayed by a busy machine than wall time."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def run_boot(java, extra):
    cmd = [java] + extra + ["-jar", BOOT_JAR, "serve", URL, str(free_port())]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = None
    try:
        deadline = start + 120
        for line in proc.stdout:
            if "bootapp serving on" in line:
                ready = time.monotonic() - start
                cpu = cpu_ms(proc.pid)
                break
            if time.monotonic() > deadline:
                break
        if ready is None:
            raise RuntimeError("never ready: " + " ".join(cmd))
        time.sleep(BOOT_SETTLE_SECONDS)
        memory = rss_mib(proc.pid)
    finally:
        proc.kill()
        proc.wait()
    return ready * 1000, memory, cpu


def variants(app):
    named = [("without agent", []),
             ("guard-agent (observe)", ["-javaagent:" + AGENT]),
             ("guard-agent, metrics endpoint on", ["-javaagent:" + AGENT + "=metrics.port=%d" % free_port()]),
             ("guard-agent (mitigate)", ["-javaagent:" + AGENT + "=mode=mitigate"])]
    if os.environ.get("BENCH_OFF"):
        named.append(("guard-agent, mode=off", ["-javaagent:" + AGENT + "=mode=off"]))
    if os.environ.get("BENCH_OTHER_AGENT"):  # another build of the agent (an older commit, say), same rounds
        named.append(("other agent build", ["-javaagent:" + os.environ["BENCH_OTHER_AGENT"]]))
    if OTEL:
        named.append(("OpenTelemetry agent, exporters off", [
            "-javaagent:" + OTEL, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=none"]))
    if app == "boot" and not os.environ.get("BENCH_BOOT_ALL"):
        named = [(name, extra) for name, extra in named if name in BOOT_VARIANTS]
    return named


def java_version(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "([^"]+)"', out)
    return match.group(1) if match else "unknown"


server = Server(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
URL = "http://127.0.0.1:%d/" % server.server_address[1]

results = []
for java in JAVAS:
    apps = os.environ.get("BENCH_APPS", "okhttp,boot").split(",")
    for app, run in [(a, r) for a, r in (("okhttp", run_okhttp), ("boot", run_boot)) if a in apps]:
        samples = {name: [] for name, _ in variants(app)}
        run(java, [])  # warm the page cache
        for _ in range(ROUNDS):
            for name, extra in variants(app):
                samples[name].append(run(java, extra))
        for name, runs in samples.items():
            walls = [w for w, _, _ in runs]
            mems = [m for _, m, _ in runs]
            cpus = [c for _, _, c in runs]
            results.append({"jdk": java_version(java), "app": app, "variant": name,
                            "wall_ms": walls, "memory_mib": mems, "cpu_ms": cpus,
                            "wall_median": statistics.median(walls), "memory_median": statistics.median(mems),
                            "cpu_median": statistics.median(cpus)})
            print("%-8s %-6s %-36s %6.0f ms  %6.1f MiB  cpu %6.0f ms  (wall %s)" % (
                results[-1]["jdk"], app, name, results[-1]["wall_median"], results[-1]["memory_median"],
                results[-1]["cpu_median"], " ".join("%.0f" % w for w in walls)), flush=True)
with open(OUT, "w") as f:
    json.dump(results, f, indent=1)
