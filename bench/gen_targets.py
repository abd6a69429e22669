#!/usr/bin/env python3
"""Write benchmark target lists: every IPv4 address of a loopback block, one per line.

Every address is listed, the first (.0) and last (.255) included: 127.0.0.0/24 gives 256
lines and 127.0.0.0/16 gives 65,536. `fping -g` would leave out the network and broadcast
addresses, so all tools get these explicit lists instead and sweep exactly the same hosts.
Only 127.0.0.0/8 is accepted: the benchmarks never probe anything else.

Usage: gen_targets.py OUTFILE CIDR|FIRST-LAST [CIDR|FIRST-LAST ...]
   ex: gen_targets.py s2.txt 127.0.0.0/16
       gen_targets.py s1.txt 127.0.0.0-127.0.0.255
"""
import ipaddress
import sys

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")


def expand(spec):
    if "-" in spec:
        first, last = (ipaddress.IPv4Address(p.strip()) for p in spec.split("-", 1))
        if last < first:
            raise ValueError(f"{spec}: empty range")
    else:
        net = ipaddress.IPv4Network(spec, strict=True)
        first, last = net.network_address, net.broadcast_address
    if first not in LOOPBACK or last not in LOOPBACK:
        raise ValueError(f"{spec}: only 127.0.0.0/8 may be probed")
    return range(int(first), int(last) + 1)


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    try:
        blocks = [expand(s) for s in sys.argv[2:]]
    except ValueError as e:
        print(f"gen_targets.py: {e}", file=sys.stderr)
        return 2
    with open(sys.argv[1], "w") as out:
        for block in blocks:
            out.write("".join(f"{ipaddress.IPv4Address(n)}\n" for n in block))
    return 0


if __name__ == "__main__":
    sys.exit(main())
