#include "clirunner.h"

#include "csvwriter.h"
#include "exportio.h"
#include "jsonwriter.h"
#include "prober.h"
#include "sweepcontroller.h"
#include "targetfilereader.h"
#include "targetparser.h"

#include <QFile>
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
    // Files, then typed targets, in order of first appearance; exclusions ('!' anywhere, and
    // --exclude) remove targets from every source. Every problem is reported before giving up.
    TargetSet all;
    bool ok = true;
    const qsizetype maxSkippedShown = 10;
    for (const QString &file : m_options.targetFiles) {
        const bool isStdin = file == u"-";
        TargetFileReader reader(isStdin ? QStringLiteral("stdin") : file);
        QFile input;
        bool read = false;
        if (isStdin)
            read = input.open(stdin, QIODevice::ReadOnly) && reader.read(&input);
        else
            read = reader.read(file);
        if (!read) {
            const QString why = reader.errorString().isEmpty() ? input.errorString() : reader.errorString();
            err() << "pingsweep-cli: " << file << ": " << why << Qt::endl;
            ok = false;
            continue;
        }
        TargetParseResult r = reader.takeResult();
        for (const TargetIssue &issue : r.issues)
            err() << "pingsweep-cli: " << issue.toString() << Qt::endl;
        if (r.issueCount > r.issues.size())
            err() << "pingsweep-cli: " << file << ": " << (r.issueCount - r.issues.size()) << " more errors" << Qt::endl;
        ok = ok && r.ok();
        if (!m_options.quiet) {
            for (qsizetype i = 0; i < std::min(maxSkippedShown, r.skippedLines.size()); ++i)
                err() << "pingsweep-cli: " << file << ": " << r.skippedLines.at(i).toString() << Qt::endl;
            if (r.skippedLineCount > maxSkippedShown)
                err() << "pingsweep-cli: " << file << ": " << (r.skippedLineCount - maxSkippedShown)
                      << " more lines skipped" << Qt::endl;
        }
        all.merge(std::move(r.targets));
    }

    // Arguments are joined so "10.0.0.1 - 10.0.0.50" works across three of them; an issue is
    // then reported by argument number rather than by a column in the joined text.
    const QString typed = m_options.targetArguments.join(u' ');
    TargetParseResult parsed = TargetParser::parseTyped(typed);
    auto argumentOf = [&](const TargetIssue &issue) {
        qsizetype offset = 0;
        for (int line = 1; line < issue.line && offset < typed.size(); ++offset) {
            const QChar c = typed.at(offset);
            if (c == u'\r' && offset + 1 < typed.size() && typed.at(offset + 1) == u'\n')
                ++offset;
            if (c == u'\n' || c == u'\r')
                ++line;
        }
        offset += issue.column - 1;
        qsizetype start = 0;
        for (int i = 0; i < m_options.targetArguments.size(); ++i) {
            const qsizetype end = start + m_options.targetArguments.at(i).size();
            if (offset < end)
                return QStringLiteral("argument %1, column %2").arg(i + 1).arg(offset - start + 1);
            start = end + 1;
        }
        return QStringLiteral("arguments");
    };
    for (const TargetIssue &issue : parsed.issues)
        err() << "pingsweep-cli: " << argumentOf(issue) << ": '" << issue.token << "' " << issue.message << Qt::endl;
    ok = ok && parsed.ok();
    all.merge(std::move(parsed.targets));

    for (const QString &value : m_options.excludes) {
        const TargetParseResult excluded = TargetParser::parseExclusions(value);
        for (const TargetIssue &issue : excluded.issues) {
            err() << "pingsweep-cli: --exclude " << value << ": line " << issue.line << ", column " << issue.column
                  << ": '" << issue.token << "' " << issue.message << Qt::endl;
        }
        ok = ok && excluded.ok();
        all.exclude(excluded.targets);
    }
    if (!ok)
        return false;
    *targets = std::move(all);
    return true;
}

