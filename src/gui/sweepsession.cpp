#include "sweepsession.h"

#include "plural.h"
#include "filejobs.h"
#include "resultsmodel.h"
#include "sweepcontroller.h"
#include "targetinput.h"
#include "targetparser.h"

#include <QHostAddress>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace ps {

namespace {

QString issueList(const QList<TargetIssue> &issues, int total)
{
    QStringList lines;
    for (const TargetIssue &issue : issues.mid(0, 12))
        lines << issue.toString();
    if (total > lines.size())
        lines << SweepSession::tr("… and %n more", nullptr, total - int(lines.size()));
    return lines.join(u'\n');
}

} // namespace

SweepSession::SweepSession(SweepController *controller, ResultsModel *model, QThreadPool *filePool, QObject *parent)
    : QObject(parent), m_controller(controller), m_model(model), m_filePool(filePool)
{
    connect(m_controller, &SweepController::started, this, &SweepSession::onStarted);
    connect(m_controller, &SweepController::hostSubmitted, this, &SweepSession::onHostSubmitted);
    connect(m_controller, &SweepController::hostFinished, this, &SweepSession::onHostFinished);
    connect(m_controller, &SweepController::progress, this, &SweepSession::progress);
    connect(m_controller, &SweepController::finished, this, &SweepSession::onFinished);
    connect(m_controller, &SweepController::warning, this, &SweepSession::notice);
}

bool SweepSession::isBusy() const
{
    return m_resolving || m_controller->isRunning();
}

void SweepSession::setResolving(bool resolving)
{
    if (m_resolving == resolving)
        return;
    m_resolving = resolving;
    Q_EMIT busyChanged(isBusy());
}

bool SweepSession::start(const QString &fieldText, const SweepOptions &options)
{
    if (isBusy())
        return false;
    const TargetInput input = TargetInput::split(fieldText);
    TargetParseResult typed;
    if (input.hasTypedTargets()) {
        typed = TargetParser::parseTyped(input.typedText);
        if (!typed.ok()) {
            Q_EMIT startFailed(tr("Targets"), tr("These targets could not be used:\n%1")
                                                  .arg(issueList(typed.issues, typed.issueCount)));
            return false;
        }
    }
    m_kind = Kind::Full;
    if (input.files.isEmpty()) {
        launch(typed.targets, options);
        return isBusy();
    }

    // Files are read off the GUI thread; the sweep starts when they are in.
    setResolving(true);
    Q_EMIT notice(tr("Reading %1…").arg(plural(input.files.size(), tr("%1 target file"), tr("%1 target files"))));
    const quint64 generation = ++m_generation;
    QPointer<SweepSession> self(this);
    filejobs::readTargets(m_filePool, input.files)
        .then(this, [self, generation, typed = std::move(typed.targets), filesFirst = input.filesFirst,
                     options](const QList<filejobs::TargetFile> &files) {
            if (!self || generation != self->m_generation)
                return;  // stopped, or another start came first
            self->setResolving(false);
            TargetSet all;
            if (!filesFirst)
                all.merge(typed);
            QStringList errors;
            int issues = 0;
            for (const filejobs::TargetFile &file : files) {
                if (!file.ok())
                    errors << file.error;
                issues += file.parsed.issueCount;
                all.merge(file.parsed.targets);
            }
            if (filesFirst)
                all.merge(typed);
            if (!errors.isEmpty()) {
                Q_EMIT self->startFailed(tr("Target files"), errors.join(u'\n'));
                return;
            }
            if (issues > 0)
                Q_EMIT self->notice(tr("%1 in the target files left out (Import shows them)")
                                        .arg(plural(issues, tr("%1 invalid entry"), tr("%1 invalid entries"))));
            self->launch(all, options);
        });
    return true;
}

