#include "prober.h"

#include "icmpengine.h"
#include "icmpsocket.h"
#include "systemping.h"
#include "tcpprobe.h"
#include "targetvalidation.h"

#include <QHostInfo>

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

// Hostnames resolve forward at probe time; addresses pass through. Blocking, which is fine: it
// runs in an executor task, never on the GUI thread.
bool resolveTarget(const QString &target, QHostAddress *out, QString *error)
{
    if (out->setAddress(target))
        return true;
    const QString invalid = validateProbeTarget(target);
    if (!invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    const QHostInfo info = QHostInfo::fromName(target);
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        *error = QStringLiteral("cannot resolve %1: %2").arg(target, info.errorString());
        return false;
    }
    // Prefer IPv4 like ping does by default; fall back to the first address.
    for (const QHostAddress &a : info.addresses()) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol) {
            *out = a;
            return true;
        }
    }
    *out = info.addresses().constFirst();
    return true;
}

void probeIcmp(const ProbeRequest &request, Prober::Done done)
{
    QHostAddress address;
    QString error;
    if (!resolveTarget(request.target, &address, &error)) {
        done(errorResult(request, QStringLiteral("icmp"), error));
        return;
    }
    IcmpEngine::instance().probe(request, address, [done = std::move(done), request](const HostResult &r) {
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
