#include "icmpsocket.h"

#include "syserror.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <vector>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <linux/filter.h>  // classic BPF: SO_ATTACH_FILTER
#include <linux/icmp.h>  // ICMP_FILTER and struct icmp_filter (Linux raw sockets)
#include <sys/socket.h>
#include <unistd.h>

namespace ps {

namespace {

// Big enough for a 65,536-host burst of replies to wait while the engine is still sending.
constexpr int kReceiveBufferBytes = 8 * 1024 * 1024;

int openKind(icmp::Family family, IcmpSocket::Kind kind)
{
    const int domain = family == icmp::Family::V4 ? AF_INET : AF_INET6;
    const int protocol = family == icmp::Family::V4 ? int(IPPROTO_ICMP) : int(IPPROTO_ICMPV6);
    const int type = (kind == IcmpSocket::Kind::Raw ? int(SOCK_RAW) : int(SOCK_DGRAM)) | SOCK_NONBLOCK | SOCK_CLOEXEC;
    return ::socket(domain, type, protocol);
}

void configure(int fd, icmp::Family family, IcmpSocket::Kind kind)
{
    const int one = 1;
    const int buffer = kReceiveBufferBytes;
    // FORCE lifts rmem_max for root/CAP_NET_ADMIN; otherwise take what the system allows.
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof buffer) != 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    // The kernel stamps each packet as it arrives: RTTs then do not include the time a reply
    // waited in the socket while the engine was busy (thousands of sends, a loaded machine).
    ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
    if (family == icmp::Family::V4) {
        if (kind == IcmpSocket::Kind::Raw) {
            // A raw socket sees every ICMP packet on the host: let the kernel drop all but
            // echo replies and the errors that can quote our requests.
            const quint32 wanted = (1u << ICMP_ECHOREPLY) | (1u << ICMP_DEST_UNREACH)
                | (1u << ICMP_SOURCE_QUENCH) | (1u << ICMP_REDIRECT) | (1u << ICMP_TIME_EXCEEDED)
                | (1u << ICMP_PARAMETERPROB);
            const icmp_filter filter{~wanted};
            ::setsockopt(fd, SOL_RAW, ICMP_FILTER, &filter, sizeof filter);
        } else {
            ::setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &one, sizeof one);
            ::setsockopt(fd, IPPROTO_IP, IP_RECVERR, &one, sizeof one);  // errors → error queue
        }
    } else {
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one, sizeof one);
        if (kind == IcmpSocket::Kind::Raw) {
            icmp6_filter filter;
            ICMP6_FILTER_SETBLOCKALL(&filter);
            ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &filter);
            ICMP6_FILTER_SETPASS(ICMP6_DST_UNREACH, &filter);
            ICMP6_FILTER_SETPASS(ICMP6_PACKET_TOO_BIG, &filter);
            ICMP6_FILTER_SETPASS(ICMP6_TIME_EXCEEDED, &filter);
            ICMP6_FILTER_SETPASS(ICMP6_PARAM_PROB, &filter);
            ::setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter);
        } else {
            ::setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &one, sizeof one);
        }
    }
}

// A classic BPF program (what the kernel runs on each packet before queuing it on the socket):
// accept every packet that is not an echo reply (errors quote our request and are matched in
// user space), and echo replies only with an identifier in `range`. IPv4 raw sockets see the
// IP header first; IPv6 raw sockets start at the ICMPv6 header.
void attachIdentifierFilter(int fd, icmp::Family family, IcmpIdentifierRange range)
{
    if (range.count >= 65536)
        return;
    const quint32 low = range.first;
    const quint32 high = low + range.count;  // may be 65536: never reached, nothing dropped above
    const quint32 echoReply = family == icmp::Family::V4 ? ICMP_ECHOREPLY : ICMP6_ECHO_REPLY;
    std::vector<sock_filter> program;
    if (family == icmp::Family::V4) {
        program.push_back(BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0));  // X = IP header length
        program.push_back(BPF_STMT(BPF_LD | BPF_B | BPF_IND, 0));   // A = ICMP type
    } else {
        program.push_back(BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0));
    }
    const bool v4 = family == icmp::Family::V4;
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, echoReply, 0, 3));   // not a reply: accept
    const sock_filter loadIdentifier = v4 ? sock_filter BPF_STMT(BPF_LD | BPF_H | BPF_IND, 4)
                                          : sock_filter BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 4);
    program.push_back(loadIdentifier);                                        // A = identifier
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, low, 0, 2));        // below: drop
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, high, 1, 0));       // above: drop
    program.push_back(BPF_STMT(BPF_RET | BPF_K, 0xffffffffu));                // accept
    program.push_back(BPF_STMT(BPF_RET | BPF_K, 0));                          // drop
    const sock_fprog fprog{static_cast<unsigned short>(program.size()), program.data()};
    // Without the filter the engine still works, only slower: the match is made in user space.
    ::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof fprog);
}

QString pingGroupRange()
{
    QFile file(QStringLiteral("/proc/sys/net/ipv4/ping_group_range"));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromLatin1(file.readAll()).simplified();
}

IcmpSocket::Availability detect(icmp::Family family)
{
    IcmpSocket::Availability a;
    for (IcmpSocket::Kind kind : {IcmpSocket::Kind::Raw, IcmpSocket::Kind::Datagram}) {
        const int fd = openKind(family, kind);
        if (fd >= 0) {
            ::close(fd);
            a.kind = kind;
            a.reason = kind == IcmpSocket::Kind::Raw
                ? QStringLiteral("raw ICMP socket (root or CAP_NET_RAW)")
                : QStringLiteral("unprivileged ICMP datagram socket (group allowed by net.ipv4.ping_group_range)");
            return a;
        }
    }
    a.reason = QStringLiteral(
                   "no ICMP socket can be opened (not root, no CAP_NET_RAW, and this group is outside "
                   "net.ipv4.ping_group_range = \"%1\"). Remedy: sudo sysctl -w "
                   "net.ipv4.ping_group_range=\"0 2147483647\", or give pingsweep-worker the capability: "
                   "sudo setcap cap_net_raw+ep pingsweep-worker (the .deb does this) and use process mode")
                   .arg(pingGroupRange());
    return a;
}

} // namespace

IcmpSocket::Availability IcmpSocket::availability(icmp::Family family)
{
    static std::once_flag once[2];
    static Availability cached[2];
    const int i = family == icmp::Family::V4 ? 0 : 1;
    std::call_once(once[i], [&] { cached[i] = detect(family); });
    return cached[i];
}

QString IcmpSocket::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Raw: return QStringLiteral("icmp-raw");
    case Kind::Datagram: return QStringLiteral("icmp-dgram");
    case Kind::None: break;
    }
    return QStringLiteral("none");
}

int IcmpSocket::open(icmp::Family family, Kind *kind, QString *error, IcmpIdentifierRange identifiers)
{
    const Availability a = availability(family);
    if (a.kind == Kind::None) {
        *error = a.reason;
        return -1;
    }
    const int fd = openKind(family, a.kind);
    if (fd < 0) {
        *error = QStringLiteral("cannot open ICMP socket: %1").arg(errnoText(errno));
        return -1;
    }
    configure(fd, family, a.kind);
    if (a.kind == Kind::Raw)
        attachIdentifierFilter(fd, family, identifiers);
    *kind = a.kind;
    return fd;
}

} // namespace ps
