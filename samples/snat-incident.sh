#!/usr/bin/env bash
# The node that goes bad, on one machine: two pods behind one node's SNAT (MASQUERADE into 50 ports) call one
# external API. Pod A builds a new OkHttpClient per request, and the connections its dropped clients keep idle hold
# the node's SNAT ports; pod B, a healthy service with one shared client, then times out connecting. Both pods run
# under the PortGuard agent, and node mode watches the node. Halfway, pod A switches to one shared client and pod B
# recovers. Prints a timeline at the end and checks what it must show (exit 1 when a check fails).
# With --mitigate, pod A runs unfixed to the end under the agent's mitigate mode instead: once its guard names the
# site, the clients it builds share one pool, and pod B must never starve.
#
# Needs root, iproute2, iptables (nft or legacy) and nf_conntrack; .ci/run installs the Debian packages iproute2,
# iptables and conntrack. Everything happens in throwaway network namespaces, removed on exit, Ctrl-C or failure.
# Build first:  mvn -B -ntp -q -DskipTests package -pl guard-agent,samples -am
# Usage: samples/snat-incident.sh [--short] [--mitigate] [--out DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
demo="$here/target/portguard-demo.jar"
agent="$here/../guard-agent/target/guard-agent.jar"
short=0
mitigate=0
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=1 ;;
    --mitigate) mitigate=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--short] [--mitigate] [--out DIR]" >&2; exit 64 ;;
  esac
  shift
done

missing=()
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces, iptables)" >&2; exit 2; }
command -v ip >/dev/null || missing+=("iproute2 (ip)")
command -v iptables >/dev/null || missing+=("iptables")
command -v java >/dev/null || missing+=("java 17+")
[ -f "$demo" ] && [ -f "$agent" ] || missing+=("the jars: mvn -B -ntp -q -DskipTests package -pl guard-agent,samples -am")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'missing: %s\n' "${missing[@]}" >&2
  echo "(Debian: apt-get install iproute2 iptables conntrack; .ci/run installs them)" >&2
  exit 2
fi
[ -e /proc/net/nf_conntrack ] || command -v conntrack >/dev/null || echo "note: no /proc/net/nf_conntrack and no conntrack tool: node mode will say it cannot read the table" >&2

if [ "$short" = 1 ]; then incident=24; recovery=16; else incident=60; recovery=40; fi
p="pg$$"
ns_node="$p-node" ns_api="$p-api" ns_a="$p-podA" ns_b="$p-podB"
out="${out:-$(mktemp -d /tmp/portguard-snat.XXXXXX)}"
mkdir -p "$out"
pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in "$ns_a" "$ns_b" "$ns_api" "$ns_node"; do ip netns delete "$ns" 2>/dev/null || true; done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the topology: pods -> node (forwarding, MASQUERADE into 50 ports) -> api -------------------------------------
for ns in "$ns_node" "$ns_api" "$ns_a" "$ns_b"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
done
ip link add a0 netns "$ns_a" type veth peer name na netns "$ns_node"
ip link add b0 netns "$ns_b" type veth peer name nb netns "$ns_node"
ip link add ne netns "$ns_node" type veth peer name e0 netns "$ns_api"
addr() { ip -n "$1" addr add "$3" dev "$2"; ip -n "$1" link set "$2" up; }
addr "$ns_a" a0 10.244.0.2/24;  ip -n "$ns_a" route add default via 10.244.0.1
addr "$ns_b" b0 10.244.1.2/24;  ip -n "$ns_b" route add default via 10.244.1.1
addr "$ns_node" na 10.244.0.1/24
addr "$ns_node" nb 10.244.1.1/24
addr "$ns_node" ne 192.0.2.1/24
addr "$ns_api" e0 192.0.2.10/24
ip netns exec "$ns_node" sysctl -q -w net.ipv4.ip_forward=1
ip netns exec "$ns_node" iptables -t nat -A POSTROUTING -o ne -p tcp -j MASQUERADE --to-ports 40000-40049
# Per-namespace conntrack hold times, shortened so the run is short (the defaults: 120 s TIME_WAIT, 10 s CLOSE).
ip netns exec "$ns_node" sysctl -q -w net.netfilter.nf_conntrack_tcp_timeout_time_wait=10 \
  net.netfilter.nf_conntrack_tcp_timeout_fin_wait=10 net.netfilter.nf_conntrack_tcp_timeout_close_wait=10 \
  net.netfilter.nf_conntrack_tcp_timeout_last_ack=10
echo "namespaces $ns_node $ns_api $ns_a $ns_b; files in $out"

# --- the programs ---------------------------------------------------------------------------------------------------
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%s%3N)" "$line"; done; }
start_ms=$(date +%s%3N)
echo "$start_ms" > "$out/start"
ip netns exec "$ns_api" java -Xmx128m -cp "$demo" dev.portguard.samples.snat.ApiServer 8080 > "$out/api.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q listening "$out/api.out" 2>/dev/null && break; sleep 0.1; done
guarded() { # namespace, pod name, then the service's arguments
  local ns="$1" pod="$2" mode=observe; shift 2
  [ "$pod" = podA ] && [ "$mitigate" = 1 ] && mode=mitigate
  exec ip netns exec "$ns" java -Xmx256m -javaagent:"$agent" -Dportguard.mode="$mode" \
    -Dportguard.headroom.interval=2s -Dportguard.report.interval=2s -Dportguard.timeline.interval=1s \
    -Dportguard.report="$out/$pod-report.json" -Djava.util.logging.SimpleFormatter.format='%4$s %5$s%n' \
    -cp "$demo" dev.portguard.samples.snat.PodService "$@"
}
url=http://192.0.2.10:8080/quote
guarded "$ns_b" podB shared "$url" 1 \
  > "$out/podB.out" 2> >(stamp > "$out/podB.guard") &
pids+=($!)
sleep 3
guarded "$ns_a" podA per-request "$url" 20 "$out/podA.control" \
  > "$out/podA.out" 2> >(stamp > "$out/podA.guard") &
pids+=($!)

node_samples() { # until $1 (epoch ms)
  while [ "$(date +%s%3N)" -lt "$1" ]; do
    local t; t=$(date +%s%3N)
    ip netns exec "$ns_node" java -Xmx128m -jar "$agent" node --json --top 3 > "$out/node-$t.json" 2>&1 || true
    cp "$out/podA-report.json" "$out/podA-report-$t.json" 2>/dev/null || true
    sleep 1
  done
}
if [ "$mitigate" = 1 ]; then
  echo "incident under mitigate mode: pod A builds a client per request for $(( incident + recovery )) s, unfixed"
  node_samples $(( $(date +%s%3N) + (incident + recovery) * 1000 ))
  echo "$(date +%s%3N) never (mitigate mode)" > "$out/switch"
else
  echo "incident: pod A builds a client per request for ${incident} s"
  node_samples $(( $(date +%s%3N) + incident * 1000 ))
  echo shared > "$out/podA.control"
  echo "$(date +%s%3N) switched" > "$out/switch"
  echo "fix: pod A now shares one client; watching pod B recover for ${recovery} s"
  node_samples $(( $(date +%s%3N) + recovery * 1000 ))
fi
ip netns exec "$ns_node" java -jar "$agent" node --top 3 > "$out/node-final.txt" 2>&1 || true

java -cp "$demo" dev.portguard.samples.snat.Timeline "$out" $([ "$mitigate" = 1 ] && echo mitigated)
echo "pod A's guard wrote its page: $out/podA-report.html (complete once the pods have stopped)"
