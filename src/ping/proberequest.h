#pragma once

#include <QCborArray>
#include <QCborValue>
#include <QList>
#include <QString>

namespace ps {

enum class ProbeMethod { Auto, Icmp, SystemPing, Tcp };

// What to do for one host. Travels to worker processes as CBOR.
struct ProbeRequest
{
    QString target;             // address literal or hostname (validated before use)
    int count = 1;              // probes per host
    int timeoutMs = 1000;       // per probe
    int intervalMs = 1000;      // between probes to the same host
    ProbeMethod method = ProbeMethod::Auto;
    // Out of line: GCC 12 warns about an inlined initializer_list here (a false positive).
    QList<quint16> tcpPorts = defaultTcpPorts();

    static QList<quint16> defaultTcpPorts();  // 80, 443, 22

    // A positional CBOR array (sent once per host to a worker: small and cheap).
    QCborValue toCbor() const;
    static ProbeRequest fromCbor(const QCborValue &value);
    // An encoded request like `encoded` (a toCbor() array) for another target: a sweep
    // encodes its options once and changes only the target per host.
    static QCborValue retargeted(QCborArray encoded, const QString &target);

    static QString methodName(ProbeMethod method);
    static bool methodFromName(const QString &name, ProbeMethod *out);
};

} // namespace ps
