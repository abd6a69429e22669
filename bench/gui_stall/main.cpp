// gui_stall: is the window responsive during a big sweep?
//
// Builds the real MainWindow under the offscreen platform, sweeps 127.0.0.0/16 (65,534
// loopback hosts; only loopback is ever probed) and measures the event loop with a heartbeat:
// a 5 ms precise timer that records the gap between its ticks. A gap of G ms means the GUI
// thread could not run anything for G - 5 ms: that is the stall. Prints the longest stall
// (and where it happened), the gap percentiles, peak RSS and RSS with the table full, and
// the rows finished.
//
// Usage: gui_stall [--targets TEXT] [--mode thread|process] [--count N] [--sweeps N]
//                  [--sort COLUMN] [--descending] [--max-stall-ms MS]
// --sweeps N presses Start N times, each after the previous sweep finished (a user sweeping
// again): the later sweeps show what a sweep costs once the window's workers are running.
// --sort sorts the table by a column (ResultsModel::Column number) before the start, e.g. 5
// (RTT avg) to measure re-sorting while results stream in. With --max-stall-ms the exit code
// is 1 when the longest stall is above it.
#include "mainwindow.h"
#include "resultsmodel.h"
#include "sweepcontroller.h"
#include "sweepsession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

constexpr int kHeartbeatMs = 5;

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;  // Linux reports KiB
}

double currentRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// CPU time of the calling thread (the GUI thread), in µs. On a loaded machine a wall-clock
// gap also holds time the thread sat preempted; the CPU time between two heartbeats is the
// work the GUI thread itself did without returning to the event loop.
qint64 threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// Times every event the GUI thread dispatches, so the report can say what a stall was:
// "MetaCall → ps::SweepController" is a queued call (the sweep's completion inbox),
// "Timer → ps::ResultsModel" the model's batched update, "UpdateRequest → QWidgetWindow"
// a repaint.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    struct Slow
    {
        qint64 us;
        QString what;
    };
    std::vector<Slow> slowest;  // the 8 slowest dispatches, slowest first

    bool notify(QObject *receiver, QEvent *event) override
    {
        const qint64 begin = threadCpuUs();
        const QEvent::Type type = event->type();
        // Read before dispatching: a DeferredDelete event deletes its receiver.
        const char *className = receiver->metaObject()->className();
        const bool result = QApplication::notify(receiver, event);
        const qint64 us = threadCpuUs() - begin;
        if (slowest.size() < 8 || us > slowest.back().us) {
            const QString what = QStringLiteral("%1 → %2").arg(eventName(type), QString::fromLatin1(className));
            slowest.push_back({us, what});
            std::sort(slowest.begin(), slowest.end(), [](const Slow &a, const Slow &b) { return a.us > b.us; });
            if (slowest.size() > 8)
                slowest.pop_back();
        }
        return result;
    }

private:
    static QString eventName(QEvent::Type type)
    {
        switch (type) {
        case QEvent::MetaCall: return QStringLiteral("MetaCall");
        case QEvent::Timer: return QStringLiteral("Timer");
        case QEvent::UpdateRequest: return QStringLiteral("UpdateRequest");
        case QEvent::Paint: return QStringLiteral("Paint");
        case QEvent::LayoutRequest: return QStringLiteral("LayoutRequest");
        default: return QStringLiteral("event %1").arg(int(type));
        }
    }
};

struct Gap
{
    qint64 atMs;
    qint64 gapMs;
    qint64 cpuUs;
    const char *phase;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Event-loop stall of the PingSweep window during a big sweep"));
    parser.addHelpOption();
    const QCommandLineOption targetsOption(QStringLiteral("targets"), QStringLiteral("Targets (loopback only)."),
                                           QStringLiteral("TEXT"), QStringLiteral("127.0.0.0/16"));
    const QCommandLineOption modeOption(QStringLiteral("mode"), QStringLiteral("thread or process."),
                                        QStringLiteral("MODE"), QStringLiteral("thread"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Probes per host."),
                                         QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption sortOption(QStringLiteral("sort"), QStringLiteral("Sort by this column first."),
                                        QStringLiteral("COLUMN"), QStringLiteral("0"));
    const QCommandLineOption descendingOption(QStringLiteral("descending"), QStringLiteral("Sort descending."));
    const QCommandLineOption maxStallOption(QStringLiteral("max-stall-ms"),
                                            QStringLiteral("Exit 1 when the longest stall is above this."),
                                            QStringLiteral("MS"));
    const QCommandLineOption sweepsOption(QStringLiteral("sweeps"), QStringLiteral("Sweeps, one after the other."),
                                          QStringLiteral("N"), QStringLiteral("1"));
    parser.addOptions({targetsOption, modeOption, countOption, sortOption, descendingOption, maxStallOption,
                       sweepsOption});
    parser.process(app);

    const QString targets = parser.value(targetsOption);
    for (const QString &token : targets.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!token.startsWith(QStringLiteral("127.")) && token != QStringLiteral("::1")) {
            std::fprintf(stderr, "gui_stall probes loopback only (127.0.0.0/8, ::1), not '%s'\n", qPrintable(token));
            return 2;
        }
    }

    // The user's settings are neither read nor written.
    QTemporaryDir settingsDir;
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PingSweepBench"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_stall"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

    ps::MainWindow window;
    window.resize(1180, 660);
    window.show();
    window.findChild<QLineEdit *>(QStringLiteral("targetsEdit"))->setText(targets);
    window.findChild<QComboBox *>(QStringLiteral("modeCombo"))
        ->setCurrentIndex(parser.value(modeOption) == QStringLiteral("process") ? 1 : 0);
    window.findChild<QSpinBox *>(QStringLiteral("countSpin"))->setValue(parser.value(countOption).toInt());
    window.findChild<QTableView *>(QStringLiteral("resultsView"))
        ->sortByColumn(parser.value(sortOption).toInt(),
                       parser.isSet(descendingOption) ? Qt::DescendingOrder : Qt::AscendingOrder);

    std::vector<Gap> gaps;
    gaps.reserve(1 << 16);
    const char *phase = "idle";
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 lastCpu = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(kHeartbeatMs);
    QObject::connect(&heartbeat, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.elapsed();
        const qint64 cpu = threadCpuUs();
        gaps.push_back({now, now - last, cpu - lastCpu, phase});
        last = now;
        lastCpu = cpu;
    });

