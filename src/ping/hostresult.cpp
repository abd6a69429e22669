#include "hostresult.h"

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

QCborMap HostResult::toCbor() const
{
    QCborMap map;
    map.insert(QStringLiteral("address"), address);
    if (!hostname.isEmpty())
        map.insert(QStringLiteral("hostname"), hostname);
    map.insert(QStringLiteral("status"), statusName(status));
    map.insert(QStringLiteral("sent"), sent);
    map.insert(QStringLiteral("received"), received);
    map.insert(QStringLiteral("rttMin"), optionalToCbor(rttMinMs));
    map.insert(QStringLiteral("rttAvg"), optionalToCbor(rttAvgMs));
    map.insert(QStringLiteral("rttMax"), optionalToCbor(rttMaxMs));
    map.insert(QStringLiteral("ttl"), ttl ? QCborValue(*ttl) : QCborValue(QCborValue::Null));
    map.insert(QStringLiteral("method"), method);
    map.insert(QStringLiteral("worker"), worker);
    if (finishedAt.isValid())
        map.insert(QStringLiteral("finishedAt"), finishedAt.toMSecsSinceEpoch());
    if (!error.isEmpty())
        map.insert(QStringLiteral("error"), error);
    return map;
}

HostResult HostResult::fromCbor(const QCborMap &map)
{
    HostResult r;
    r.address = map.value(QStringLiteral("address")).toString();
    r.hostname = map.value(QStringLiteral("hostname")).toString();
    r.status = statusFromName(map.value(QStringLiteral("status")).toString()).value_or(Status::Error);
    r.sent = int(map.value(QStringLiteral("sent")).toInteger());
    r.received = int(map.value(QStringLiteral("received")).toInteger());
    r.rttMinMs = optionalDouble(map.value(QStringLiteral("rttMin")));
    r.rttAvgMs = optionalDouble(map.value(QStringLiteral("rttAvg")));
    r.rttMaxMs = optionalDouble(map.value(QStringLiteral("rttMax")));
    const QCborValue ttl = map.value(QStringLiteral("ttl"));
    if (ttl.isInteger())
        r.ttl = int(ttl.toInteger());
    r.method = map.value(QStringLiteral("method")).toString();
    r.worker = map.value(QStringLiteral("worker")).toString();
    const QCborValue finished = map.value(QStringLiteral("finishedAt"));
    if (finished.isInteger())
        r.finishedAt = QDateTime::fromMSecsSinceEpoch(finished.toInteger(), Qt::UTC);
    r.error = map.value(QStringLiteral("error")).toString();
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
