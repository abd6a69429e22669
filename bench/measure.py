#!/usr/bin/env python3
"""Measure the tools of one benchmark scenario, interleaved, several runs each.

Every tool of the scenario runs once per round (round-robin: A B C A B C ...), so a burst
of load on this machine hits all of them alike and the ratios between them stay fair.

For each run:
  wall   monotonic clock from just before fork() to the reaping wait4() (includes the
         tool's start-up and exit, as a user would see it)
  cpu    user + sys of the tool and every descendant it waited for (wait4's rusage)
  rss    ru_maxrss from wait4: the peak RSS of the largest single process of the tree
         (not a sum over processes)
  found  distinct target addresses reported alive: lines whose first token is a target
         address (fping -a, PingSweep --alive-only, seed_sweep.py, icmp_ceiling) or nmap
         grepable lines "Host: ADDR () Status: Up"
  rtt    where the output has RTTs (PingSweep "rtt min/avg/max ms", fping -e "(X ms)",
         icmp_ceiling "ADDR RTT"): |rtt - --rtt-target| statistics, if --rtt-target is set
Each run has a timeout: SIGTERM to the run's own process group, SIGKILL 2 s later; the run
is then marked timed out (partial output still counted) and the tool gets no more runs.

The runs are started by bench/launcher/launch.c (a tiny C launcher: a child forked from
this Python process would inherit the interpreter's ~15 MB as its peak-RSS floor).

Usage (root, usually from bench/run):
  measure.py --scenario S1 --targets t.txt --expected 256 --spec tools.tsv \\
             --out results.jsonl [--outputs DIR] [--rtt-target 40]
tools.tsv: one tool per line, tab-separated:
  LABEL  RUNS  TIMEOUT_S  BUDGET_S  PARSER  COMMAND...
  PARSER is "hosts" (alive-address lines) or "gui_stall" (bench/gui_stall's report).
  BUDGET_S: after the first run, no further run starts once the time spent on this tool
  plus its last run time would exceed it (0 = no budget). "{targets}" in COMMAND is
  replaced by the target file. COMMAND is split like a shell would (shlex), not run by one.
Appends one JSON object per run ("kind": "run") and one per tool ("kind": "summary").
"""
import argparse
import ipaddress
import json
import os
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")
NMAP_UP = re.compile(r"^Host:\s+(\S+)\s.*Status:\s+Up")
RTT_PINGSWEEP = re.compile(r"\brtt\s+([\d.]+)/([\d.]+)/([\d.]+)\s*ms")
RTT_FPING = re.compile(r"\(([\d.]+) ms\)")
GUI_FIELDS = {
    "rows": re.compile(r"^rows:\s+(\d+), finished (\d+), alive (\d+)", re.M),
    "sweep_ms": re.compile(r"^sweep time:\s+(\d+) ms", re.M),
    "stall_ms": re.compile(r"^max event-loop stall:\s+(\d+) ms", re.M),
    "gaps": re.compile(r"^heartbeat gaps:\s+p50 (\d+) ms, p99 (\d+) ms", re.M),
    "peak_rss_mb": re.compile(r"^peak RSS:\s+([\d.]+) MB", re.M),
    "gui_cpu_ms": re.compile(r"^max GUI-thread CPU between heartbeats:\s+([\d.]+) ms", re.M),
    "sweep_times": re.compile(r"^sweep times:\s+([\d ]+) ms", re.M),
}


def launcher_path(path=None):
    """bench/launcher/launch.c, built on first use (bench/run builds it beforehand)."""
    here = os.path.dirname(os.path.abspath(__file__))
    exe = path or os.path.join(here, "..", "build-bench", "bench", "launch")
    src = os.path.join(here, "launcher", "launch.c")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        subprocess.run(["cc", "-O2", "-o", exe, src], check=True)
    return exe


CURRENT = None      # the launcher of the run in progress
STOP = []           # set by SIGTERM/SIGINT: finish the current run, start no other


def on_stop(signum, _frame):
    STOP.append(signum)
    if CURRENT and CURRENT.poll() is None:
        CURRENT.send_signal(signal.SIGTERM)   # the launcher passes it on to the tool's group


