#!/usr/bin/env bash
# Replays the incident: a service that builds an OkHttpClient per request runs out of local ports toward one API.
# It runs the demo inside a throwaway network namespace with a 100-port range and tcp_tw_reuse off, so nothing on
# this host is touched. Writes the guard's report to samples/target/incident-report.json and, beside it, the page a
# person reads (incident-report.html: open it in a browser). Needs root and iproute2. Build first:
#   mvn -B -ntp -q -DskipTests package -pl samples -am
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/portguard-demo.jar"
[ -f "$jar" ] || { echo "build the demo first: mvn -B -ntp -q -DskipTests package -pl samples -am" >&2; exit 2; }
ns="portguard-incident-$$"
ip netns add "$ns"
trap 'ip netns delete "$ns" 2>/dev/null || true' EXIT
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" sysctl -q -w net.ipv4.ip_local_port_range="40000 40099" net.ipv4.tcp_tw_reuse=0
# Samples every 200 ms: the incident is over in seconds.
ip netns exec "$ns" java -Dportguard.log.level=off -Dportguard.timeline.interval=200ms \
  -Dportguard.headroom.interval=200ms -jar "$jar" incident "$here/target/incident-report.json"
