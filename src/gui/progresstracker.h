#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <deque>
#include <optional>

class QTimer;

namespace ps {

// Rate and ETA for the progress bar. Fed on every completion (cheap: two stores), it reports
// on a timer, a few times a second, so a sweep of 65,536 hosts costs a few dozen progress-bar
// repaints, not 65,536. The rate is over the last few seconds, so the ETA follows a sweep
// that slows down (a run of dead hosts) instead of averaging it away.
class ProgressTracker final : public QObject
{
    Q_OBJECT

public:
    struct Snapshot
    {
        int done = 0;
        int total = 0;
        qint64 elapsedMs = 0;
        double rate = 0;                // hosts per second, recent
        std::optional<qint64> etaMs;    // unknown until the rate is
        bool running = false;
    };

    explicit ProgressTracker(QObject *parent = nullptr);

    void start(int total);
    void update(int done);
    void finish(qint64 elapsedMs);  // the sweep's own clock, so every figure agrees

    Snapshot snapshot() const;
    // "1,234 / 65,534 · 3,210 hosts/s · ETA 0:12"
    static QString progressText(const Snapshot &s);
    static QString durationText(qint64 ms);  // "400 ms", "2.4 s", "12 s", "3:05", "1:02:03"

    // Rate over samples (ms since start, hosts done); exposed for tests.
    static double rateOf(qint64 firstMs, int firstDone, qint64 lastMs, int lastDone);

    static constexpr int kReportIntervalMs = 250;
    static constexpr qint64 kRateWindowMs = 3000;

Q_SIGNALS:
    void changed(const ps::ProgressTracker::Snapshot &snapshot);

private:
    void tick();

    QTimer *m_timer;
    QElapsedTimer m_clock;
    int m_done = 0;
    int m_total = 0;
    bool m_running = false;
    qint64 m_finalElapsed = 0;
    std::deque<std::pair<qint64, int>> m_samples;  // (ms, done), one per tick
};

} // namespace ps
