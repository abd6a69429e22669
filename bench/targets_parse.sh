#!/bin/sh
# Times `pingsweep-cli --list-targets -f FILE` on a generated 1,000,000-line target file.
# Nothing is probed: --list-targets only parses, de-duplicates and prints.
#
# Usage: bench/targets_parse.sh [path/to/pingsweep-cli]
# Build with -DCMAKE_BUILD_TYPE=Release (or RelWithDebInfo) for a meaningful figure.
set -eu

cli=${1:-build/bin/pingsweep-cli}
[ -x "$cli" ] || { echo "no pingsweep-cli at '$cli' (pass its path)" >&2; exit 2; }

lines=1000000
file=$(mktemp "${TMPDIR:-/tmp}/targets_parse.XXXXXX")
trap 'rm -f "$file"' EXIT INT TERM

# Loopback addresses in scattered order (i * 2654435761 mod 2^24 visits each /8 address once),
# so de-duplication cannot lean on sorted input; every 50th line is a documentation IPv6
# address and every 100th repeats an earlier line.
awk -v n="$lines" 'BEGIN {
    for (i = 0; i < n; i++) {
        if (i % 100 == 99) { print "127.0.0.1"; continue }
        if (i % 50 == 49) { printf "2001:db8::%x:%x\n", int(i / 65536), i % 65536; continue }
        h = (i * 2654435761) % 16777216
        printf "127.%d.%d.%d\n", int(h / 65536), int(h / 256) % 256, h % 256
    }
}' > "$file"

start=$(date +%s.%N)
"$cli" --list-targets -f "$file" > /dev/null
end=$(date +%s.%N)

count=$("$cli" --list-targets -f "$file" | wc -l)
awk -v s="$start" -v e="$end" -v n="$lines" -v c="$count" \
    'BEGIN { printf "parsed %d lines into %d targets in %.3f s\n", n, c, e - s }'
