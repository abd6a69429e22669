// ps-test-responder: answers ICMP echo requests to a loopback test range after a fixed delay,
// from user space — the stand-in for `tc netem delay`, which this kernel lacks. Run it inside a
// test network namespace whose kernel echo replies are off (netns.sh mode "delay").
// Bounded: exits after --max-seconds or on SIGTERM/SIGINT. Only ever answers 127.0.0.0/8.
#include "icmppacket.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QtEndian>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <deque>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
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
    std::printf("ready\n");
    std::fflush(stdout);

    std::deque<PendingReply> pending;  // one fixed delay: due times arrive in order
    char buffer[65536];
    while (!stopRequested && Clock::now() < deadline) {
        int timeoutMs = 200;
        if (!pending.empty()) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(pending.front().due - Clock::now());
            timeoutMs = int(std::max<qint64>(0, std::min<qint64>(left.count(), 200)));
        }
        pollfd p{fd, POLLIN, 0};
        ::poll(&p, 1, timeoutMs);
        if (p.revents & POLLIN) {
            for (;;) {
                const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
                if (n <= 0)
                    break;
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
                pending.push_back({Clock::now() + delayTime, source, destination, icmp});
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
