#!/usr/bin/env python3
"""Turn bench/measure.py's results.jsonl into Markdown tables, one per scenario, and a
goal check.

Uses the "summary" records (a later record for the same scenario and tool replaces an
earlier one, so rows re-measured into the same results folder win), "skip" records (rows
not run, with the reason) and "load" records (1-minute load average when a scenario began).

Ratios are medians over medians from the same results file: "× fping" is the tool's median
wall time over the median of `fping -i0 -r0 -t1000` in the same scenario, "× ceiling" over
bench/ceiling's one-raw-socket floor, and "× thread" (PingSweep process mode only) over
PingSweep thread mode.

Usage: summarize.py results.jsonl [more.jsonl ...] [--csv table.csv]
"""
import argparse
import csv
import json
import statistics
import sys

REF = "fping -i0 -r0 -t1000"
CEILING = "ceiling (1 raw socket)"
THREAD = "PingSweep thread"
PROCESS = "PingSweep process"
TITLES = {
    "S1": "S1 — 256 live hosts (127.0.0.0–127.0.0.255, root namespace)",
    "S2": "S2 — 65,536 live hosts (127.0.0.0–127.0.255.255, root namespace)",
    "S3": "S3 — 256 dead hosts (127.1.0.0/24 in netns ps-bench-s3, every packet dropped; "
          "timeout 1000 ms, 1 probe)",
    "S4": "S4 — 1,024 hosts, 1 in 4 alive (127.1.0.0/22 in netns ps-bench-s4; timeout 1000 ms)",
    "S5": "S5 — 256 hosts behind a 40 ms user-space echo responder (127.1.0.0/24 in netns "
          "ps-bench-s5)",
    "G1": "G1 — GUI (offscreen) sweeping S2's 65,536 hosts: bench/gui_stall",
    "G2": "G2 — GUI (offscreen) sweeping 127.0.0.0/24 (254 hosts) six times in a row: "
          "bench/gui_stall --sweeps 6",
}
ORDER = ["S1", "S2", "S3", "S4", "S5", "G1", "G2"]


RUNS = {}   # (scenario, tool, pass_id) -> {run index: wall}


def paired(sc, tool, ref_tool, rows):
    """Median over rounds of wall(tool, round i) / wall(ref, round i), same pass only: the two
    runs of a round ran back to back, so they saw the same load."""
    r, ref = rows.get((sc, tool)), rows.get((sc, ref_tool))
    if not r or not ref or r.get("pass_id") != ref.get("pass_id"):
        return None
    a = RUNS.get((sc, tool, r.get("pass_id")), {})
    b = RUNS.get((sc, ref_tool, ref.get("pass_id")), {})
    ratios = [a[i] / b[i] for i in a if i in b and b[i] > 0]
    return (statistics.median(ratios), len(ratios)) if ratios else None


def load(files):
    rows, skips, loads = {}, {}, {}
    for fn in files:
        with open(fn) as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                key = (r.get("scenario"), r.get("tool"))
                if r.get("kind") == "run":
                    RUNS.setdefault((r["scenario"], r["tool"], r.get("pass_id", "")), {})[
                        r["run"]] = r["wall_s"]
                if r.get("kind") == "summary":
                    rows[key] = r
                    skips.pop(key, None)
                elif r.get("kind") == "skip":
                    if key not in rows:   # a measured row beats a later "not run"
                        skips[key] = r
                elif r.get("kind") == "load":
                    loads.setdefault(r["scenario"], []).append(r["load1"])
    return rows, skips, loads


def found_text(r):
    found = "/".join(f"{x:,}" for x in r["found"])
    ok = r["found"] == [r["expected"]]
    return f"{found}/{r['expected']:,}" + ("" if ok else " ✘")


