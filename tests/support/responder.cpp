// ps-test-responder: answers ICMP echo requests to a loopback test range after a fixed delay,
// from user space — the stand-in for `tc netem delay`, which this kernel lacks. Run it inside a
// test network namespace whose kernel echo replies are off (netns.sh mode "delay").
// Bounded: exits after --max-seconds or on SIGTERM/SIGINT. Only ever answers 127.0.0.0/8.
//
// A delay line should be exact, or tests of a pinger's RTT measure the responder: each reply
// is due `delay` after its request's kernel arrival stamp (not after we got round to reading
// it), the wait is timed to the microsecond (ppoll), and as root the process asks for
// real-time scheduling so a busy machine does not wake it late.
#include "icmppacket.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QtEndian>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <deque>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

using Clock = std::chrono::steady_clock;

namespace {

volatile std::sig_atomic_t stopRequested = 0;
void onSignal(int) { stopRequested = 1; }

struct PendingReply
{
    Clock::time_point due;
    quint32 from;   // the pinger: where the reply goes
    quint32 to;     // the target that was pinged: the reply's source
    QByteArray icmp;
};

// The kernel's arrival stamp (SO_TIMESTAMPNS, wall clock) of a packet, on the steady clock.
Clock::time_point arrivedAt(msghdr &msg)
{
    const Clock::time_point now = Clock::now();
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS)
            continue;
        timespec stamp{};
        timespec wallNow{};
        memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
        ::clock_gettime(CLOCK_REALTIME, &wallNow);
        const qint64 waitedNs = (qint64(wallNow.tv_sec) - qint64(stamp.tv_sec)) * 1000000000
            + (qint64(wallNow.tv_nsec) - qint64(stamp.tv_nsec));
        if (waitedNs > 0)
            return now - std::chrono::nanoseconds(waitedNs);
    }
    return now;
}

bool sendReply(int fd, const PendingReply &r)
{
    sockaddr_in destination{};
    destination.sin_family = AF_INET;
    destination.sin_addr.s_addr = qToBigEndian(r.from);
    // IP_PKTINFO sets the reply's source address to the target that was pinged.
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in_pktinfo))] = {};
    iovec iov{const_cast<char *>(r.icmp.constData()), std::size_t(r.icmp.size())};
    msghdr msg{};
    msg.msg_name = &destination;
    msg.msg_namelen = sizeof destination;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
    in_pktinfo info{};
    info.ipi_spec_dst.s_addr = qToBigEndian(r.to);
    memcpy(CMSG_DATA(c), &info, sizeof info);
    return ::sendmsg(fd, &msg, 0) >= 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption net(QStringLiteral("net"), QStringLiteral("Answer for this range (inside 127/8)."),
                                 QStringLiteral("CIDR"), QStringLiteral("127.1.0.0/16"));
    const QCommandLineOption delay(QStringLiteral("delay-ms"), QStringLiteral("Delay before answering."),
                                   QStringLiteral("MS"), QStringLiteral("40"));
    const QCommandLineOption maxSeconds(QStringLiteral("max-seconds"), QStringLiteral("Exit after this long."),
                                        QStringLiteral("S"), QStringLiteral("600"));
    parser.addOptions({net, delay, maxSeconds});
    parser.process(app);

    const auto subnet = QHostAddress::parseSubnet(parser.value(net));
    if (subnet.first.isNull() || !subnet.first.isInSubnet(QHostAddress(QStringLiteral("127.0.0.0")), 8)) {
        std::fprintf(stderr, "ps-test-responder: --net must lie inside 127.0.0.0/8\n");
        return 2;
    }
    const auto delayTime = std::chrono::milliseconds(parser.value(delay).toInt());
    const auto deadline = Clock::now() + std::chrono::seconds(parser.value(maxSeconds).toInt());
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);

    const int fd = ::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (fd < 0) {
        std::perror("ps-test-responder: raw socket");
        return 1;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
    sched_param realtime{};
    realtime.sched_priority = 10;
    if (::sched_setscheduler(0, SCHED_FIFO, &realtime) != 0)
        std::fprintf(stderr, "ps-test-responder: no real-time scheduling (not root?): delays may run late under load\n");
    std::printf("ready\n");
    std::fflush(stdout);

    std::deque<PendingReply> pending;  // one fixed delay: due times arrive in order
    char buffer[65536];
    while (!stopRequested && Clock::now() < deadline) {
        std::chrono::nanoseconds wait = std::chrono::milliseconds(200);
        if (!pending.empty())
            wait = std::clamp<std::chrono::nanoseconds>(pending.front().due - Clock::now(), {}, wait);
        const timespec timeout{time_t(wait.count() / 1000000000), long(wait.count() % 1000000000)};
        pollfd p{fd, POLLIN, 0};
        ::ppoll(&p, 1, &timeout, nullptr);
        if (p.revents & POLLIN) {
            for (;;) {
                alignas(cmsghdr) char control[256];
                iovec iov{buffer, sizeof buffer};
                msghdr msg{};
                msg.msg_iov = &iov;
                msg.msg_iovlen = 1;
                msg.msg_control = control;
                msg.msg_controllen = sizeof control;
                const ssize_t n = ::recvmsg(fd, &msg, MSG_DONTWAIT);
                if (n <= 0)
                    break;
                const Clock::time_point arrived = arrivedAt(msg);
                if (n < 28 || (quint8(buffer[0]) >> 4) != 4)
                    continue;
                const int ihl = (quint8(buffer[0]) & 0x0f) * 4;
                if (n < ihl + ps::icmp::kEchoHeaderBytes || quint8(buffer[ihl]) != ps::icmp::kEchoRequestV4)
                    continue;
                const quint32 source = qFromBigEndian<quint32>(buffer + 12);
                const quint32 destination = qFromBigEndian<quint32>(buffer + 16);
                if (!QHostAddress(destination).isInSubnet(subnet))
                    continue;
                QByteArray icmp(buffer + ihl, int(n) - ihl);
                icmp[0] = char(ps::icmp::kEchoReplyV4);
                icmp[2] = icmp[3] = 0;
                qToBigEndian<quint16>(ps::icmp::checksum(icmp.constData(), int(icmp.size())), icmp.data() + 2);
                pending.push_back({arrived + delayTime, source, destination, icmp});
            }
        }
        while (!pending.empty() && pending.front().due <= Clock::now()) {
            sendReply(fd, pending.front());
            pending.pop_front();
        }
    }
    ::close(fd);
    return 0;
}
