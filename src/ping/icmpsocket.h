#pragma once

#include "icmppacket.h"

#include <QString>

namespace ps {

// Echo identifiers [first, first + count) that a raw socket's owner uses.
struct IcmpIdentifierRange
{
    quint16 first = 0;
    quint32 count = 65536;  // all of them: no identifier filter
};

// Opening ICMP sockets, and knowing in advance which kind this process may open:
// raw sockets (root or CAP_NET_RAW) or unprivileged datagram sockets (Linux: the group is in
// net.ipv4.ping_group_range; macOS: always).
class IcmpSocket
{
public:
    enum class Kind { None, Raw, Datagram };

    struct Availability
    {
        Kind kind = Kind::None;
        QString reason;  // why this kind (or why none), with the remedy when none
    };

    // Tried once per process and family, then cached.
    static Availability availability(icmp::Family family);
    static QString kindName(Kind kind);

    // Opens a non-blocking, close-on-exec socket of the best available kind with the options
    // the engine needs (receive buffer, TTL/hop-limit ancillary data, filters, error queue).
    // A raw socket gets a kernel filter that drops echo replies outside `identifiers`: every
    // raw ICMP socket on the host receives every reply, and without it each of our sockets
    // would read and discard everybody else's. Returns -1 with *error set when nothing can
    // be opened.
    static int open(icmp::Family family, Kind *kind, QString *error,
                    IcmpIdentifierRange identifiers = IcmpIdentifierRange());
};

} // namespace ps
