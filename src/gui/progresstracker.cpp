#include "progresstracker.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimer>

namespace ps {

ProgressTracker::ProgressTracker(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(kReportIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ProgressTracker::tick);
}

void ProgressTracker::start(int total)
{
    m_total = total;
    m_done = 0;
    m_running = true;
    m_samples.clear();
    m_clock.start();
    m_samples.emplace_back(0, 0);
    m_timer->start();
    Q_EMIT changed(snapshot());
}

void ProgressTracker::update(int done)
{
    m_done = done;
}

void ProgressTracker::finish(qint64 elapsedMs)
{
    m_finalElapsed = elapsedMs;
    m_running = false;
    m_timer->stop();
    Q_EMIT changed(snapshot());
}

void ProgressTracker::tick()
{
    const qint64 now = m_clock.elapsed();
    m_samples.emplace_back(now, m_done);
    while (m_samples.size() > 2 && now - m_samples.front().first > kRateWindowMs)
        m_samples.pop_front();
    Q_EMIT changed(snapshot());
}

double ProgressTracker::rateOf(qint64 firstMs, int firstDone, qint64 lastMs, int lastDone)
{
    if (lastMs <= firstMs)
        return 0;
    return (lastDone - firstDone) * 1000.0 / double(lastMs - firstMs);
}

ProgressTracker::Snapshot ProgressTracker::snapshot() const
{
    Snapshot s;
    s.done = m_done;
    s.total = m_total;
    s.running = m_running;
    s.elapsedMs = m_running ? m_clock.elapsed() : m_finalElapsed;
    if (!m_running) {
        s.rate = s.elapsedMs > 0 ? m_done * 1000.0 / double(s.elapsedMs) : 0;
        return s;
    }
    if (!m_samples.empty()) {
        const auto &first = m_samples.front();
        s.rate = rateOf(first.first, first.second, s.elapsedMs, m_done);
    }
    if (s.rate > 0)
        s.etaMs = qint64((m_total - m_done) * 1000.0 / s.rate);
    return s;
}

QString ProgressTracker::durationText(qint64 ms)
{
    if (ms < 1000)
        return QCoreApplication::translate("ps::ProgressTracker", "%1 ms").arg(ms);
    if (ms < 10000)
        return QCoreApplication::translate("ps::ProgressTracker", "%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 seconds = (ms + 500) / 1000;
    if (seconds < 60)
        return QCoreApplication::translate("ps::ProgressTracker", "%1 s").arg(seconds);
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 sec = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(sec, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(sec, 2, 10, QLatin1Char('0'));
}

QString ProgressTracker::progressText(const Snapshot &s)
{
    const QLocale locale;
    QString text = QStringLiteral("%1 / %2").arg(locale.toString(s.done), locale.toString(s.total));
    if (s.rate > 0)
        text += tr(" · %1 hosts/s").arg(locale.toString(qRound64(s.rate)));
    if (s.running && s.etaMs)
        text += tr(" · ETA %1").arg(durationText(*s.etaMs));
    else if (!s.running && s.total > 0)
        text += tr(" · %1").arg(durationText(s.elapsedMs));
    return text;
}

} // namespace ps
