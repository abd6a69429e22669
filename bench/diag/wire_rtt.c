/* wire_rtt — the RTTs as the kernel saw them, to check a sweeper's reported RTTs.
 *
 * A raw ICMP socket sees every ICMP packet of its network namespace; with SO_TIMESTAMPNS
 * each one carries the kernel's receive timestamp. For every echo request followed by the
 * matching echo reply (same sequence number, reply source = request destination) this prints
 * "ADDRESS WIRE_RTT_MS", in reply order. Compare with the sweeper's own figures for the same
 * address: the difference is time spent in user space before the sweeper read its clock.
 * Listens for SECONDS, then exits. Only meant for the ps-bench-* test namespaces (S5).
 *
 * Build: cc -O2 -o wire_rtt wire_rtt.c
 * Usage: ip netns exec ps-bench-x wire_rtt SECONDS > wire.txt &  (then run the sweeper)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static double request_at[65536];
static uint32_t request_to[65536];

int main(int argc, char **argv)
{
    int seconds = argc > 1 ? atoi(argv[1]) : 5;
    if (seconds < 1 || seconds > 600) {
        fprintf(stderr, "usage: %s SECONDS (1..600)\n", argv[0]);
        return 2;
    }
    int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    if (fd < 0) { perror("raw ICMP socket"); return 1; }
    int on = 1, size = 32 << 20;
    setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    fprintf(stderr, "wire_rtt: listening for %d s\n", seconds);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= seconds)
            break;
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        unsigned char buf[2048];
        char control[256];
        struct iovec iov = {buf, sizeof buf};
        struct msghdr msg = {0};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        ssize_t n = recvmsg(fd, &msg, 0);
        if (n < 28)
            continue;
        double at = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                struct timespec ts;
                memcpy(&ts, CMSG_DATA(c), sizeof ts);
                at = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
            }
        }
        size_t ihl = (size_t)(buf[0] & 0x0f) * 4;
        if ((size_t)n < ihl + 8)
            continue;
        uint8_t type = buf[ihl];
        uint16_t seq = (uint16_t)(buf[ihl + 6] << 8 | buf[ihl + 7]);
        uint32_t src, dst;
        memcpy(&src, buf + 12, 4);
        memcpy(&dst, buf + 16, 4);
        if (type == 8) {
            request_at[seq] = at;
            request_to[seq] = dst;
        } else if (type == 0 && request_at[seq] > 0 && request_to[seq] == src) {
            struct in_addr a = {src};
            printf("%s %.3f\n", inet_ntoa(a), (at - request_at[seq]) * 1e3);
            request_at[seq] = 0;
        }
    }
    return 0;
}
