#!/usr/bin/env bash
# Test-only network namespaces with loopback targets in 127.1.0.0/16 that are alive, dead,
# refused or slow. Everything stays inside the namespace: its own lo, its own nftables, its own
# sysctls. Used by tests/netns and bench/; never touches the host's network.
#
#   netns.sh up NAME MODE [DELAY_MS]   MODE: plain | dead | mixed | reject | delay
#   netns.sh down NAME                 (always safe to call; kills the responder it started)
#   netns.sh open-icmp NAME            let every group open ICMP datagram sockets (this netns only)
#
#   plain   every 127.x address answers (kernel echo replies)
#   dead    nftables drops every packet to 127.1.0.0/16: probes time out
#   mixed   drops packets to 127.1.0.0/16 whose last two address bits are not 0: 1 in 4 alive
#   reject  127.1.1.0/24 is refused with ICMP host-unreachable, the rest of 127.1/16 answers
#   delay   kernel echo replies off; ps-test-responder answers 127.1.0.0/16 after DELAY_MS
#           (default 40) — this kernel has no netem, so latency is made in user space
set -euo pipefail
TARGET_NET=127.1.0.0/16
STATE=${PS_NETNS_STATE:-/tmp/pingsweep-netns}
cmd=${1:?usage}; ns=${2:?usage}
case "$ns" in ps-*) ;; *) echo "namespace names must start with ps- (got $ns)" >&2; exit 2;; esac

nft_rules() { ip netns exec "$ns" nft -f - <<EOF2
table inet pstest {
  chain input {
    type filter hook input priority 0; policy accept;
    $1
  }
}
EOF2
}

# A test killed mid-run cannot call "down": remove namespaces of ours ("ps-t<PID>-<N>")
# whose process is gone, before making a new one.
prune_stale() {
    local name pid
    for name in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^ps-t[0-9]+-[0-9]+$'); do
        pid=${name#ps-t}; pid=${pid%%-*}
        [ -d "/proc/$pid" ] || ip netns del "$name" 2>/dev/null || true
    done
}

up() {
    local mode=${1:-plain} delay=${2:-40}
    prune_stale
    ip netns add "$ns"
    ip netns exec "$ns" ip link set lo up
    case "$mode" in
        plain) ;;
        dead)   nft_rules "ip daddr $TARGET_NET drop" ;;
        mixed)  nft_rules "ip daddr $TARGET_NET ip daddr & 0.0.0.3 != 0.0.0.0 drop" ;;
        reject) nft_rules "ip daddr 127.1.1.0/24 icmp type echo-request reject with icmp type host-unreachable" ;;
        delay)
            ip netns exec "$ns" sysctl -qw net.ipv4.icmp_echo_ignore_all=1
            mkdir -p "$STATE"
            local responder=${PS_TEST_RESPONDER:?PS_TEST_RESPONDER must name the ps-test-responder binary}
            ip netns exec "$ns" "$responder" --net "$TARGET_NET" --delay-ms "$delay" --max-seconds 900 \
                >"$STATE/$ns.log" 2>&1 &
            echo $! >"$STATE/$ns.pid"
            for _ in $(seq 50); do grep -q ready "$STATE/$ns.log" 2>/dev/null && break; sleep 0.05; done
            grep -q ready "$STATE/$ns.log" || { cat "$STATE/$ns.log" >&2; down; exit 1; }
            ;;
        *) echo "unknown mode $mode" >&2; ip netns del "$ns"; exit 2 ;;
    esac
}

down() {
    if [ -f "$STATE/$ns.pid" ]; then
        local pid; pid=$(cat "$STATE/$ns.pid")
        if grep -q ps-test-responder "/proc/$pid/cmdline" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
        fi
        rm -f "$STATE/$ns.pid" "$STATE/$ns.log"
    fi
    ip netns del "$ns" 2>/dev/null || true
}

case "$cmd" in
    up) up "${3:-plain}" "${4:-40}" ;;
    down) down ;;
    open-icmp) ip netns exec "$ns" sysctl -qw net.ipv4.ping_group_range="0 2147483647" ;;
    *) echo "usage: netns.sh up|down|open-icmp NAME [MODE] [DELAY_MS]" >&2; exit 2 ;;
esac
