#!/usr/bin/env python3
"""Start-up cost of the agent: the same small OkHttp app (50 GETs to a loopback server) with and without
-javaagent, run alternately; prints median wall time and median peak RSS of the whole process.

Usage (after `mvn -pl guard-agent -am verify`): python3 guard-agent/bench/startup.py [runs] [java]
BENCH_OFF=1 adds the agent with mode=off; BENCH_OTHER_AGENT=/path/to/guard-agent.jar adds another build of the
agent (an older commit, say), run in the same rounds so both see the same machine load.
"""
import glob, os, re, socket, resource, statistics, subprocess, sys, time, http.server, threading, socketserver

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
JAVA = sys.argv[2] if len(sys.argv) > 2 else "java"
HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(HERE)
REPO = os.path.expanduser("~/.m2/repository")


def jar(pattern):
    version = lambda path: [int(n) if n.isdigit() else n for n in re.split(r"(\d+)", path)]
    found = sorted(glob.glob(os.path.join(REPO, pattern)), key=version)
    if not found:
        sys.exit("missing " + pattern)
    return found[-1]


CP = ":".join([os.path.join(MODULE, "target/test-classes"),
               jar("com/squareup/okhttp3/okhttp-jvm/5.5.1/okhttp-jvm-5.5.1.jar"),
               jar("com/squareup/okio/okio-jvm/*/okio-jvm-*.jar"),
               jar("org/jetbrains/kotlin/kotlin-stdlib/*/kotlin-stdlib-*[0-9].jar")])
AGENT = os.path.join(MODULE, "target/guard-agent.jar")


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


def measure(extra):
    cmd = [JAVA] + extra + ["-cp", CP, "demoapp.OkHttpApp", URL, "50", "shared"]
    start = time.monotonic()
    pid = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).pid
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        sys.exit("failed: " + " ".join(cmd))
    return wall, usage.ru_maxrss / 1024.0  # KiB -> MiB


server = Server(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
URL = "http://127.0.0.1:%d/" % server.server_address[1]

variants = {"without agent": [], "with agent": ["-javaagent:" + AGENT]}
if os.environ.get("BENCH_OFF"):
    variants["agent mode=off"] = ["-javaagent:" + AGENT + "=mode=off"]
if os.environ.get("BENCH_OTHER_AGENT"):
    variants["other agent"] = ["-javaagent:" + os.environ["BENCH_OTHER_AGENT"]]
results = {name: [] for name in variants}
measure([])  # warm the page cache
for _ in range(RUNS):
    for name, extra in variants.items():
        results[name].append(measure(extra))
base_wall = statistics.median(w for w, _ in results["without agent"])
base_rss = statistics.median(r for _, r in results["without agent"])
for name, runs in results.items():
    wall = statistics.median(w for w, _ in runs)
    rss = statistics.median(r for _, r in runs)
    print("%-14s wall %5.0f ms (%+4.0f ms)  peak RSS %5.1f MiB (%+5.1f MiB)  runs=%d"
          % (name, wall * 1000, (wall - base_wall) * 1000, rss, rss - base_rss, len(runs)))
