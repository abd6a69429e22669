#include "clirunner.h"

#include "prober.h"
#include "sweepcontroller.h"
#include "targetparser.h"

#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace ps {

namespace {

int interruptPipe[2] = {-1, -1};

void onSigint(int)
{
    const char byte = 1;
    const ssize_t n = ::write(interruptPipe[1], &byte, 1);  // async-signal-safe
    (void)n;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString number(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 3) : QStringLiteral("-");
}

} // namespace

CliRunner::CliRunner(CliOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_sweep(new SweepController(this))
{
    connect(m_sweep, &SweepController::hostFinished, this, &CliRunner::onHostFinished);
    connect(m_sweep, &SweepController::finished, this, &CliRunner::onFinished);
    connect(m_sweep, &SweepController::warning, this,
            [](const QString &message) { err() << "pingsweep-cli: warning: " << message << Qt::endl; });
    m_progressToTerminal = !m_options.quiet && ::isatty(STDERR_FILENO);
}

QString CliRunner::formatTextRow(const HostResult &r)
{
    QString line = r.address.leftJustified(15) + u' ' + HostResult::statusName(r.status).leftJustified(9);
    if (r.isAlive()) {
        line += QStringLiteral(" rtt %1/%2/%3 ms").arg(number(r.rttMinMs), number(r.rttAvgMs), number(r.rttMaxMs));
        if (r.ttl)
            line += QStringLiteral("  ttl %1").arg(*r.ttl);
    }
    if (r.sent > 0)
        line += QStringLiteral("  %1/%2 received").arg(r.received).arg(r.sent);
    if (!r.method.isEmpty())
        line += QStringLiteral("  %1").arg(r.method);
    if (!r.worker.isEmpty())
        line += QStringLiteral("  [%1]").arg(r.worker);
    if (!r.error.isEmpty() && !r.isAlive())
        line += QStringLiteral("  (%1)").arg(r.error);
    return line;
}

bool CliRunner::collectTargets(TargetSet *targets)
{
    const TargetParseResult parsed = TargetParser::parseTyped(m_options.targetArguments.join(u' '));
    for (const TargetIssue &issue : parsed.issues)
        err() << "pingsweep-cli: targets: " << issue.toString() << Qt::endl;
    if (!parsed.ok())
        return false;
    *targets = parsed.targets;
    return true;
}

void CliRunner::start()
{
    TargetSet targets;
    if (!collectTargets(&targets))
        return finish(ExitBadInput);
    if (m_options.listTargets) {
        TargetSet::Cursor cursor = targets.cursor();
        Target t;
        while (cursor.next(&t))
            out() << t.text << '\n';
        out().flush();
        return finish(0);
    }
    if (m_options.verbose) {
        QString reason;
        const ProbeMethod method = m_options.sweep.probe.method == ProbeMethod::Auto
            ? Prober::resolveAuto(&reason)
            : m_options.sweep.probe.method;
        err() << "pingsweep-cli: probe method " << ProbeRequest::methodName(method);
        if (!reason.isEmpty())
            err() << ": " << reason;
        err() << "; executor mode " << executorModeName(m_options.sweep.mode) << Qt::endl;
    }
    const quint64 total = targets.size();
    if (total > m_options.sweep.maxTargets) {
        err() << "pingsweep-cli: " << total << " targets were asked for; the limit is "
              << m_options.sweep.maxTargets << " (--max-targets)" << Qt::endl;
        return finish(ExitBadInput);
    }
    m_results.resize(std::size_t(total));
    m_have.assign(std::size_t(total), false);
    installInterruptHandler();
    if (!m_sweep->start(targets, m_options.sweep)) {
        err() << "pingsweep-cli: " << m_sweep->errorString() << Qt::endl;
        return finish(ExitBadInput);
    }
}

void CliRunner::installInterruptHandler()
{
    if (interruptPipe[0] < 0 && ::pipe2(interruptPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    m_interrupt = new QSocketNotifier(interruptPipe[0], QSocketNotifier::Read, this);
    connect(m_interrupt, &QSocketNotifier::activated, this, [this] {
        char buffer[16];
        while (::read(interruptPipe[0], buffer, sizeof buffer) > 0) {
        }
        if (!m_options.quiet)
            err() << "pingsweep-cli: interrupted; stopping (finished hosts are kept)" << Qt::endl;
        m_sweep->stop();
    });
    std::signal(SIGINT, onSigint);
    std::signal(SIGTERM, onSigint);
}

void CliRunner::onHostFinished(int index, const HostResult &result)
{
    m_results[std::size_t(index)] = result;
    m_have[std::size_t(index)] = true;
    if (result.isAlive())
        ++m_alive;
    if (m_options.format == QLatin1String("text") && m_options.outputFile.isEmpty()
        && (!m_options.aliveOnly || result.isAlive())) {
        out() << formatTextRow(result) << '\n';
        out().flush();
    }
    if (m_progressToTerminal) {
        err() << "\r" << m_sweep->doneCount() << "/" << m_results.size() << " done, " << m_alive
              << " alive" << Qt::flush;
    }
}

void CliRunner::onFinished(bool stopped)
{
    if (m_progressToTerminal)
        err() << "\n";
    const int total = int(m_results.size());
    if (!m_options.quiet) {
        err() << "pingsweep-cli: " << m_alive << " of " << total << " hosts alive in "
              << m_sweep->elapsedMs() << " ms" << (stopped ? " (stopped)" : "") << Qt::endl;
    }
    finish(m_alive == total ? ExitAllAlive : ExitSomeNotAlive);
}

void CliRunner::finish(int exitCode)
{
    out().flush();
    QMetaObject::invokeMethod(this, [this, exitCode] { Q_EMIT done(exitCode); }, Qt::QueuedConnection);
}

} // namespace ps
