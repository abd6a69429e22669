#include "prober.h"

#include "icmpengine.h"
#include "icmpsocket.h"
#include "systemping.h"
#include "tcpprobe.h"

namespace ps {

namespace {

HostResult errorResult(const ProbeRequest &request, const QString &method, const QString &why)
{
    HostResult r;
    r.address = request.target;
    r.method = method;
    r.status = HostResult::Status::Error;
    r.error = why;
    return r;
}

void probeIcmp(const ProbeRequest &request, Prober::Done done)
{
    // Hostnames resolve forward at probe time, preferring IPv4 as ping does; addresses pass
    // through. Blocking, which is fine: this runs in an executor task, never on the GUI thread.
    QString error;
    const std::optional<SocketAddress> address
        = SocketAddress::resolve(request.target, SocketAddress::Preference::Ipv4, &error);
    if (!address) {
        done(errorResult(request, QStringLiteral("icmp"), error));
        return;
    }
    IcmpEngine::instance().probe(request, *address, [done = std::move(done), request](const HostResult &r) {
        HostResult result = r;
        result.address = request.target;
        done(result);
    });
}

} // namespace

ProbeMethod Prober::resolveAuto(QString *reason)
{
    const IcmpSocket::Availability v4 = IcmpSocket::availability(icmp::Family::V4);
    const IcmpSocket::Availability v6 = IcmpSocket::availability(icmp::Family::V6);
    if (v4.kind != IcmpSocket::Kind::None || v6.kind != IcmpSocket::Kind::None) {
        if (reason)
            *reason = QStringLiteral("native ICMP: %1").arg(v4.kind != IcmpSocket::Kind::None ? v4.reason : v6.reason);
        return ProbeMethod::Icmp;
    }
    if (reason)
        *reason = QStringLiteral("system ping, because %1").arg(v4.reason);
    return ProbeMethod::SystemPing;
}

bool Prober::isAsynchronous(ProbeMethod method)
{
    if (method == ProbeMethod::Auto)
        method = resolveAuto();
    return method == ProbeMethod::Icmp;
}

bool Prober::canRun(ProbeMethod method, QString *why)
{
    const bool icmp = IcmpSocket::availability(icmp::Family::V4).kind != IcmpSocket::Kind::None
        || IcmpSocket::availability(icmp::Family::V6).kind != IcmpSocket::Kind::None;
    const bool system = !SystemPing::program().isEmpty();
    switch (method) {
    case ProbeMethod::Tcp:
        return true;
    case ProbeMethod::Icmp:
        if (!icmp)
            *why = IcmpSocket::availability(icmp::Family::V4).reason;
        return icmp;
    case ProbeMethod::SystemPing:
        if (!system)
            *why = QStringLiteral("no 'ping' command found (Debian: apt install iputils-ping)");
        return system;
    case ProbeMethod::Auto:
        if (!icmp && !system)
            *why = IcmpSocket::availability(icmp::Family::V4).reason
                + QStringLiteral("; and no 'ping' command found to fall back to");
        return icmp || system;
    }
    return false;
}

void Prober::probe(const ProbeRequest &request, Done done)
{
    const ProbeMethod method = request.method == ProbeMethod::Auto ? resolveAuto() : request.method;
    switch (method) {
    case ProbeMethod::Icmp:
        probeIcmp(request, std::move(done));
        return;
    case ProbeMethod::Tcp:
        done(TcpProbe::probe(request));
        return;
    case ProbeMethod::SystemPing:
    case ProbeMethod::Auto:
        done(SystemPing::probe(request));
        return;
    }
}

} // namespace ps
