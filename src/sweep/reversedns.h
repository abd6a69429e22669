#pragma once

#include "hostresult.h"

#include <QHash>
#include <QObject>

#include <functional>

class QHostInfo;
class QTimer;

namespace ps {

// Reverse DNS for the hostname column: asynchronous (QHostInfo's own threads) and
// time-limited — a result is handed on when its name arrives or when the time is up, never
// later, so a slow resolver cannot stall a sweep.
class ReverseDns final : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const HostResult &)>;

    explicit ReverseDns(int timeoutMs, QObject *parent = nullptr);
    ~ReverseDns() override;

    // Looks up result.address (addresses only; hostnames pass straight through) and calls
    // `done` with the hostname filled in, or unchanged on failure or timeout.
    void resolve(const HostResult &result, Done done);
    // Hands on everything still waiting, unnamed (Stop, shutdown).
    void flush();
    int pending() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        HostResult result;
        Done done;
        qint64 deadline;
    };
    void onLookedUp(const QHostInfo &info);
    void expire();

    int m_timeoutMs;
    QHash<int, Pending> m_pending;  // by QHostInfo lookup id
    QTimer *m_timer;
};

} // namespace ps
