#pragma once

// Shared by the ping-layer tests: building a request and describing a result in a failure
// message.
#include "hostresult.h"
#include "proberequest.h"

namespace ps::testing {

inline ProbeRequest probeRequest(const QString &target, ProbeMethod method, int count, int timeoutMs,
                                 int intervalMs)
{
    ProbeRequest r;
    r.target = target;
    r.count = count;
    r.timeoutMs = timeoutMs;
    r.intervalMs = intervalMs;
    r.method = method;
    return r;
}

inline QString describe(const HostResult &r)
{
    return QStringLiteral("status %1, %2/%3, error '%4'")
        .arg(HostResult::statusName(r.status))
        .arg(r.received)
        .arg(r.sent)
        .arg(r.error);
}

} // namespace ps::testing
