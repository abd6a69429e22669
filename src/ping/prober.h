#pragma once

#include "hostresult.h"
#include "proberequest.h"

#include <functional>

namespace ps {

// The one entry point for probing a host by any method. `done` may be called before probe()
// returns or later from another thread (asynchronous engines), exactly once.
class Prober
{
public:
    using Done = std::function<void(const HostResult &)>;
    static void probe(const ProbeRequest &request, Done done);

    // The method `auto` resolves to in this process, and why (shown to the user): native ICMP
    // if any ICMP socket can be opened, otherwise the system ping command.
    static ProbeMethod resolveAuto(QString *reason = nullptr);
    // True when probes of this method complete later on an engine thread, so a sweep keeps
    // many in flight without a thread each.
    static bool isAsynchronous(ProbeMethod method);
    // Whether `method` can run in this process at all; if not, why (with the remedy).
    static bool canRun(ProbeMethod method, QString *why);
};

} // namespace ps
