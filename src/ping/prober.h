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

    // The method `auto` resolves to in this process, and why (shown to the user).
    static ProbeMethod resolveAuto(QString *reason = nullptr);
};

} // namespace ps
