/* icmp_ceiling — the reference floor for the sweep benchmarks.
 *
 * The least work a sweeper can do: one thread, one raw ICMP socket, an echo request to
 * every address of a target list sent in batches with sendmmsg(), replies collected in
 * batches with recvmmsg() between the send batches, then a wait for the stragglers (at
 * most WAIT_MS after the last send, or until every target has answered). No result
 * objects, no threads, no IPC: what is left is the kernel's send/receive path.
 *
 * Prints every address that answered, one per line ("ADDRESS RTT_MS"), like the sweepers
 * it is compared with, and a summary on stderr.
 *
 * Build: cc -O2 -o icmp_ceiling icmp_ceiling.c        (bench/run does this)
 * Usage: icmp_ceiling TARGET_FILE [WAIT_MS=1000] [BATCH=64]
 * Needs root or CAP_NET_RAW. Refuses any target outside 127.0.0.0/8.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef ICMP_FILTER
#define ICMP_FILTER 1
#endif

enum { MAX_TARGETS = 1 << 20, MAX_BATCH = 256, PAYLOAD = 56 };

struct target {
    uint32_t addr;   /* host byte order */
    uint32_t index;  /* position in the input list */
};

static struct target *sorted;    /* by address, for reply lookup */
static uint32_t *addrs;          /* input order */
static double *sent_at, *rtt_ms; /* rtt < 0: no reply yet */
static uint32_t n_targets, n_answered;
static uint16_t ident;
static long replies_total, foreign;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint16_t checksum(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (uint32_t)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return htons((uint16_t)~sum);
}

static int by_addr(const void *a, const void *b)
{
    uint32_t x = ((const struct target *)a)->addr, y = ((const struct target *)b)->addr;
    return x < y ? -1 : x > y;
}

