#include "hostresult.h"

#include <QCborArray>
#include <QCborValue>

namespace ps {

namespace {

QCborValue optionalToCbor(const std::optional<double> &value)
{
    return value ? QCborValue(*value) : QCborValue(QCborValue::Null);
}

std::optional<double> optionalDouble(const QCborValue &value)
{
    if (value.isDouble() || value.isInteger())
        return value.toDouble();
    return std::nullopt;
}

} // namespace

std::optional<double> HostResult::lossPercent() const
{
    if (sent <= 0)
        return std::nullopt;
    return 100.0 * double(sent - received) / double(sent);
}

void HostResult::addRttSample(double ms)
{
    const int n = received; // already includes this sample
    rttMinMs = rttMinMs ? std::min(*rttMinMs, ms) : ms;
    rttMaxMs = rttMaxMs ? std::max(*rttMaxMs, ms) : ms;
    if (!rttAvgMs || n <= 1)
        rttAvgMs = ms;
    else
        rttAvgMs = *rttAvgMs + (ms - *rttAvgMs) / double(n);
}

QString HostResult::statusName(Status status)
{
    switch (status) {
    case Status::Alive: return QStringLiteral("alive");
    case Status::Dead: return QStringLiteral("dead");
    case Status::Error: return QStringLiteral("error");
    case Status::Cancelled: return QStringLiteral("cancelled");
    }
    return QString();
}

std::optional<HostResult::Status> HostResult::statusFromName(const QString &name)
{
    for (Status s : {Status::Alive, Status::Dead, Status::Error, Status::Cancelled}) {
        if (statusName(s) == name)
            return s;
    }
    return std::nullopt;
}

namespace {
enum Field { FAddress, FHostname, FStatus, FSent, FReceived, FRttMin, FRttAvg, FRttMax, FTtl,
             FMethod, FWorker, FFinishedAt, FError, FieldCount };
}

QCborValue HostResult::toCbor() const
{
    QCborArray a;
    a.append(address);
    a.append(hostname);
    a.append(int(status));
    a.append(sent);
    a.append(received);
    a.append(optionalToCbor(rttMinMs));
    a.append(optionalToCbor(rttAvgMs));
    a.append(optionalToCbor(rttMaxMs));
    a.append(ttl ? QCborValue(*ttl) : QCborValue(QCborValue::Null));
    a.append(method);
    a.append(worker);
    a.append(finishedAt.isValid() ? QCborValue(finishedAt.toMSecsSinceEpoch()) : QCborValue(QCborValue::Null));
    a.append(error);
    return a;
}

HostResult HostResult::fromCbor(const QCborValue &value)
{
    const QCborArray a = value.toArray();
    HostResult r;
    if (a.size() < FieldCount) {
        r.status = Status::Error;
        r.error = QStringLiteral("malformed result from the worker");
        return r;
    }
    r.address = a.at(FAddress).toString();
    r.hostname = a.at(FHostname).toString();
    const qint64 status = a.at(FStatus).toInteger(-1);
    r.status = status >= 0 && status <= int(Status::Cancelled) ? Status(status) : Status::Error;
    r.sent = int(a.at(FSent).toInteger());
    r.received = int(a.at(FReceived).toInteger());
    r.rttMinMs = optionalDouble(a.at(FRttMin));
    r.rttAvgMs = optionalDouble(a.at(FRttAvg));
    r.rttMaxMs = optionalDouble(a.at(FRttMax));
    if (a.at(FTtl).isInteger())
        r.ttl = int(a.at(FTtl).toInteger());
    r.method = a.at(FMethod).toString();
    r.worker = a.at(FWorker).toString();
    if (a.at(FFinishedAt).isInteger())
        r.finishedAt = QDateTime::fromMSecsSinceEpoch(a.at(FFinishedAt).toInteger(), Qt::UTC);
    r.error = a.at(FError).toString();
    return r;
}

bool operator==(const HostResult &a, const HostResult &b)
{
    return a.address == b.address && a.hostname == b.hostname && a.status == b.status
        && a.sent == b.sent && a.received == b.received && a.rttMinMs == b.rttMinMs
        && a.rttAvgMs == b.rttAvgMs && a.rttMaxMs == b.rttMaxMs && a.ttl == b.ttl
        && a.method == b.method && a.worker == b.worker && a.finishedAt == b.finishedAt
        && a.error == b.error;
}

} // namespace ps