def run_once(launcher, argv, timeout_s, out_path, err_path):
    """One run through the launcher (fork/exec, own process group, wait4 rusage, timeout)."""
    global CURRENT
    CURRENT = subprocess.Popen([launcher, f"{timeout_s:g}", out_path, err_path] + argv,
                               stdout=subprocess.PIPE, text=True)
    try:
        out, _ = CURRENT.communicate(timeout=timeout_s + 30)
    except subprocess.TimeoutExpired:
        CURRENT.kill()
        raise
    finally:
        CURRENT.wait()
    if CURRENT.returncode != 0:
        raise RuntimeError(f"launcher failed ({CURRENT.returncode}) for {argv[0]}")
    wall, user, sys_, maxrss, rc, timed_out = out.split()
    return dict(wall_s=float(wall), user_s=float(user), sys_s=float(sys_),
                cpu_s=float(user) + float(sys_), rss_mb=int(maxrss) / 1024.0, rc=int(rc),
                timed_out=timed_out == "1")


def parse_hosts(path, targets, rtt_target):
    found, errs = set(), []
    with open(path, errors="replace") as f:
        for line in f:
            m = NMAP_UP.match(line)
            addr = m.group(1) if m else (line.split(None, 1) or [""])[0]
            if addr not in targets or addr in found:
                continue
            found.add(addr)
            if rtt_target is None:
                continue
            rtt = None
            m = RTT_PINGSWEEP.search(line) or RTT_FPING.search(line)
            if m:
                rtt = float(m.group(2) if m.re is RTT_PINGSWEEP else m.group(1))
            else:
                parts = line.split()
                if len(parts) == 2 and re.fullmatch(r"[\d.]+", parts[1]):   # icmp_ceiling
                    rtt = float(parts[1])
            if rtt is not None:
                errs.append(abs(rtt - rtt_target))
    r = dict(found=len(found))
    if errs:
        r.update(rtt_n=len(errs), rtt_err_med=statistics.median(errs), rtt_err_max=max(errs))
    return r


def parse_gui_stall(path):
    text = open(path, errors="replace").read()
    r = {}
    m = GUI_FIELDS["rows"].search(text)
    if m:
        r.update(rows=int(m.group(1)), finished=int(m.group(2)), found=int(m.group(3)))
    for key in ("sweep_ms", "stall_ms", "peak_rss_mb", "gui_cpu_ms"):
        m = GUI_FIELDS[key].search(text)
        if m:
            r[key] = float(m.group(1))
    m = GUI_FIELDS["gaps"].search(text)
    if m:
        r.update(gap_p50_ms=int(m.group(1)), gap_p99_ms=int(m.group(2)))
    m = GUI_FIELDS["sweep_times"].search(text)
    if m:
        # --sweeps N: the first sweep, then the median of the ones after it
        times = [int(x) for x in m.group(1).split()]
        r["first_sweep_ms"] = float(times[0])
        if len(times) > 1:
            r["next_sweep_ms"] = float(statistics.median(times[1:]))
    r.setdefault("found", 0)
    return r


def read_spec(path):
    tools = []
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            label, runs, timeout, budget, parser, cmd = line.rstrip("\n").split("\t", 5)
            tools.append(dict(label=label, runs=int(runs), timeout=float(timeout),
                              budget=float(budget), parser=parser, cmd=cmd))
    return tools


