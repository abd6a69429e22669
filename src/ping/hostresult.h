#pragma once

#include <QCborValue>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace ps {

// The one value type that crosses every boundary: probe → executor (also across the worker
// pipe, as CBOR) → sweep → GUI model and exporters. The CSV columns are its fields.
struct HostResult
{
    enum class Status { Alive, Dead, Error, Cancelled };

    QString address;               // the target as probed: an address literal or a hostname
    QString hostname;              // reverse (or forward) name, if known
    Status status = Status::Dead;
    int sent = 0;
    int received = 0;
    std::optional<double> rttMinMs;
    std::optional<double> rttAvgMs;
    std::optional<double> rttMaxMs;
    std::optional<int> ttl;
    QString method;                // "icmp-raw", "icmp-dgram", "system", "tcp", …
    QString worker;                // thread name or "pid 1234"
    QDateTime finishedAt;          // UTC
    QString error;                 // why a host is dead or in error, human readable

    std::optional<double> lossPercent() const;
    bool isAlive() const { return status == Status::Alive; }

    // A positional CBOR array: it crosses the worker pipe once per host, so it is kept small
    // and cheap (no key strings). Internal to PingSweep; files use the export layer.
    QCborValue toCbor() const;
    static HostResult fromCbor(const QCborValue &value);

    static QString statusName(Status status);
    static std::optional<Status> statusFromName(const QString &name);

    // Folds one RTT sample into min/avg/max; `received` must already count it.
    void addRttSample(double ms);

    friend bool operator==(const HostResult &a, const HostResult &b);
    friend bool operator!=(const HostResult &a, const HostResult &b) { return !(a == b); }
};

} // namespace ps

Q_DECLARE_METATYPE(ps::HostResult)