    qint64 startCallMs = 0;
    qint64 sweepMs = 0;
    const int sweeps = std::clamp(parser.value(sweepsOption).toInt(), 1, 100);
    std::vector<qint64> sweepTimes;
    // Start after the window has settled, from the event loop, as a click would.
    QTimer::singleShot(300, &app, [&] {
        heartbeat.start();
        last = clock.elapsed();
        lastCpu = threadCpuUs();
        QTimer::singleShot(200, &app, [&] {
            phase = "start";
            QElapsedTimer call;
            call.start();
            window.startSweep();
            startCallMs = call.elapsed();
            phase = "sweep";
        });
    });
    QObject::connect(window.sweepController(), &ps::SweepController::finished, &app, [&] {
        sweepTimes.push_back(window.sweepController()->elapsedMs());
        if (int(sweepTimes.size()) < sweeps) {
            // The next sweep from the event loop, a moment later, as a second click would.
            QTimer::singleShot(50, &app, [&] { window.startSweep(); });
            return;
        }
        sweepMs = sweepTimes.front();
        phase = "after";
        // Let the last batched updates and repaints happen, then report.
        QTimer::singleShot(1000, &app, [&] { app.quit(); });
    });
    QTimer::singleShot(600000, &app, [&] {
        std::fprintf(stderr, "gui_stall: the sweep did not finish within 10 minutes\n");
        app.exit(3);
    });
    const int rc = app.exec();
    heartbeat.stop();

    const ps::ResultsModel *model = window.resultsModel();
    int finished = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        finished += model->stateAt(row) == ps::ResultsModel::RowState::Finished;

    std::vector<qint64> sorted;
    for (const Gap &g : gaps)
        sorted.push_back(g.gapMs);
    std::sort(sorted.begin(), sorted.end());
    auto percentile = [&](double p) {
        return sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, std::size_t(p * double(sorted.size())))];
    };
    std::vector<Gap> worst = gaps;
    std::sort(worst.begin(), worst.end(), [](const Gap &a, const Gap &b) { return a.gapMs > b.gapMs; });
    const qint64 maxGap = worst.empty() ? 0 : worst.front().gapMs;
    const qint64 maxStall = std::max<qint64>(0, maxGap - kHeartbeatMs);
    std::vector<Gap> busiest = gaps;
    std::sort(busiest.begin(), busiest.end(), [](const Gap &a, const Gap &b) { return a.cpuUs > b.cpuUs; });
    const double maxCpuMs = busiest.empty() ? 0 : busiest.front().cpuUs / 1000.0;

    std::printf("targets:               %s (%s mode, %d probe(s) per host, sorted by column %d)\n",
                qPrintable(targets), qPrintable(parser.value(modeOption)), parser.value(countOption).toInt(),
                parser.value(sortOption).toInt());
    std::printf("rows:                  %d, finished %d, alive %d\n", model->rowCount(), finished,
                model->counts().alive);
    std::printf("sweep time:            %lld ms (startSweep() call itself: %lld ms)\n", sweepMs, startCallMs);
    if (sweeps > 1) {
        std::printf("sweep times:          ");
        for (qint64 ms : sweepTimes)
            std::printf(" %lld", ms);
        std::printf(" ms (first, then each following sweep)\n");
    }
    std::printf("max event-loop stall:  %lld ms (longest gap between %d ms heartbeats: %lld ms)\n", maxStall,
                kHeartbeatMs, maxGap);
    std::printf("heartbeat gaps:        p50 %lld ms, p99 %lld ms, p99.9 %lld ms, %zu ticks\n", percentile(0.5),
                percentile(0.99), percentile(0.999), gaps.size());
    std::printf("worst gaps:           ");
    for (std::size_t i = 0; i < std::min<std::size_t>(5, worst.size()); ++i)
        std::printf(" %lld ms (%s, t=%lld ms)%s", worst[i].gapMs, worst[i].phase, worst[i].atMs, i < 4 ? "," : "");
    std::printf("\n");
    std::printf("max GUI-thread CPU between heartbeats: %.1f ms (%s, t=%lld ms; the stall without preemption by other processes)\n",
                maxCpuMs, busiest.empty() ? "-" : busiest.front().phase, busiest.empty() ? 0LL : busiest.front().atMs);
    std::printf("slowest event dispatches (GUI-thread CPU):\n");
    for (const TimedApplication::Slow &slow : app.slowest)
        std::printf("    %6.1f ms  %s\n", slow.us / 1000.0, qPrintable(slow.what));
    std::printf("peak RSS:              %.1f MB (now, table full: %.1f MB)\n", peakRssMb(), currentRssMb());

    if (rc != 0)
        return rc;
    if (parser.isSet(maxStallOption) && maxStall > parser.value(maxStallOption).toLongLong())
        return 1;
    return 0;
}
