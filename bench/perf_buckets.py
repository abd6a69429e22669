#!/usr/bin/env python3
"""Where does the CPU time go? Sort the samples of `perf script` output into a few buckets.

Reads `perf script` text (recorded with call graphs: `perf record --call-graph dwarf ...`)
from stdin. Each sample is put in one bucket, by its stack:
  kernel samples: by the system call they are under (sendto path, recvmsg, futex, poll, ...),
                  else scheduler, page faults, other
  user samples:   by the leaf function (malloc/free, CBOR, QString/QByteArray, locks, ...)
Prints the share of each bucket over all samples and, with --threads, the same per thread
(samples per thread ≈ CPU time of that thread, at the sampling frequency).
With --callers SYMBOL: the user-space call chains (DEPTH frames) of the samples whose stack
holds SYMBOL, e.g. --callers do_futex to see who takes the contended locks.

Usage: perf script -i perf.data | bench/perf_buckets.py [--threads] [--callers SYM [--depth N]]
"""
import argparse
import collections
import re
import sys

FRAME = re.compile(r"\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")
MALLOC = re.compile(r"^(__GI___libc_)?(malloc|free|cfree|realloc|calloc)$|^_int_|^malloc_|^unlink_chunk|"
                    r"^tcache|^sysmalloc|^operator new|^operator delete")

KERNEL_BY_CALLER = [
    (("__sys_sendto", "raw_sendmsg", "__sys_sendmmsg", "ping_v4_sendmsg"),
     "kernel: send path (sendto → IP → loopback → echo reply → socket queues)"),
    (("__sys_recvmsg", "__sys_recvmmsg", "raw_recvmsg", "ping_recvmsg"), "kernel: recvmsg"),
    (("do_futex", "futex_wait", "futex_wake"), "kernel: futex (contended locks, condition variables)"),
    (("do_sys_poll", "do_poll", "ep_poll", "do_select"), "kernel: poll"),
    (("exc_page_fault", "do_user_addr_fault"), "kernel: page faults"),
    (("ksys_write", "ksys_read", "pipe_write", "pipe_read", "eventfd_write", "eventfd_read"),
     "kernel: read/write (pipes, eventfd, output)"),
    (("schedule", "finish_task_switch"), "kernel: scheduler / context switches"),
    (("do_exit", "exit_mmap", "execve", "do_mmap", "__do_munmap", "do_madvise", "load_elf_binary"),
     "kernel: process start/exit, mmap"),
]
USER_BY_LEAF = [
    (MALLOC, "user: malloc/free"),
    (re.compile(r"pthread_mutex|__lll_lock|lll_mutex|pthread_cond|__condvar|pthread_once"),
     "user: mutex/condvar code"),
    (re.compile(r"[Cc]bor"), "user: CBOR encode/decode"),
    (re.compile(r"QString|QArrayData|QByteArray|QArrayDataPointer|QChar|mem(cpy|move|set|chr|cmp)|strlen"),
     "user: QString/QByteArray/memory copies"),
    (re.compile(r"QDateTime|QTimeZone|clock_gettime|QDate|QTime|gettimeofday"), "user: clocks/QDateTime"),
    (re.compile(r"QMetaObject|QObject|QCoreApplication|QEventDispatcher|QEventLoop|QThreadPool|"
                r"QRunnable|QSocketNotifier|QEvent|QTimer|QThread|QMetaType|QMutex|QWaitCondition"),
     "user: Qt event loop / signals"),
    (re.compile(r"IcmpEngine|icmp::|checksum"), "user: ICMP engine (packets, maps, timers)"),
    (re.compile(r"HostResult|formatTextRow|QTextStream|CliRunner"), "user: results / CLI output"),
    (re.compile(r"Future|Executor|Task|Worker|Frame|Sweep|Inbox|std::|_Hashtable"),
     "user: executor, futures, std containers"),
    (re.compile(r"QHostAddress|inet_|Target|IntervalSet|Parser|Scanner|Tokenizer|Address"),
     "user: targets / addresses"),
    (re.compile(r"^_dl_|do_lookup|check_match|elf_"), "user: dynamic loader"),
]


def frames_of(block):
    out = []
    for line in block[1:]:
        m = FRAME.match(line)
        if m:
            out.append((re.sub(r"\+0x[0-9a-f]+$", "", m.group(1)), m.group(2)))
    return out


def bucket(frames):
    if not frames:
        return "unknown"
    leaf, dso = frames[0]
    if "kernel" in dso:
        names = {s for s, _ in frames}
        for keys, name in KERNEL_BY_CALLER:
            if any(k in names for k in keys):
                return name
        return "kernel: other"
    for pattern, name in USER_BY_LEAF:
        if pattern.search(leaf):
            return name
    return f"user: other ({dso.rsplit('/', 1)[-1]})"


def samples(stream):
    block = []
    for line in stream:
        if line.strip():
            block.append(line.rstrip("\n"))
        elif block:
            yield block
            block = []
    if block:
        yield block


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", action="store_true")
    ap.add_argument("--callers")
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--top", type=int, default=14)
    a = ap.parse_args()
    total = collections.Counter()
    per_thread = collections.defaultdict(collections.Counter)
    callers = collections.Counter()
    n = 0
    for block in samples(sys.stdin):
        head = block[0].split()
        # header: COMM [more comm words] TID [CPU] TIME: PERIOD EVENT:
        tid_i = next((i for i, w in enumerate(head) if w.isdigit()), 1)
        thread = " ".join(head[:tid_i]) + "/" + head[tid_i] if tid_i < len(head) else head[0]
        frames = frames_of(block)
        b = bucket(frames)
        total[b] += 1
        per_thread[thread][b] += 1
        n += 1
        if a.callers and any(a.callers in s for s, _ in frames):
            user = [s for s, d in frames if "kernel" not in d and not re.match(
                r"(__GI_|syscall|__futex|futex_|__lll|lll_|__pthread|pthread_|___pthread|__libc_)", s)]
            callers[" <- ".join(x[:60] for x in user[:a.depth]) or "(kernel only)"] += 1
    if not n:
        sys.exit("no samples on stdin")
    print(f"{n} samples")
    for b, c in total.most_common(a.top):
        print(f"{100 * c / n:6.1f}%  {b}")
    if a.threads:
        for thread, counts in sorted(per_thread.items(), key=lambda kv: -sum(kv[1].values())):
            t = sum(counts.values())
            if t < n * 0.02:
                continue
            print(f"\nthread {thread}: {t} samples ({100 * t / n:.0f}% of all)")
            for b, c in counts.most_common(6):
                print(f"  {100 * c / t:6.1f}%  {b}")
    if a.callers:
        print(f"\ncallers of {a.callers} (share of all samples):")
        for k, c in callers.most_common(10):
            print(f"{100 * c / n:6.1f}%  {k}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        pass
