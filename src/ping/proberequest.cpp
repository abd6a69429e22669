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

QCborMap ProbeRequest::toCbor() const
{
    QCborArray ports;
    for (quint16 p : tcpPorts)
        ports.append(p);
    return {{QStringLiteral("target"), target},
            {QStringLiteral("count"), count},
            {QStringLiteral("timeout"), timeoutMs},
            {QStringLiteral("interval"), intervalMs},
            {QStringLiteral("method"), methodName(method)},
            {QStringLiteral("ports"), ports}};
}

ProbeRequest ProbeRequest::fromCbor(const QCborMap &map)
{
    ProbeRequest r;
    r.target = map.value(QStringLiteral("target")).toString();
    r.count = int(map.value(QStringLiteral("count")).toInteger(1));
    r.timeoutMs = int(map.value(QStringLiteral("timeout")).toInteger(1000));
    r.intervalMs = int(map.value(QStringLiteral("interval")).toInteger(1000));
    methodFromName(map.value(QStringLiteral("method")).toString(), &r.method);
    if (map.contains(QStringLiteral("ports"))) {
        r.tcpPorts.clear();
        for (const QCborValue &p : map.value(QStringLiteral("ports")).toArray())
            r.tcpPorts.append(quint16(p.toInteger()));
    }
    return r;
}

} // namespace ps
