#!/usr/bin/env bash
# The benchmark suite, side by side with what users would run instead, in one run; rewrites BENCHMARKS.md.
# About 18 minutes on 2 cores (17:50 measured). Run it on a quiet machine (nothing else building): every number is compared with
# alternatives measured in the same run, but a busy machine widens every spread.
#   bash benchmarks/run.sh            # the whole suite
#   QUICK=1 bash benchmarks/run.sh    # a minute or two, tiny iteration counts: checks the script, not the code
# Sections 4 and 5 need root (network namespaces, iptables, conntrack); without it they are left out, and
# BENCHMARKS.md says so by their absence.
set -euo pipefail
cd "$(dirname "$0")/.."
RESULTS=benchmarks/target/results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)/bin/java}
OTEL_VERSION=2.31.1

if [ -n "${QUICK:-}" ]; then
  JMH_SHORT=(-f 1 -wi 1 -i 2 -w 200ms -r 200ms); JMH_E2E=(-f 1 -wi 1 -i 3 -w 200ms -r 200ms)
  TABLE_RUNS=3; STARTUP_ROUNDS=1; TP_ROUNDS=1; TP_REQUESTS=500; CPR_ROUNDS=1; CPR_REQUESTS=50
else
  JMH_SHORT=(-f 1 -wi 3 -i 5 -w 1 -r 1); JMH_E2E=(-f 1 -wi 3 -i 10 -w 1 -r 1)
  # 9 start-up rounds: the medians the comparison needs; the Spring Boot rounds (none, observe and OpenTelemetry
  # only, see bench/startup.py) are most of the suite's time, so the client-per-request timing keeps 3 rounds
  TABLE_RUNS=15; STARTUP_ROUNDS=9; TP_ROUNDS=5; TP_REQUESTS=5000; CPR_ROUNDS=3; CPR_REQUESTS=500
fi

echo "== building the benchmarks, the agent and the apps it is timed with"
mvn -B -ntp -q -DskipTests package -pl benchmarks,guard-agent,guard-agent-bootapp -am
# guard-agent's small test apps (compiled by package even with -DskipTests) are the start-up subjects
mvn -B -ntp -q dependency:copy -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION \
    -DoutputDirectory=benchmarks/target/alternatives
BENCH=benchmarks/target/benchmarks.jar
AGENT=guard-agent/target/guard-agent.jar
OTEL=benchmarks/target/alternatives/opentelemetry-javaagent-$OTEL_VERSION.jar

python3 - "$RESULTS/machine.json" "$JAVA17" "$JAVA25" <<'PY'
import json, os, subprocess, sys, datetime
def version(java):
    if not os.path.exists(java) and "/" in java:
        return None
    err = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()
    return err[1].strip() if len(err) > 1 else err[0]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
json.dump({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cpu": cpu,
           "cores": os.cpu_count(), "memory": "%.0f GiB" % (int(mem) / 1048576), "kernel": os.uname().release,
           "load_before": " ".join(open("/proc/loadavg").read().split()[:3]),
           "jdks": [v for v in map(version, sys.argv[2:]) if v],
           "command": "bash benchmarks/run.sh" + (" (QUICK=1)" if os.environ.get("QUICK") else ""),
           "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                    text=True).stdout.strip()}, open(sys.argv[1], "w"), indent=1)
PY

echo "== 1. hook cost per pooled request: PortGuard, Micrometer, a bare LongAdder"
"$JAVA17" -jar $BENCH OkHttpHookCostBenchmark "${JMH_SHORT[@]}" -prof gc -rf json -rff "$RESULTS/hook-okhttp.json"
"$JAVA17" -jar $BENCH HttpClient5HookCostBenchmark "${JMH_SHORT[@]}" -prof gc -rf json -rff "$RESULTS/hook-hc5.json"

echo "== 2. a keep-alive GET end to end: bare, library, Micrometer, agent"
"$JAVA17" -jar $BENCH KeepAliveGetBenchmark "${JMH_E2E[@]}" -p client=okhttp,hc5 -p variant=bare,library,micrometer \
    -prof gc -rf json -rff "$RESULTS/e2e-libraries.json"
"$JAVA17" -jar $BENCH KeepAliveGetBenchmark "${JMH_E2E[@]}" -p client=jdk -p variant=bare \
    -prof gc -rf json -rff "$RESULTS/e2e-jdk.json"
"$JAVA17" -jar $BENCH KeepAliveGetBenchmark "${JMH_E2E[@]}" -p client=okhttp,hc5,jdk -p variant=bare \
    -jvmArgsAppend "-javaagent:$(pwd)/$AGENT" -prof gc -rf json -rff "$RESULTS/e2e-agent.json"
python3 -c "import json,sys; json.dump(json.load(open(sys.argv[1])) + json.load(open(sys.argv[2])), open(sys.argv[3], 'w'))" \
    "$RESULTS/e2e-libraries.json" "$RESULTS/e2e-jdk.json" "$RESULTS/e2e.json"

echo "== 3. the ledger's hot path on 1, 2 and 4 threads"
"$JAVA17" -jar $BENCH LedgerHotPathBenchmark "${JMH_SHORT[@]}" -prof gc -rf json -rff "$RESULTS/ledger.json"

if [ "$(id -u)" = 0 ] && command -v ip >/dev/null && command -v ss >/dev/null; then
  echo "== 4. headroom over 30,000 real sockets against ss"
  python3 benchmarks/bench/tables.py sockets "$RESULTS/sockets.json" $TABLE_RUNS $BENCH "$JAVA17"
  if command -v conntrack >/dev/null && command -v iptables >/dev/null; then
    echo "== 5. node mode over 100,000 real conntrack entries against conntrack -L"
    python3 benchmarks/bench/tables.py conntrack "$RESULTS/conntrack.json" $TABLE_RUNS $BENCH "$JAVA17"
  fi
else
  echo "== 4, 5: skipped (need root, iproute2, iptables and conntrack)"
fi

echo "== 6. start-up and memory: no agent, guard-agent, the OpenTelemetry agent"
JAVAS=("$JAVA17"); [ -x "$JAVA25" ] && JAVAS+=("$JAVA25")
OTEL_AGENT="$OTEL" python3 benchmarks/bench/startup.py "$RESULTS/startup.json" $STARTUP_ROUNDS "${JAVAS[@]}"

echo "== 7. throughput under load: 8 threads, bare against the agent"
python3 benchmarks/bench/throughput.py "$RESULTS/throughput.json" $TP_ROUNDS 8 $TP_REQUESTS $BENCH $AGENT "$JAVA17"

echo "== 8. a client built per request (the anti-pattern itself): without and with the agent"
for client in okhttp hc5; do
  "$JAVA17" -cp $BENCH dev.portguard.benchmarks.ClientPerRequestTiming $client $CPR_ROUNDS 8 $CPR_REQUESTS \
      "$(pwd)/$AGENT" | tee "$RESULTS/per-request-$client.log"
done
python3 -c "
import json, sys
runs = [json.loads(l[5:]) for f in sys.argv[2:] for l in open(f) if l.startswith('json ')]
json.dump(runs, open(sys.argv[1], 'w'), indent=1)" "$RESULTS/per-request.json" "$RESULTS"/per-request-*.log

python3 - "$RESULTS/machine.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); m["load_after"] = " ".join(open("/proc/loadavg").read().split()[:3])
json.dump(m, open(sys.argv[1], "w"), indent=1)
PY
python3 benchmarks/bench/report.py "$RESULTS" BENCHMARKS.md