static long find(uint32_t addr)
{
    size_t lo = 0, hi = n_targets;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sorted[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n_targets && sorted[lo].addr == addr ? (long)sorted[lo].index : -1;
}

/* Read every queued reply (bounded by `rounds` recvmmsg calls); returns replies read. */
static long drain(int fd, int rounds)
{
    static char bufs[MAX_BATCH][256];
    static struct iovec iov[MAX_BATCH];
    static struct mmsghdr msgs[MAX_BATCH];
    long got = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < MAX_BATCH; i++) {
            iov[i].iov_base = bufs[i];
            iov[i].iov_len = sizeof bufs[i];
            memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        int n = recvmmsg(fd, msgs, MAX_BATCH, MSG_DONTWAIT, NULL);
        if (n <= 0)
            break;
        double t = now_s();
        for (int i = 0; i < n; i++) {
            const uint8_t *b = (const uint8_t *)bufs[i];
            size_t len = msgs[i].msg_len, ihl = (size_t)(b[0] & 0x0f) * 4;
            if (len < ihl + 8) { foreign++; continue; }
            const struct icmphdr *ic = (const struct icmphdr *)(b + ihl);
            if (ic->type != ICMP_ECHOREPLY || ntohs(ic->un.echo.id) != ident) { foreign++; continue; }
            uint32_t src;
            memcpy(&src, b + 12, 4);
            long idx = find(ntohl(src));
            if (idx < 0 || ((uint16_t)idx != ntohs(ic->un.echo.sequence))) { foreign++; continue; }
            replies_total++;
            if (rtt_ms[idx] < 0) {
                rtt_ms[idx] = (t - sent_at[idx]) * 1e3;
                n_answered++;
            }
        }
        got += n;
        if (n < MAX_BATCH)
            break;
    }
    return got;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s TARGET_FILE [WAIT_MS=1000] [BATCH=64]\n", argv[0]);
        return 2;
    }
    int wait_ms = argc > 2 ? atoi(argv[2]) : 1000;
    int batch = argc > 3 ? atoi(argv[3]) : 64;
    if (batch < 1 || batch > MAX_BATCH || wait_ms < 0 || wait_ms > 60000) {
        fprintf(stderr, "bad WAIT_MS or BATCH (1..%d)\n", MAX_BATCH);
        return 2;
    }

    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    addrs = malloc(sizeof *addrs * MAX_TARGETS);
    char line[128];
    while (fgets(line, sizeof line, f)) {
        char *s = line + strspn(line, " \t");
        s[strcspn(s, " \t\r\n#")] = 0;
        if (!*s)
            continue;
        struct in_addr a;
        if (inet_pton(AF_INET, s, &a) != 1) { fprintf(stderr, "not an IPv4 address: %s\n", s); return 2; }
        uint32_t h = ntohl(a.s_addr);
        if ((h >> 24) != 127) { fprintf(stderr, "refusing %s: only 127.0.0.0/8\n", s); return 2; }
        if (n_targets == MAX_TARGETS) { fprintf(stderr, "more than %d targets\n", MAX_TARGETS); return 2; }
        addrs[n_targets++] = h;
    }
    fclose(f);
    sorted = malloc(sizeof *sorted * (n_targets + 1));
    sent_at = calloc(n_targets + 1, sizeof *sent_at);
    rtt_ms = malloc(sizeof *rtt_ms * (n_targets + 1));
    for (uint32_t i = 0; i < n_targets; i++) {
        sorted[i].addr = addrs[i];
        sorted[i].index = i;
        rtt_ms[i] = -1;
    }
    qsort(sorted, n_targets, sizeof *sorted, by_addr);

    int fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK, IPPROTO_ICMP);
    if (fd < 0) { perror("raw ICMP socket (root or CAP_NET_RAW needed)"); return 3; }
    uint32_t filter = ~(1u << ICMP_ECHOREPLY);   /* queue echo replies only */
    setsockopt(fd, SOL_RAW, ICMP_FILTER, &filter, sizeof filter);
    int bufsize = 64 << 20;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bufsize, sizeof bufsize) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsize, sizeof bufsize);
    ident = (uint16_t)getpid();

    static uint8_t pkts[MAX_BATCH][8 + PAYLOAD];
    static struct sockaddr_in dst[MAX_BATCH];
    static struct iovec iov[MAX_BATCH];
    static struct mmsghdr msgs[MAX_BATCH];
    long send_errors = 0, stalls = 0;

    double t0 = now_s();
    uint32_t next = 0;
    while (next < n_targets) {
        int k = 0;
        for (; k < batch && next + (uint32_t)k < n_targets; k++) {
            uint32_t idx = next + (uint32_t)k;
            struct icmphdr *ic = (struct icmphdr *)pkts[k];
            memset(pkts[k], 0, sizeof pkts[k]);
            ic->type = ICMP_ECHO;
            ic->un.echo.id = htons(ident);
            ic->un.echo.sequence = htons((uint16_t)idx);
            memcpy(pkts[k] + 8, &idx, sizeof idx);
            ic->checksum = checksum(pkts[k], sizeof pkts[k]);
            dst[k].sin_family = AF_INET;
            dst[k].sin_addr.s_addr = htonl(addrs[idx]);
            iov[k].iov_base = pkts[k];
            iov[k].iov_len = sizeof pkts[k];
            memset(&msgs[k].msg_hdr, 0, sizeof msgs[k].msg_hdr);
            msgs[k].msg_hdr.msg_name = &dst[k];
            msgs[k].msg_hdr.msg_namelen = sizeof dst[k];
            msgs[k].msg_hdr.msg_iov = &iov[k];
            msgs[k].msg_hdr.msg_iovlen = 1;
        }
        double t = now_s();
        for (int i = 0; i < k; i++)
            sent_at[next + (uint32_t)i] = t;
        int sent = sendmmsg(fd, msgs, (unsigned)k, 0);
        if (sent < 0) {
            if (errno == EAGAIN || errno == ENOBUFS) {   /* queue full: read, then retry */
                if (++stalls > 100000) { fprintf(stderr, "giving up: send queue stuck\n"); break; }
                struct pollfd p = {fd, POLLIN, 0};
                poll(&p, 1, 1);
                drain(fd, 64);
                continue;
            }
            send_errors++;
            sent = 1;   /* skip the target that failed */
        }
        next += (uint32_t)sent;
        drain(fd, 4);
    }
    double t_sent = now_s();
    while (n_answered < n_targets) {
        int left = wait_ms - (int)((now_s() - t_sent) * 1e3);
        if (left <= 0)
            break;
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, left) > 0)
            drain(fd, 1024);
    }
    double t_end = now_s();

    for (uint32_t i = 0; i < n_targets; i++) {
        if (rtt_ms[i] >= 0) {
            struct in_addr a = {htonl(addrs[i])};
            printf("%s %.3f\n", inet_ntoa(a), rtt_ms[i]);
        }
    }
    fprintf(stderr,
            "icmp_ceiling: %u targets, %u answered (%ld replies, %ld foreign, %ld send errors, "
            "%ld full-queue waits); send phase %.3f s (%.0f/s), until last reply or wait end %.3f s\n",
            n_targets, n_answered, replies_total, foreign, send_errors, stalls, t_sent - t0,
            n_targets / (t_sent - t0 > 0 ? t_sent - t0 : 1e-9), t_end - t0);
    return n_answered == n_targets ? 0 : 1;
}
