#include "prober.h"

#include "systemping.h"

namespace ps {

ProbeMethod Prober::resolveAuto(QString *reason)
{
    if (reason)
        *reason = QStringLiteral("system ping (native ICMP engine not built yet)");
    return ProbeMethod::SystemPing;
}

void Prober::probe(const ProbeRequest &request, Done done)
{
    ProbeRequest effective = request;
    if (effective.method == ProbeMethod::Auto)
        effective.method = resolveAuto();
    done(SystemPing::probe(effective));
}

} // namespace ps
