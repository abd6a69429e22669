#pragma once

#include "hostresult.h"
#include "proberequest.h"

namespace ps {

// Probes through the system's ping command: the fallback when no ICMP socket can be opened
// (it is setuid or has cap_net_raw). QProcess with an argument list, never a shell; LC_ALL=C
// so the output parser sees one format. Blocks the calling thread (never the GUI thread: it
// runs as an executor task) for at most count × (interval + timeout) plus a margin.
class SystemPing
{
public:
    static QString program();  // "ping" found on PATH (or in /bin, /usr/bin, /sbin), or empty
    static QStringList arguments(const ProbeRequest &request);
    static HostResult probe(const ProbeRequest &request);
};

} // namespace ps
