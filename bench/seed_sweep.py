#!/usr/bin/env python3
"""The seed's sweep, as a benchmark peer: a concurrent.futures.ThreadPoolExecutor whose
workers each run the system `ping -c1 -W1 -n ADDRESS` (one process per address) and keep
the addresses whose ping exited 0. Alive addresses are printed one per line, in input order.

Usage: seed_sweep.py [-w WORKERS] TARGET_FILE      (default 5 workers, as the seed had)
Targets: one IPv4 address per line; blank lines and '#' comments are ignored. Only
127.0.0.0/8 is accepted (the benchmarks probe loopback only).
"""
import argparse
import ipaddress
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")


def is_alive(address):
    # As in the seed: ping's output is captured (and then unused).
    done = subprocess.run(["ping", "-c", "1", "-W", "1", "-n", address],
                          capture_output=True, text=True)
    return done.returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-w", "--workers", type=int, default=5)
    ap.add_argument("targets")
    args = ap.parse_args()
    with open(args.targets) as f:
        addresses = [line.split("#", 1)[0].strip() for line in f]
    addresses = [a for a in addresses if a]
    for a in addresses:
        if ipaddress.ip_address(a) not in LOOPBACK:
            sys.exit(f"seed_sweep.py: refusing {a}: only 127.0.0.0/8")
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for address, alive in zip(addresses, pool.map(is_alive, addresses)):
            if alive:
                print(address)
    return 0


if __name__ == "__main__":
    sys.exit(main())