bool SweepSession::reping(const QList<int> &rows, const SweepOptions &options)
{
    if (isBusy() || rows.isEmpty())
        return false;
    // One target per row, in row order: sweep index i belongs to row id m_indexIds[i]. A row
    // holds an address or a host name; whatever else it holds, the probe reports as an error.
    std::vector<Target> targets;
    targets.reserve(std::size_t(rows.size()));
    m_indexIds.clear();
    m_indexIds.reserve(std::size_t(rows.size()));
    for (int row : rows) {
        const QString text = m_model->addressAt(row);
        targets.push_back({text, QHostAddress(text)});
        m_indexIds.push_back(m_model->idAt(row));
    }
    m_kind = Kind::Reping;
    ++m_generation;
    return startController(std::move(targets), options);
}

SweepOptions SweepSession::withWindowPolicy(SweepOptions options)
{
    // A window sweeps again and again (Start, re-ping rows): worker processes stay up for two
    // minutes after a sweep, so the next one in process mode does not wait for them to start.
    options.keepWorkersMs = kKeepWorkersMs;
    return options;
}

void SweepSession::launch(const TargetSet &targets, const SweepOptions &options)
{
    // Too many (the controller says so at once), or few enough to expand here.
    if (targets.size() <= kExpandInline || targets.size() > options.maxTargets) {
        if (!m_controller->start(targets, withWindowPolicy(options)))
            Q_EMIT startFailed(tr("Sweep"), m_controller->errorString());
        return;
    }
    setResolving(true);
    const quint64 generation = ++m_generation;
    QPointer<SweepSession> self(this);
    // A shared pointer, so the 65,536 targets are handed over, not copied, on the GUI thread.
    QtConcurrent::run(m_filePool, [targets] { return std::make_shared<std::vector<Target>>(targets.toVector()); })
        .then(this, [self, generation, options](const std::shared_ptr<std::vector<Target>> &expanded) {
            if (!self || generation != self->m_generation)
                return;  // stopped meanwhile
            self->setResolving(false);
            self->startController(std::move(*expanded), options);
        });
}

bool SweepSession::startController(std::vector<Target> targets, const SweepOptions &options)
{
    if (!m_controller->start(std::move(targets), withWindowPolicy(options))) {
        Q_EMIT startFailed(tr("Sweep"), m_controller->errorString());
        return false;
    }
    return true;
}

void SweepSession::stop()
{
    if (m_resolving) {
        ++m_generation;
        setResolving(false);
        Q_EMIT notice(tr("Stopped before the target files were read"));
    }
    m_controller->stop();
}

void SweepSession::onStarted(int total)
{
    m_total = total;
    const std::vector<Target> &targets = m_controller->targets();
    if (m_kind == Kind::Full) {
        m_indexIds.clear();
        m_firstId = m_model->setTargets(targets);
    } else {
        for (std::size_t i = 0; i < targets.size(); ++i)
            forEachRow(int(i), [this](int row) { m_model->resetRow(row); });
    }
    Q_EMIT busyChanged(true);
    Q_EMIT started(total);
}

template<typename F>
void SweepSession::forEachRow(int index, F &&f)
{
    if (m_kind == Kind::Full) {
        const int row = m_model->rowOfId(m_firstId + quint64(index));
        if (row >= 0)
            f(row);
        return;
    }
    if (index < 0 || std::size_t(index) >= m_indexIds.size())
        return;
    const int row = m_model->rowOfId(m_indexIds[std::size_t(index)]);
    if (row >= 0)
        f(row);
}

void SweepSession::onHostSubmitted(int index)
{
    forEachRow(index, [this](int row) { m_model->markRunning(row); });
}

void SweepSession::onHostFinished(int index, const HostResult &result)
{
    forEachRow(index, [this, &result](int row) { m_model->setResult(row, result); });
}

void SweepSession::onFinished(bool stopped)
{
    m_model->flush();
    m_indexIds.clear();
    Q_EMIT busyChanged(false);
    Q_EMIT finished(stopped);
}

} // namespace ps
