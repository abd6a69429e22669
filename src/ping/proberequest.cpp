#include "proberequest.h"

#include <QCborArray>

namespace ps {

QString ProbeRequest::methodName(ProbeMethod method)
{
    switch (method) {
    case ProbeMethod::Auto: return QStringLiteral("auto");
    case ProbeMethod::Icmp: return QStringLiteral("icmp");
    case ProbeMethod::SystemPing: return QStringLiteral("system");
    case ProbeMethod::Tcp: return QStringLiteral("tcp");
    }
    return QString();
}

bool ProbeRequest::methodFromName(const QString &name, ProbeMethod *out)
{
    for (ProbeMethod m : {ProbeMethod::Auto, ProbeMethod::Icmp, ProbeMethod::SystemPing, ProbeMethod::Tcp}) {
        if (methodName(m) == name) {
            *out = m;
            return true;
        }
    }
    return false;
}

QList<quint16> ProbeRequest::defaultTcpPorts()
{
    return {80, 443, 22};
}

QCborValue ProbeRequest::toCbor() const
{
    QCborArray ports;
    for (quint16 p : tcpPorts)
        ports.append(p);
    return QCborArray{target, count, timeoutMs, intervalMs, int(method), ports};
}

QCborValue ProbeRequest::retargeted(QCborArray encoded, const QString &target)
{
    // A copy of the caller's array, never the caller's own: a QCborArray keeps the bytes of
    // replaced strings, so retargeting one array again and again would grow it per host.
    encoded[0] = target;  // the target is the first field of toCbor()'s array
    return encoded;
}

ProbeRequest ProbeRequest::fromCbor(const QCborValue &value)
{
    const QCborArray a = value.toArray();
    ProbeRequest r;
    r.target = a.at(0).toString();
    r.count = int(a.at(1).toInteger(1));
    r.timeoutMs = int(a.at(2).toInteger(1000));
    r.intervalMs = int(a.at(3).toInteger(1000));
    const qint64 method = a.at(4).toInteger(0);
    r.method = method >= 0 && method <= int(ProbeMethod::Tcp) ? ProbeMethod(method) : ProbeMethod::Auto;
    if (a.at(5).isArray()) {
        r.tcpPorts.clear();
        for (const auto &p : a.at(5).toArray())
            r.tcpPorts.append(quint16(p.toInteger()));
    }
    return r;
}

} // namespace ps
