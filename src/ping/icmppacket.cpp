#include "icmppacket.h"

#include <QtEndian>

namespace ps::icmp {

namespace {

quint16 read16(const char *p)
{
    return qFromBigEndian<quint16>(p);
}

// IPv4 errors quote the offending datagram: its IP header and at least 8 bytes of its ICMP
// header, which hold the identifier and sequence of our echo request.
bool readQuotedEchoV4(const char *data, int length, Reply *reply)
{
    if (length < 20)
        return false;
    const int ihl = (quint8(data[0]) & 0x0f) * 4;
    if ((quint8(data[0]) >> 4) != 4 || ihl < 20 || length < ihl + kEchoHeaderBytes)
        return false;
    if (quint8(data[9]) != 1)  // the quoted packet was not ICMP
        return false;
    const char *quoted = data + ihl;
    if (quint8(quoted[0]) != kEchoRequestV4)
        return false;
    reply->quotedDestination = SocketAddress::fromIpv4(qFromBigEndian<quint32>(data + 16));
    reply->identifier = read16(quoted + 4);
    reply->sequence = read16(quoted + 6);
    return true;
}

// IPv6 errors quote the offending packet from its 40-byte IPv6 header on.
bool readQuotedEchoV6(const char *data, int length, Reply *reply)
{
    if (length < 40 + kEchoHeaderBytes || (quint8(data[0]) >> 4) != 6)
        return false;
    if (quint8(data[6]) != 58)  // next header is not ICMPv6 (extension headers: not ours)
        return false;
    const char *quoted = data + 40;
    if (quint8(quoted[0]) != kEchoRequestV6)
        return false;
    reply->quotedDestination = SocketAddress::fromIpv6(reinterpret_cast<const unsigned char *>(data + 24));
    reply->identifier = read16(quoted + 4);
    reply->sequence = read16(quoted + 6);
    return true;
}

bool isErrorType(Family family, quint8 type)
{
    if (family == Family::V4)
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    return type >= 1 && type <= 4;
}

Reply invalid(const char *why)
{
    Reply r;
    r.why = QString::fromLatin1(why);
    return r;
}

} // namespace

quint16 checksum(const char *data, int length)
{
    quint32 sum = 0;
    int i = 0;
    for (; i + 1 < length; i += 2)
        sum += read16(data + i);
    if (i < length)
        sum += quint32(quint8(data[i])) << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

QByteArray buildEchoRequest(Family family, quint16 identifier, quint16 sequence, int payloadBytes)
{
    QByteArray packet(kEchoHeaderBytes + std::max(0, payloadBytes), '\0');
    char *p = packet.data();
    p[0] = char(family == Family::V4 ? kEchoRequestV4 : kEchoRequestV6);
    p[1] = 0;
    qToBigEndian<quint16>(identifier, p + 4);
    qToBigEndian<quint16>(sequence, p + 6);
    for (int i = kEchoHeaderBytes; i < packet.size(); ++i)
        p[i] = char(0x50 + (i & 0x0f));  // recognisable filler, like ping's
    if (family == Family::V4)
        qToBigEndian<quint16>(checksum(p, int(packet.size())), p + 2);
    return packet;
}

Reply parse(Family family, const char *data, int length, bool withIpHeader)
{
    int ttl = -1;
    if (withIpHeader) {
        if (length < 20)
            return invalid("shorter than an IPv4 header");
        const int ihl = (quint8(data[0]) & 0x0f) * 4;
        if ((quint8(data[0]) >> 4) != 4 || ihl < 20 || ihl > length)
            return invalid("bad IPv4 header");
        if (quint8(data[9]) != 1)
            return invalid("not ICMP");
        ttl = quint8(data[8]);
        data += ihl;
        length -= ihl;
    }
    if (length < kEchoHeaderBytes)
        return invalid("shorter than an ICMP header");
    // IPv4 checksums are ours to check; the kernel checks ICMPv6 (pseudo-header) itself.
    if (family == Family::V4 && checksum(data, length) != 0)
        return invalid("bad ICMP checksum");
    Reply reply;
    reply.ttl = ttl;
    reply.type = quint8(data[0]);
    reply.code = quint8(data[1]);
    const quint8 echoReply = family == Family::V4 ? kEchoReplyV4 : kEchoReplyV6;
    if (reply.type == echoReply) {
        reply.kind = Reply::Kind::EchoReply;
        reply.identifier = read16(data + 4);
        reply.sequence = read16(data + 6);
        return reply;
    }
    if (isErrorType(family, reply.type)) {
        const char *quoted = data + kEchoHeaderBytes;
        const int quotedLength = length - kEchoHeaderBytes;
        const bool ok = family == Family::V4 ? readQuotedEchoV4(quoted, quotedLength, &reply)
                                             : readQuotedEchoV6(quoted, quotedLength, &reply);
        if (!ok)
            return invalid("ICMP error that quotes no echo request of ours");
        reply.kind = Reply::Kind::Error;
        reply.why = describeError(family, reply.type, reply.code);
        return reply;
    }
    reply.kind = Reply::Kind::Other;
    return reply;
}

QString describeError(Family family, quint8 type, quint8 code)
{
    if (family == Family::V4) {
        switch (type) {
        case 3: {
            static const char *const unreachable[] = {
                "destination net unreachable", "destination host unreachable",
                "destination protocol unreachable", "destination port unreachable",
                "fragmentation needed", "source route failed", "destination net unknown",
                "destination host unknown", "source host isolated", "destination net prohibited",
                "destination host prohibited", "net unreachable for type of service",
                "host unreachable for type of service", "communication administratively prohibited",
                "host precedence violation", "precedence cutoff in effect"};
            if (code < std::size(unreachable))
                return QString::fromLatin1(unreachable[code]);
            return QStringLiteral("destination unreachable (code %1)").arg(code);
        }
        case 4: return QStringLiteral("source quench");
        case 5: return QStringLiteral("redirect (code %1)").arg(code);
        case 11: return code == 0 ? QStringLiteral("time to live exceeded")
                                  : QStringLiteral("fragment reassembly time exceeded");
        case 12: return QStringLiteral("parameter problem");
        }
        return QStringLiteral("ICMP type %1 code %2").arg(type).arg(code);
    }
    switch (type) {
    case 1: {
        static const char *const unreachable[] = {
            "no route to destination", "communication administratively prohibited",
            "beyond scope of source address", "address unreachable", "port unreachable",
            "source address failed ingress/egress policy", "reject route to destination"};
        if (code < std::size(unreachable))
            return QString::fromLatin1(unreachable[code]);
        return QStringLiteral("destination unreachable (code %1)").arg(code);
    }
    case 2: return QStringLiteral("packet too big");
    case 3: return code == 0 ? QStringLiteral("hop limit exceeded")
                             : QStringLiteral("fragment reassembly time exceeded");
    case 4: return QStringLiteral("parameter problem");
    }
    return QStringLiteral("ICMPv6 type %1 code %2").arg(type).arg(code);
}

} // namespace ps::icmp
