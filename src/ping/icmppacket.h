#pragma once

#include "socketaddress.h"

#include <QByteArray>
#include <QString>

#include <optional>

#include <cstdint>

namespace ps {

// ICMP / ICMPv6 echo packets: building requests and reading what comes back. Pure functions
// over bytes, so they are tested and fuzzed without a socket. Written by hand because no
// Debian library offers an ICMP codec; the formats are RFC 792 and RFC 4443.
namespace icmp {

enum class Family { V4, V6 };

// ICMP types we care about.
constexpr quint8 kEchoReplyV4 = 0;
constexpr quint8 kEchoRequestV4 = 8;
constexpr quint8 kEchoRequestV6 = 128;
constexpr quint8 kEchoReplyV6 = 129;

constexpr int kEchoHeaderBytes = 8;
constexpr int kDefaultPayloadBytes = 16;

quint16 checksum(const char *data, int length);

// An echo request with the given identifier and sequence and a small payload. For IPv6 the
// checksum is left 0: the kernel fills it in (it covers a pseudo-header we do not see).
QByteArray buildEchoRequest(Family family, quint16 identifier, quint16 sequence,
                            int payloadBytes = kDefaultPayloadBytes);

// What a received datagram said.
struct Reply
{
    enum class Kind { Invalid, EchoReply, Error, Other };
    Kind kind = Kind::Invalid;
    quint16 identifier = 0;  // of the echo this is about (for errors: the quoted request's)
    quint16 sequence = 0;
    int ttl = -1;            // IPv4 raw: from the IP header; otherwise from ancillary data
    quint8 type = 0;
    quint8 code = 0;
    // Errors: where the quoted request was going; null otherwise.
    SocketAddress quotedDestination;
    QString why;             // Invalid: the reason; Error: the ICMP error in words
};

// `withIpHeader`: IPv4 raw sockets deliver the IP header; datagram sockets and IPv6 do not.
Reply parse(Family family, const char *data, int length, bool withIpHeader);

// "destination host unreachable", "time to live exceeded", …
QString describeError(Family family, quint8 type, quint8 code);

} // namespace icmp
} // namespace ps
