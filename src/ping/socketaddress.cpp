#include "socketaddress.h"

#include "syserror.h"
#include "targetvalidation.h"

#include <QtEndian>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>

namespace ps {

SocketAddress SocketAddress::fromSockaddr(const sockaddr *address, socklen_t length)
{
    SocketAddress a;
    if (!address || length > socklen_t(sizeof a.m_storage))
        return a;
    if ((address->sa_family == AF_INET && length >= socklen_t(sizeof(sockaddr_in)))
        || (address->sa_family == AF_INET6 && length >= socklen_t(sizeof(sockaddr_in6)))) {
        std::memcpy(&a.m_storage, address, length);
        a.m_length = length;
    }
    return a;
}

SocketAddress SocketAddress::fromIpv4(quint32 hostOrder)
{
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = qToBigEndian(hostOrder);
    return fromSockaddr(reinterpret_cast<const sockaddr *>(&sin), sizeof sin);
}

SocketAddress SocketAddress::fromIpv6(const unsigned char bytes[16])
{
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    std::memcpy(&sin6.sin6_addr, bytes, 16);
    return fromSockaddr(reinterpret_cast<const sockaddr *>(&sin6), sizeof sin6);
}

std::optional<SocketAddress> SocketAddress::fromLiteral(const QString &text)
{
    // inet_pton, not getaddrinfo(AI_NUMERICHOST): that one also takes inet_aton's forms
    // ("127.1", "0x7f000001"), which no user means as an address to probe.
    const QByteArray latin = text.toLatin1();
    sockaddr_in sin{};
    if (::inet_pton(AF_INET, latin.constData(), &sin.sin_addr) == 1) {
        sin.sin_family = AF_INET;
        return fromSockaddr(reinterpret_cast<const sockaddr *>(&sin), sizeof sin);
    }
    const qsizetype percent = latin.indexOf('%');
    const QByteArray address = percent < 0 ? latin : latin.left(percent);
    sockaddr_in6 sin6{};
    if (::inet_pton(AF_INET6, address.constData(), &sin6.sin6_addr) != 1)
        return std::nullopt;
    sin6.sin6_family = AF_INET6;
    if (percent >= 0) {
        // A scope: an interface name ("eth0") or index ("2"), as ping and ssh take them.
        const QByteArray scope = latin.mid(percent + 1);
        bool numeric = false;
        const uint index = scope.toUInt(&numeric);
        sin6.sin6_scope_id = numeric ? index : ::if_nametoindex(scope.constData());
        if (sin6.sin6_scope_id == 0)
            return std::nullopt;
    }
    return fromSockaddr(reinterpret_cast<const sockaddr *>(&sin6), sizeof sin6);
}

std::optional<SocketAddress> SocketAddress::resolve(const QString &target, Preference preference, QString *error)
{
    if (std::optional<SocketAddress> literal = fromLiteral(target))
        return literal;
    const QString invalid = validateProbeTarget(target);
    if (!invalid.isEmpty()) {
        *error = invalid;
        return std::nullopt;
    }
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    // One answer per address, not one per socket type. No AI_ADDRCONFIG: it ignores loopback,
    // so "localhost" would not resolve on a machine whose only network is loopback.
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo *list = nullptr;
    const int rc = ::getaddrinfo(target.toUtf8().constData(), nullptr, &hints, &list);
    if (rc != 0) {
        const QString reason = rc == EAI_SYSTEM ? errnoText(errno) : QString::fromLocal8Bit(gai_strerror(rc));
        *error = QStringLiteral("cannot resolve %1: %2").arg(target, reason);
        return std::nullopt;
    }
    SocketAddress chosen;
    for (const addrinfo *ai = list; ai; ai = ai->ai_next) {
        const SocketAddress a = fromSockaddr(ai->ai_addr, ai->ai_addrlen);
        if (a.isNull())
            continue;
        if (chosen.isNull())
            chosen = a;
        if (preference == Preference::Ipv4 && a.isIpv4()) {
            chosen = a;
            break;
        }
        if (preference == Preference::Resolver)
            break;
    }
    ::freeaddrinfo(list);
    if (chosen.isNull()) {
        *error = QStringLiteral("cannot resolve %1: no IPv4 or IPv6 address").arg(target);
        return std::nullopt;
    }
    chosen.setPort(0);
    return chosen;
}

void SocketAddress::setPort(quint16 port)
{
    if (isIpv4())
        reinterpret_cast<sockaddr_in &>(m_storage).sin_port = qToBigEndian(port);
    else if (isIpv6())
        reinterpret_cast<sockaddr_in6 &>(m_storage).sin6_port = qToBigEndian(port);
}

bool SocketAddress::sameHost(const sockaddr_storage &a, const sockaddr_storage &b)
{
    if (a.ss_family != b.ss_family)
        return false;
    if (a.ss_family == AF_INET) {
        return reinterpret_cast<const sockaddr_in &>(a).sin_addr.s_addr
            == reinterpret_cast<const sockaddr_in &>(b).sin_addr.s_addr;
    }
    return a.ss_family == AF_INET6
        && std::memcmp(&reinterpret_cast<const sockaddr_in6 &>(a).sin6_addr,
                       &reinterpret_cast<const sockaddr_in6 &>(b).sin6_addr, sizeof(in6_addr)) == 0;
}

QString SocketAddress::toString() const
{
    if (isNull())
        return QString();
    char host[NI_MAXHOST];
    if (::getnameinfo(data(), m_length, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0)
        return QString();
    return QString::fromLatin1(host);
}

} // namespace ps
