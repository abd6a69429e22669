#pragma once

#include "clioptions.h"
#include "hostresult.h"

#include <QObject>

#include <vector>

class QSocketNotifier;

namespace ps {

class SweepController;

// pingsweep-cli's behaviour: targets in, sweep through SweepController, rows out. Text rows
// are printed as each host completes; csv and json list hosts in target order at the end.
class CliRunner final : public QObject
{
    Q_OBJECT

public:
    explicit CliRunner(CliOptions options, QObject *parent = nullptr);

    // Starts the work; emits done(exitCode) when finished (possibly before returning).
    void start();

    static QString formatTextRow(const HostResult &result);

Q_SIGNALS:
    void done(int exitCode);

private:
    bool collectTargets(class TargetSet *targets);
    void onHostFinished(int index, const HostResult &result);
    void onFinished(bool stopped);
    bool streamsText() const;
    bool writeOutput(QString *error);
    void installInterruptHandler();
    void scheduleFlush();
    void finish(int exitCode);

    CliOptions m_options;
    SweepController *m_sweep;
    std::vector<HostResult> m_results;
    std::vector<bool> m_have;
    QSocketNotifier *m_interrupt = nullptr;
    bool m_progressToTerminal = false;
    int m_alive = 0;
    bool m_flushScheduled = false;
};

} // namespace ps