def summarize(scenario, tool, runs, expected, netns):
    med = lambda k: statistics.median(r[k] for r in runs if k in r)
    s = dict(kind="summary", scenario=scenario, tool=tool["label"], runs=len(runs),
             wall_med=med("wall_s"), wall_min=min(r["wall_s"] for r in runs),
             wall_max=max(r["wall_s"] for r in runs), cpu_med=med("cpu_s"),
             user_med=med("user_s"), sys_med=med("sys_s"),
             rss_max_mb=max(r["rss_mb"] for r in runs), rss_med_mb=med("rss_mb"),
             found=sorted({r["found"] for r in runs}), expected=expected,
             timeouts=sum(r["timed_out"] for r in runs), rcs=sorted({r["rc"] for r in runs}),
             cmd=runs[0]["cmd"], netns=netns, parser=tool["parser"],
             pass_id=os.environ.get("PS_BENCH_PASS", ""))
    if any("rtt_err_med" in r for r in runs):
        s["rtt_err_med"] = med("rtt_err_med")
        s["rtt_err_max"] = max(r["rtt_err_max"] for r in runs if "rtt_err_max" in r)
        s["rtt_n"] = min(r.get("rtt_n", 0) for r in runs)
    for key in ("sweep_ms", "stall_ms", "peak_rss_mb", "gap_p99_ms", "gui_cpu_ms", "first_sweep_ms",
                "next_sweep_ms"):
        vals = [r[key] for r in runs if key in r]
        if vals:
            s[key + "_med"] = statistics.median(vals)
            s[key + "_max"] = max(vals)
    if tool["parser"] == "gui_stall":
        s["finished"] = sorted({r.get("finished", -1) for r in runs})
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--expected", type=int, required=True)
    ap.add_argument("--spec", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--outputs", help="keep the first run's stdout/stderr of each tool here")
    ap.add_argument("--rtt-target", type=float)
    ap.add_argument("--launcher", help="path of the built bench/launcher/launch.c")
    ap.add_argument("--pause", type=float, default=0.2, help="seconds between runs")
    a = ap.parse_args()

    with open(a.targets) as f:
        targets = {ln.split("#", 1)[0].strip() for ln in f} - {""}
    for t in targets:   # safety net: the benchmarks probe loopback only
        if ipaddress.ip_address(t) not in LOOPBACK:
            sys.exit(f"measure.py: refusing target {t}: only 127.0.0.0/8")
    tools = read_spec(a.spec)
    launcher = launcher_path(a.launcher)
    netns = subprocess.run(["ip", "netns", "identify", str(os.getpid())], capture_output=True,
                           text=True).stdout.strip() or "root"
    results = {t["label"]: [] for t in tools}
    spent = {t["label"]: 0.0 for t in tools}
    stopped = set()
    tmp = tempfile.mkdtemp(prefix="ps-bench-")

    def wants_more(t):
        done = results[t["label"]]
        if t["label"] in stopped or len(done) >= t["runs"]:
            return False
        if done and t["budget"] > 0 and spent[t["label"]] + done[-1]["wall_s"] > t["budget"]:
            return False
        return True

    signal.signal(signal.SIGTERM, on_stop)
    signal.signal(signal.SIGINT, on_stop)
    for rnd in range(max(t["runs"] for t in tools)):
        for t in tools:
            if STOP or not wants_more(t):
                continue
            argv = [arg.replace("{targets}", a.targets) for arg in shlex.split(t["cmd"])]
            out_path, err_path = os.path.join(tmp, "out"), os.path.join(tmp, "err")
            r = run_once(launcher, argv, t["timeout"], out_path, err_path)
            if t["parser"] == "gui_stall":
                r.update(parse_gui_stall(out_path))
            else:
                r.update(parse_hosts(out_path, targets, a.rtt_target))
            with open(err_path, errors="replace") as f:
                r["stderr_tail"] = f.read()[-400:]
            if a.outputs and rnd == 0:
                os.makedirs(a.outputs, exist_ok=True)
                safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{a.scenario}-{t['label']}")
                for src, ext in ((out_path, "out"), (err_path, "err")):
                    with open(src, errors="replace") as f, \
                            open(os.path.join(a.outputs, f"{safe}.{ext}"), "w") as g:
                        for i, line in enumerate(f):
                            if i >= 300:
                                g.write("... (cut)\n")
                                break
                            g.write(line)
            r.update(kind="run", scenario=a.scenario, tool=t["label"], run=rnd + 1,
                     expected=a.expected, cmd=" ".join(argv), netns=netns,
                     pass_id=os.environ.get("PS_BENCH_PASS", ""))
            results[t["label"]].append(r)
            spent[t["label"]] += r["wall_s"]
            if r["timed_out"]:
                stopped.add(t["label"])
            with open(a.out, "a") as f:
                f.write(json.dumps(r) + "\n")
            extra = ""
            if "rtt_err_med" in r:
                extra += f" |rtt-{a.rtt_target:g}| med {r['rtt_err_med']:.2f} max {r['rtt_err_max']:.2f} ms"
            if "stall_ms" in r:
                extra += f" stall {r['stall_ms']:.0f} ms sweep {r.get('sweep_ms', 0):.0f} ms"
            print(f"  {a.scenario} run {rnd + 1} {t['label']:<30} {r['wall_s']:8.3f} s  cpu "
                  f"{r['cpu_s']:7.3f} s  rss {r['rss_mb']:6.1f} MB  found {r['found']}/{a.expected}"
                  f"{' TIMEOUT' if r['timed_out'] else ''}{extra}", flush=True)
            time.sleep(a.pause)
    for name in ("out", "err"):
        try:
            os.unlink(os.path.join(tmp, name))
        except FileNotFoundError:
            pass
    try:
        os.rmdir(tmp)
    except OSError:
        pass

    if STOP:
        print(f"measure.py: stopped by signal {STOP[0]}", file=sys.stderr)
        return 130
    with open(a.out, "a") as f:
        for t in tools:
            if results[t["label"]]:
                f.write(json.dumps(summarize(a.scenario, t, results[t["label"]], a.expected,
                                             netns)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
