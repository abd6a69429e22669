#pragma once

#include "hostresult.h"
#include "pingoutputparser.h"
#include "proberequest.h"

#include <QStringList>

namespace ps {

// Probes through the system's ping command: the fallback when no ICMP socket can be opened
// (it is setuid or has cap_net_raw). QProcess with an argument list, never a shell; LC_ALL=C
// so the output parser sees one format. Blocks the calling thread (never the GUI thread: it
// runs as an executor task) for at most count × (interval + timeout) plus a margin.
class SystemPing
{
public:
    static QString program();  // "ping" found on PATH (or in /bin, /usr/bin, /sbin), or empty
    // Which command `program` is: BusyBox when it is a link to busybox, else the platform's own.
    static PingFlavor flavorOf(const QString &program);
    // The arguments for `request`, target last (after "--" where the tool knows it). Does not
    // validate the target: probe() does that first.
    static QStringList arguments(const ProbeRequest &request,
                                 PingFlavor flavor = PingFlavor::LinuxIputils);
    static HostResult probe(const ProbeRequest &request);
};

} // namespace ps