void CliRunner::start()
{
    // Process mode: the worker processes start first, so that their start-up runs beside the
    // reading and expanding of the targets rather than after it.
    if (!m_options.listTargets && !m_sweep->prepare(m_options.sweep)) {
        err() << "pingsweep-cli: " << m_sweep->errorString() << Qt::endl;
        return finish(ExitBadInput);
    }
    TargetSet targets;
    if (!collectTargets(&targets))
        return finish(ExitBadInput);
    if (!targets.isSizeExact() || targets.size() > m_options.sweep.maxTargets) {
        err() << "pingsweep-cli: " << targets.sizeText() << " targets were asked for; the limit is "
              << m_options.sweep.maxTargets << " (--max-targets)" << Qt::endl;
        return finish(ExitBadInput);
    }
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
    // In process mode the worker decides (it may hold CAP_NET_RAW when this process does not).
    QString why;
    if (m_options.sweep.mode == ExecutorMode::Thread && !Prober::canRun(m_options.sweep.probe.method, &why)) {
        err() << "pingsweep-cli: no probe method can run: " << why << Qt::endl;
        return finish(ExitNoMethod);
    }
    const quint64 total = targets.size();
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
    if (streamsText() && (!m_options.aliveOnly || result.isAlive())) {
        out() << formatTextRow(result) << '\n';
        scheduleFlush();
    }
    if (m_progressToTerminal) {
        err() << "\r" << m_sweep->doneCount() << "/" << m_results.size() << " done, " << m_alive
              << " alive" << Qt::flush;
    }
}

void CliRunner::scheduleFlush()
{
    // Rows of one batch of completions go out in one write, not one write() per row.
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, [this] {
        m_flushScheduled = false;
        out().flush();
    }, Qt::QueuedConnection);
}

bool CliRunner::streamsText() const
{
    return m_options.format == QLatin1String("text") && m_options.outputFile.isEmpty();
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
    QString error;
    if (!streamsText() && !writeOutput(&error)) {
        err() << "pingsweep-cli: " << error << Qt::endl;
        return finish(ExitBadInput);
    }
    finish(m_alive == total ? ExitAllAlive : ExitSomeNotAlive);
}

// csv and json list hosts in target order (map order), written once at the end: to stdout,
// or with -o through QSaveFile so a failed write leaves the previous file as it was.
bool CliRunner::writeOutput(QString *error)
{
    std::vector<HostResult> rows;
    rows.reserve(m_results.size());
    for (const HostResult &r : m_results) {
        if (!m_options.aliveOnly || r.isAlive())
            rows.push_back(r);
    }
    out().flush();
    QFile standardOutput;
    if (m_options.outputFile.isEmpty() && !standardOutput.open(stdout, QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write to standard output");
        return false;
    }
    const QString target = m_options.outputFile.isEmpty() ? QStringLiteral("standard output") : m_options.outputFile;
    bool ok = false;
    if (m_options.format == QLatin1String("csv")) {
        CsvWriter writer(CsvOptions{m_options.delimiter, m_options.bom});
        ok = m_options.outputFile.isEmpty() ? writer.write(&standardOutput, rows) : writer.writeFile(m_options.outputFile, rows);
        *error = writer.errorString();
    } else if (m_options.format == QLatin1String("json")) {
        JsonWriter writer;
        ok = m_options.outputFile.isEmpty() ? writer.write(&standardOutput, rows) : writer.writeFile(m_options.outputFile, rows);
        *error = writer.errorString();
    } else {
        ok = writeFileAtomically(m_options.outputFile, [&rows](QIODevice *device, QString *why) {
            for (const HostResult &r : rows) {
                if (device->write((formatTextRow(r) + u'\n').toUtf8()) < 0) {
                    *why = device->errorString();
                    return false;
                }
            }
            return true;
        }, error);
    }
    if (!ok && m_options.outputFile.isEmpty())
        *error = QStringLiteral("cannot write %1: %2").arg(target, *error);  // file errors name their path
    return ok;
}

void CliRunner::finish(int exitCode)
{
    out().flush();
    QMetaObject::invokeMethod(this, [this, exitCode] { Q_EMIT done(exitCode); }, Qt::QueuedConnection);
}

} // namespace ps
