#pragma once

#include <QString>

#include <optional>

#include <sys/socket.h>

namespace ps {

// An IPv4 or IPv6 host address in the form the socket calls take (sockaddr_in/sockaddr_in6),
// with the resolving the probes need.
//
// Why not QHostAddress and QHostInfo: they live in Qt Network, and the ping layer is what
// pingsweep-worker runs. Linking Qt Network makes every worker process load it and its ten
// libraries (Kerberos, libproxy, brotli, …): about 110 more page faults and 1 ms more of each
// worker's start-up, measured (docs/performance.md), for types whose sockaddr the probes then
// have to rebuild anyway. The layers above (targets, sweep, GUI) keep using QHostAddress.
class SocketAddress
{
public:
    // Which address of a name with several to probe.
    enum class Preference {
        Ipv4,      // like ping: IPv4 if the name has one, else the resolver's first answer
        Resolver,  // the resolver's first answer (RFC 6724 order: what ssh or a browser uses)
    };

    SocketAddress() = default;
    // From a socket call's result (recvmsg's source, getaddrinfo's answer); the port is kept.
    static SocketAddress fromSockaddr(const sockaddr *address, socklen_t length);
    static SocketAddress fromIpv4(quint32 hostOrder);
    static SocketAddress fromIpv6(const unsigned char bytes[16]);
    // A numeric IPv4 or IPv6 address, an IPv6 scope allowed ("fe80::1%eth0"); never DNS.
    static std::optional<SocketAddress> fromLiteral(const QString &text);
    // A literal, or a name through the system resolver. Blocking: for worker threads only.
    // Nothing, and the reason in `error`, if the name does not resolve.
    static std::optional<SocketAddress> resolve(const QString &target, Preference preference, QString *error);

    bool isNull() const { return m_length == 0; }
    bool isIpv4() const { return family() == AF_INET; }
    bool isIpv6() const { return family() == AF_INET6; }
    int family() const { return m_storage.ss_family; }
    const sockaddr *data() const { return reinterpret_cast<const sockaddr *>(&m_storage); }
    socklen_t size() const { return m_length; }
    const sockaddr_storage &storage() const { return m_storage; }

    void setPort(quint16 port);
    // The same host: the same family and address, whatever the ports and IPv6 scopes.
    bool sameHost(const SocketAddress &other) const { return sameHost(m_storage, other.m_storage); }
    // The same for raw socket addresses (a received packet's source), compared in place.
    static bool sameHost(const sockaddr_storage &a, const sockaddr_storage &b);
    // Numeric, without the port: "127.0.0.1", "fe80::1%eth0".
    QString toString() const;

private:
    sockaddr_storage m_storage{};
    socklen_t m_length = 0;
};

} // namespace ps