def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def scenario_table(sc, rows, skips, out_csv):
    lines = []
    here = [(t, r) for (s, t), r in rows.items() if s == sc]
    ref = rows.get((sc, REF))
    thread = rows.get((sc, THREAD))
    floor = rows.get((sc, CEILING))
    rtt = any("rtt_err_med" in r for _, r in here)
    head = ["tool", "runs", "wall median s", "min s", "× fping -i0", "× ceiling", "× thread", "CPU s",
            "peak RSS MB", "alive found/expected"]
    if rtt:
        head += ["|rtt−40| median / max ms"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    newest = max((r.get("pass_id", "") for _, r in here), default="")
    older = False
    for tool, r in here:
        if r.get("pass_id", "") != newest:
            tool += " ¹"
            older = True
        ratio = f"{r['wall_med'] / ref['wall_med']:.2f}×" if ref and ref["wall_med"] > 0 else ""
        vs_thread = ""
        if tool == PROCESS and thread and thread["wall_med"] > 0:
            vs_thread = f"{r['wall_med'] / thread['wall_med']:.2f}×"
        vs_floor = f"{r['wall_med'] / floor['wall_med']:.2f}×" if floor and floor["wall_med"] > 0 else ""
        to = f" ({r['timeouts']} timed out)" if r["timeouts"] else ""
        cells = [tool, str(r["runs"]), fmt_s(r["wall_med"]) + to, fmt_s(r["wall_min"]), ratio,
                 vs_floor, vs_thread, fmt_s(r["cpu_med"]), f"{r['rss_max_mb']:.1f}", found_text(r)]
        if rtt:
            cells.append(f"{r['rtt_err_med']:.2f} / {r['rtt_err_max']:.2f}"
                         if "rtt_err_med" in r else "—")
        lines.append("| " + " | ".join(cells) + " |")
        out_csv.append(dict(scenario=sc, tool=tool, runs=r["runs"], wall_med_s=r["wall_med"],
                            wall_min_s=r["wall_min"], wall_max_s=r["wall_max"],
                            ratio_fping_i0=r["wall_med"] / ref["wall_med"] if ref else "",
                            ratio_ceiling=r["wall_med"] / floor["wall_med"] if floor else "",
                            cpu_med_s=r["cpu_med"], rss_max_mb=r["rss_max_mb"],
                            found=r["found"][0] if len(r["found"]) == 1 else r["found"],
                            expected=r["expected"], timeouts=r["timeouts"],
                            rtt_err_med_ms=r.get("rtt_err_med", ""),
                            rtt_err_max_ms=r.get("rtt_err_max", ""), cmd=r["cmd"]))
    for (s, tool), k in skips.items():
        if s == sc:
            lines.append(f"| {tool} | — | not run: {k['note']} |" + " |" * (len(head) - 3))
    pairs = []
    for tool, ref_tool, name in ((THREAD, REF, "thread / fping -i0"), (PROCESS, REF, "process / fping -i0"),
                                 (PROCESS, THREAD, "process / thread"),
                                 (THREAD, CEILING, "thread / ceiling")):
        p = paired(sc, tool, ref_tool, rows)
        if p:
            pairs.append(f"{name} {p[0]:.2f}× (n={p[1]})")
    if pairs:
        lines.append("")
        lines.append("Paired ratios (median over rounds of one run's wall over the other's, "
                     "run back to back): " + ", ".join(pairs))
    if older:
        lines.append("")
        lines.append("¹ measured in an earlier pass into this results folder (the rows without ¹ "
                     "were measured again together, later)")
    return lines


def gui_rows(scenario, rows, skips):
    """The (tool, row) pairs of a GUI scenario, or, when it has none, the line saying why."""
    here = [(t, r) for (s, t), r in rows.items() if s == scenario]
    if here:
        return here, None
    note = next((k["note"] for (s, _), k in skips.items() if s == scenario), "not built")
    return [], [f"{scenario}: {note}"]


def resweep_table(rows, skips):
    here, missing = gui_rows("G2", rows, skips)
    if missing:
        return missing
    lines = ["| mode | runs | first sweep median / max ms | each following sweep, median of medians / max ms "
             "| rows finished/expected |",
             "|---|---|---|---|---|"]
    nan = float("nan")
    for tool, r in here:
        fin = "/".join(f"{x:,}" for x in r.get("finished", []))
        ok = r.get("finished") == [r["expected"]]
        lines.append(
            f"| {tool} | {r['runs']} | {r.get('first_sweep_ms_med', nan):.0f} / {r.get('first_sweep_ms_max', nan):.0f} "
            f"| {r.get('next_sweep_ms_med', nan):.0f} / {r.get('next_sweep_ms_max', nan):.0f} "
            f"| {fin}/{r['expected']:,}{'' if ok else ' ✘'} |")
    lines.append("")
    lines.append("Sweep times are the window's own (SweepController: Start to the last result), "
                 "not process walls; the window keeps its worker processes between sweeps.")
    return lines


def gui_table(rows, skips):
    here, missing = gui_rows("G1", rows, skips)
    if missing:
        return missing
    lines = []
    lines.append("| mode | runs | sweep time median / max s | max event-loop stall median / max ms "
                 "| longest GUI-thread CPU burst max ms | p99 heartbeat gap ms "
                 "| peak RSS MB (GUI process) | rows finished/expected | process wall median s |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    nan = float("nan")
    for tool, r in here:
        fin = "/".join(f"{x:,}" for x in r.get("finished", []))
        ok = r.get("finished") == [r["expected"]]
        cpu = f"{r['gui_cpu_ms_max']:.1f}" if "gui_cpu_ms_max" in r else "—"
        lines.append(
            f"| {tool} | {r['runs']} | {r.get('sweep_ms_med', nan) / 1e3:.2f} / "
            f"{r.get('sweep_ms_max', nan) / 1e3:.2f} | {r.get('stall_ms_med', nan):.0f} / "
            f"{r.get('stall_ms_max', nan):.0f} | {cpu} | {r.get('gap_p99_ms_max', nan):.0f} | "
            f"{r.get('peak_rss_mb_max', r['rss_max_mb']):.1f} | {fin}/{r['expected']:,}"
            f"{'' if ok else ' ✘'} | {fmt_s(r['wall_med'])} |")
    return lines


def goals(rows, skips):
    out = []

    def row(sc, tool):
        return rows.get((sc, tool))

    def verdict(ok):
        return "**met**" if ok else "**not met**"

    t1, p1 = row("S1", THREAD), row("S1", PROCESS)
    if t1 and p1:
        ratio = p1["wall_med"] / t1["wall_med"]
        p = paired("S1", PROCESS, THREAD, rows)
        pn = f" (paired {p[0]:.2f}×)" if p else ""
        out.append(f"- S1 process ≤ 1.5× thread (254–256 loopback hosts): {ratio:.2f}×{pn} "
                   f"({fmt_s(p1['wall_med'])} s vs {fmt_s(t1['wall_med'])} s) — {verdict(ratio <= 1.5)}")
    t2, p2, f2 = row("S2", THREAD), row("S2", PROCESS), row("S2", REF)
    if t2 and f2:
        ratio = t2["wall_med"] / f2["wall_med"]
        all_found = t2["found"] == [65536]
        p = paired("S2", THREAD, REF, rows)
        pn = f", paired {p[0]:.2f}×" if p else ""
        out.append(f"- S2 thread ≤ 1.0× fping -i0, all 65,536 found: {ratio:.2f}× "
                   f"({fmt_s(t2['wall_med'])} s vs {fmt_s(f2['wall_med'])} s{pn}), found "
                   f"{found_text(t2)} — {verdict(ratio <= 1.0 and all_found)}")
    if t2 and p2:
        ratio = p2["wall_med"] / t2["wall_med"]
        p = paired("S2", PROCESS, THREAD, rows)
        pn = f" (paired {p[0]:.2f}×)" if p else ""
        out.append(f"- S2 process ≤ 1.5× thread: {ratio:.2f}×{pn} — {verdict(ratio <= 1.5)}")
    for sc in ("S3", "S4"):
        for tool in (THREAD, PROCESS):
            r = row(sc, tool)
            if r:
                ok = r["wall_med"] <= 1.10 and r["found"] == [r["expected"]]
                out.append(f"- {sc} {tool} ≤ 1.10 s: {fmt_s(r['wall_med'])} s "
                           f"(max {fmt_s(r['wall_max'])} s), found {found_text(r)} — {verdict(ok)}")
    for tool in (THREAD, PROCESS):
        r = row("S5", tool)
        if r:
            ok_wall = r["wall_med"] <= 0.05
            ok_rtt = r.get("rtt_err_max", 99) <= 2.0 and r["found"] == [r["expected"]]
            out.append(f"- S5 {tool} ≤ 0.05 s: {fmt_s(r['wall_med'])} s — {verdict(ok_wall)}; "
                       f"RTT within ±2 ms of 40: median |rtt−40| {r.get('rtt_err_med', float('nan')):.2f} ms, "
                       f"max {r.get('rtt_err_max', float('nan')):.2f} ms, found {found_text(r)} — "
                       f"{verdict(ok_rtt)}")
    for (sc, tool), r in rows.items():
        if sc != "G1":
            continue
        stall = r.get("stall_ms_max", 1e9)
        rss = r.get("peak_rss_mb_max", r["rss_max_mb"])
        fin = r.get("finished") == [r["expected"]]
        out.append(f"- G1 {tool}: max stall {stall:.0f} ms ≤ 50 — {verdict(stall <= 50)}; "
                   f"peak RSS {rss:.1f} MB ≤ 150 — {verdict(rss <= 150)}; all rows finished — "
                   f"{verdict(fin)}")
    if not any(sc == "G1" for sc, _ in rows) and any(sc == "G1" for sc, _ in skips):
        out.append("- G1: not built — not checked")
    gt, gp = row("G2", "gui_stall thread"), row("G2", "gui_stall process")
    if gt and gp and "next_sweep_ms_med" in gt and "next_sweep_ms_med" in gp:
        first = gp["first_sweep_ms_med"] / gt["first_sweep_ms_med"]
        following = gp["next_sweep_ms_med"] / gt["next_sweep_ms_med"]
        out.append(f"- G2 process ≤ 1.5× thread in the window (254 hosts): first sweep {first:.2f}× "
                   f"({gp['first_sweep_ms_med']:.0f} vs {gt['first_sweep_ms_med']:.0f} ms) — "
                   f"{verdict(first <= 1.5)}; following sweeps {following:.2f}× "
                   f"({gp['next_sweep_ms_med']:.0f} vs {gt['next_sweep_ms_med']:.0f} ms) — "
                   f"{verdict(following <= 1.5)}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--csv")
    a = ap.parse_args()
    rows, skips, loads = load(a.files)
    scenarios = [s for s in ORDER if any(k[0] == s for k in list(rows) + list(skips))]
    out_csv, text = [], []
    for sc in scenarios:
        load_note = ""
        if sc in loads:
            what = "at the start of each measuring pass" if len(loads[sc]) > 1 else "at start"
            load_note = f" (1-min load average {what}: {', '.join(f'{x:.1f}' for x in loads[sc])})"
        text.append(f"### {TITLES.get(sc, sc)}")
        text.append("")
        if load_note:
            text.append(f"_{load_note.strip(' ()')}_")
            text.append("")
        if sc == "G1":
            text += gui_table(rows, skips)
        elif sc == "G2":
            text += resweep_table(rows, skips)
        else:
            text += scenario_table(sc, rows, skips, out_csv)
        text.append("")
    text.append("### Goals")
    text.append("")
    text += goals(rows, skips) or ["(no goal applies to the scenarios in this file)"]
    print("\n".join(text))
    if a.csv and out_csv:
        with open(a.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(out_csv[0]))
            w.writeheader()
            w.writerows(out_csv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
