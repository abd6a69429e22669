#pragma once

#include "hostresult.h"
#include "resultcolumns.h"

#include <QDateTime>
#include <QTest>

#include <vector>

// Results shared by the export tests. RTTs have at most three decimals, the precision the
// export keeps, so a round trip compares equal with HostResult::operator==.
namespace samples {

inline QDateTime finishedAt(qint64 msSinceEpoch = 1714566896789)  // 2024-05-01T12:34:56.789Z
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
}

// Every field set.
inline ps::HostResult alive()
{
    ps::HostResult r;
    r.address = QStringLiteral("192.0.2.10");
    r.hostname = QStringLiteral("router.example.net");
    r.status = ps::HostResult::Status::Alive;
    r.sent = 3;
    r.received = 2;
    r.rttMinMs = 0.412;
    r.rttAvgMs = 1.5;
    r.rttMaxMs = 12.345;
    r.ttl = 64;
    r.method = QStringLiteral("icmp-raw");
    r.worker = QStringLiteral("pid 4242");
    r.finishedAt = finishedAt();
    r.error = QStringLiteral("1 of 3 lost");
    return r;
}

// Every optional field empty.
inline ps::HostResult dead()
{
    ps::HostResult r;
    r.address = QStringLiteral("192.0.2.11");
    r.status = ps::HostResult::Status::Dead;
    r.sent = 3;
    r.received = 0;
    r.method = QStringLiteral("system");
    r.worker = QStringLiteral("thread 2");
    r.finishedAt = finishedAt(1714566897000);
    r.error = QStringLiteral("no reply");
    return r;
}

// Nothing sent at all: loss_pct has no value either.
inline ps::HostResult cancelled()
{
    ps::HostResult r;
    r.address = QStringLiteral("2001:db8::1");
    r.status = ps::HostResult::Status::Cancelled;
    return r;
}

inline ps::HostResult withHostname(const QString &hostname)
{
    ps::HostResult r = alive();
    r.hostname = hostname;
    return r;
}

inline std::vector<ps::HostResult> mixed()
{
    ps::HostResult error = dead();
    error.address = QStringLiteral("no-such-host.invalid");
    error.status = ps::HostResult::Status::Error;
    error.sent = 0;
    error.error = QStringLiteral("Name or service not known");
    return {alive(), dead(), error, cancelled()};
}

} // namespace samples

namespace ps {

// Lets QCOMPARE print a result that differs (found through ADL): its cells, '|'-separated.
inline char *toString(const HostResult &result)
{
    return QTest::toString(resultCells(result).join(u'|'));
}

} // namespace ps
