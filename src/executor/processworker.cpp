#include "processworker.h"

#include "exceptioncodec.h"
#include "executorlog.h"

#include <QEventLoop>
#include <QTimer>

namespace ps {

namespace {
const QString kOp = QStringLiteral("op");

QString exitDescription(int exitCode, QProcess::ExitStatus status)
{
    // On Unix, Qt reports the terminating signal as the exit code of a crash exit.
    if (status == QProcess::CrashExit)
        return QStringLiteral("crashed (signal %1)").arg(exitCode);
    return QStringLiteral("exited with code %1").arg(exitCode);
}
} // namespace

// ---- WorkerProcess -------------------------------------------------------------------------

WorkerProcess::WorkerProcess(const QString &program, const QStringList &arguments,
                             quint32 maxFrameBytes, QObject *parent)
    : QObject(parent), m_process(new QProcess(this)), m_decoder(maxFrameBytes)
{
    m_process->setProgram(program);
    m_process->setArguments(arguments);  // an argument list: never a shell
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &WorkerProcess::readOutput);
    connect(m_process, &QProcess::errorOccurred, this, &WorkerProcess::onError);
    connect(m_process, qOverload<int, QProcess::ExitStatus>(&QProcess::finished), this,
            &WorkerProcess::onFinished);
}

void WorkerProcess::start()
{
    m_process->start();
    m_pid = m_process->processId();  // names the tasks it takes before it is ready
}

void WorkerProcess::retire()
{
    m_retiring = true;
    if (m_inFlight.empty())
        requestExit();
}

void WorkerProcess::assign(detail::ProcessWorkItem item)
{
    const qint64 id = item.id;
    if (!m_unsent.isEmpty() && (item.task != m_unsentTask || m_unsent.size() >= frame::kMaxItemsPerFrame))
        sendAssigned();
    m_unsentTask = item.task;
    m_unsent.append(QCborArray{id, item.argument});
    InFlight entry{std::move(item), {}};
    entry.started.start();
    m_inFlight.emplace(id, std::move(entry));
    ++m_assigned;
}

void WorkerProcess::sendAssigned()
{
    if (m_unsent.isEmpty())
        return;
    m_process->write(frame::encode({{kOp, QStringLiteral("run")},
                                    {QStringLiteral("task"), m_unsentTask},
                                    {QStringLiteral("items"), m_unsent}}));
    m_unsent = QCborArray();
}

qint64 WorkerProcess::oldestTaskAgeMs() const
{
    qint64 oldest = -1;
    for (const auto &entry : m_inFlight)
        oldest = std::max(oldest, entry.second.started.elapsed());
    return oldest;
}

void WorkerProcess::killWithReason(const QString &reason)
{
    if (m_dead)
        return;
    if (m_killReason.isEmpty())
        m_killReason = reason;
    m_process->kill();
}

void WorkerProcess::requestExit()
{
    if (m_exitRequested || m_dead)
        return;
    m_exitRequested = true;
    if (m_process->state() == QProcess::NotRunning)
        return;
    sendAssigned();
    m_process->write(frame::encode({{kOp, QStringLiteral("exit")}}));
    m_process->closeWriteChannel();
}

void WorkerProcess::readOutput()
{
    if (!m_decoder.feed(m_process->readAllStandardOutput())) {
        killWithReason(QStringLiteral("worker %1 sent an invalid frame (%2)")
                           .arg(name(), m_decoder.errorString()));
        return;
    }
    QCborMap message;
    while (!m_dead && m_decoder.takeMessage(&message))
        handle(message);
}

void WorkerProcess::handle(const QCborMap &message)
{
    const QString op = message.value(kOp).toString();
    if (op == QLatin1String("ready")) {
        m_pid = message.value(QStringLiteral("pid")).toInteger(m_process->processId());
        if (message.contains(QStringLiteral("error"))) {
            const QCborMap e = message.value(QStringLiteral("error")).toMap();
            Q_EMIT initializerFailed(this, QStringLiteral("%1: %2").arg(
                e.value(QStringLiteral("type")).toString(),
                e.value(QStringLiteral("message")).toString()));
            return;
        }
        m_ready = true;
        Q_EMIT ready(this);
        return;
    }
    if (op != QLatin1String("done")) {
        killWithReason(QStringLiteral("worker %1 sent an unknown message '%2'").arg(name(), op));
        return;
    }
    // items: [id, value] or [id, null, error]
    const QCborArray items = message.value(QStringLiteral("items")).toArray();
    for (const auto &item : items) {
        const QCborArray outcome = item.toArray();
        if (!complete(outcome.at(0).toInteger(-1), outcome.at(1), outcome.at(2)))
            return;
    }
    Q_EMIT taskDone(this);
    if (m_retiring && m_inFlight.empty())
        requestExit();
}

bool WorkerProcess::complete(qint64 id, const QCborValue &value, const QCborValue &error)
{
    const auto it = m_inFlight.find(id);
    if (it == m_inFlight.end()) {
        killWithReason(QStringLiteral("worker %1 answered a task it does not hold").arg(name()));
        return false;
    }
    detail::ProcessWorkItem item = std::move(it->second.item);
    m_inFlight.erase(it);
    try {
        if (error.isMap())
            item.promise.setException(decodeException(error.toMap()));
        else
            item.promise.setResult(value);
    } catch (const InvalidStateError &) {
        // Cannot happen for a Running future; kept so a bug cannot take the pool down.
    }
    return true;
}

void WorkerProcess::onError(QProcess::ProcessError error)
{
    // A failed start emits only errorOccurred; crashes also emit finished(), handled there.
    if (error == QProcess::FailedToStart)
        die(QStringLiteral("could not start worker '%1': %2")
                .arg(m_process->program(), m_process->errorString()));
}

void WorkerProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    QString why = QStringLiteral("worker %1 %2").arg(name(), exitDescription(exitCode, status));
    if (!m_killReason.isEmpty())
        why = m_killReason + QStringLiteral(" (") + exitDescription(exitCode, status) + u')';
    die(why);
}

void WorkerProcess::failInFlight(const std::exception_ptr &error)
{
    for (auto &entry : m_inFlight) {
        try {
            entry.second.item.promise.setException(error);
        } catch (const InvalidStateError &) {
        }
    }
    m_inFlight.clear();
}

void WorkerProcess::die(const QString &why)
{
    if (m_dead)
        return;
    m_dead = true;
    const bool unexpected = !m_inFlight.empty() || !m_exitRequested;
    // Only the tasks this worker held fail; everything else goes on.
    for (auto &entry : m_inFlight) {
        try {
            entry.second.item.promise.setException(std::make_exception_ptr(WorkerCrashedError(why)));
        } catch (const InvalidStateError &) {
        }
    }
    m_inFlight.clear();
    Q_EMIT exited(this, unexpected, why);
}

// ---- ProcessPoolManager --------------------------------------------------------------------

ProcessPoolManager::ProcessPoolManager(ProcessPoolExecutor *pool, ProcessPoolOptions options,
                                       int maxWorkers, QEventLoop *loop)
    : m_pool(pool), m_loop(loop), m_options(std::move(options)), m_maxWorkers(maxWorkers)
{
    const int threads = m_options.threadsPerWorker > 0 ? m_options.threadsPerWorker : m_options.inFlightPerWorker;
    m_arguments = QStringList{QStringLiteral("--serve"), QStringLiteral("--threads"),
                              QString::number(std::min(threads, m_options.inFlightPerWorker))};
    if (!m_options.initializer.isEmpty()) {
        m_arguments << QStringLiteral("--initializer") << m_options.initializer;
        if (!m_options.initializerArgument.isUndefined())
            m_arguments << QStringLiteral("--initializer-arg")
                        << QString::fromLatin1(m_options.initializerArgument.toCbor().toBase64());
    }
    m_arguments << m_options.arguments;
    if (m_options.taskTimeoutMs > 0) {
        m_timeoutTimer = new QTimer(this);
        m_timeoutTimer->setInterval(std::clamp(m_options.taskTimeoutMs / 4, 10, 250));
        connect(m_timeoutTimer, &QTimer::timeout, this, &ProcessPoolManager::checkTimeouts);
        m_timeoutTimer->start();
    }
    if (m_options.prestartWorker && m_maxWorkers > 0)
        startWorker();
}

void ProcessPoolManager::startWorker()
{
    auto *worker = new WorkerProcess(m_options.program, m_arguments, m_options.maxFrameBytes, this);
    connect(worker, &WorkerProcess::ready, this, &ProcessPoolManager::onReady);
    connect(worker, &WorkerProcess::initializerFailed, this, &ProcessPoolManager::onInitializerFailed);
    connect(worker, &WorkerProcess::taskDone, this, &ProcessPoolManager::onTaskDone);
    connect(worker, &WorkerProcess::exited, this, &ProcessPoolManager::onExited);
    m_workers.push_back(worker);
    worker->start();
}

void ProcessPoolManager::dispatch()
{
    if (m_stopping)
        return;
    const int capacity = std::max(1, m_options.inFlightPerWorker);
    while (m_pool->pendingCount() > 0) {
        // The least-loaded worker with room, ready or still starting: a starting worker's
        // tasks wait in its stdin pipe and run as soon as it is ready, so the first tasks do
        // not also wait for the "ready" round trip. (Python's pool likewise fills its call
        // queue, marking those futures running, while its processes are still starting.)
        WorkerProcess *best = nullptr;
        for (WorkerProcess *w : m_workers) {
            if (w->isDead() || w->isRetiring() || w->inFlight() >= capacity)
                continue;
            if (!best || w->inFlight() < best->inFlight())
                best = w;
        }
        if (!best) {
            // Start workers lazily: only when every live one is full, up to the maximum.
            const int live = int(std::count_if(m_workers.begin(), m_workers.end(),
                                               [](WorkerProcess *w) { return !w->isDead(); }));
            if (live < m_maxWorkers) {
                startWorker();
                continue;
            }
            break;
        }
        ProcessPoolExecutor::WorkItem item;
        if (!m_pool->takePending(&item, best->name()))
            break;
        best->assign(std::move(item));
        if (m_options.maxTasksPerChild > 0 && best->assignedCount() >= m_options.maxTasksPerChild)
            best->retire();
    }
    sendAssigned();
    if (m_retireWhenIdle && m_pool->pendingCount() == 0) {
        for (WorkerProcess *w : m_workers) {
            if (!w->isDead() && !w->isRetiring())
                w->retire();  // exits now if idle, else after its last outcome
        }
    }
}

void ProcessPoolManager::retireWhenIdle()
{
    m_retireWhenIdle = true;
    dispatch();
}

void ProcessPoolManager::sendAssigned()
{
    // What this dispatch assigned goes out now, one frame per worker and task name.
    for (WorkerProcess *w : m_workers)
        w->sendAssigned();
}

void ProcessPoolManager::onReady(WorkerProcess *worker)
{
    m_pool->workerStarted(worker->pid());
    dispatch();
}

void ProcessPoolManager::onInitializerFailed(WorkerProcess *worker, const QString &why)
{
    // The tasks it was given while starting never ran: they fail as the queued ones do.
    const QString broken = QStringLiteral("a worker initializer failed: %1").arg(why);
    m_pool->markBroken(broken);
    worker->failInFlight(std::make_exception_ptr(BrokenProcessPool(broken)));
    worker->killWithReason(QStringLiteral("initializer failed: %1").arg(why));
}

void ProcessPoolManager::onTaskDone(WorkerProcess *)
{
    m_consecutiveDeaths = 0;
    dispatch();
}

void ProcessPoolManager::onExited(WorkerProcess *worker, bool unexpected, const QString &why)
{
    m_workers.erase(std::remove(m_workers.begin(), m_workers.end(), worker), m_workers.end());
    worker->deleteLater();
    if (unexpected && !m_stopping) {
        qCWarning(lcExecutor, "%s", qPrintable(why));
        if (++m_consecutiveDeaths >= m_options.maxConsecutiveDeaths) {
            m_pool->markBroken(QStringLiteral("%1 workers died in a row; the last: %2")
                                   .arg(m_consecutiveDeaths)
                                   .arg(why));
        }
    }
    quitIfStopped();
    dispatch();  // replaces the worker if work is waiting
}

void ProcessPoolManager::checkTimeouts()
{
    for (WorkerProcess *w : m_workers) {
        if (w->oldestTaskAgeMs() > m_options.taskTimeoutMs) {
            w->killWithReason(QStringLiteral("worker %1 held a task longer than %2 ms and was killed")
                                  .arg(w->name())
                                  .arg(m_options.taskTimeoutMs));
        }
    }
}

void ProcessPoolManager::stopWorkers()
{
    m_stopping = true;
    for (WorkerProcess *w : m_workers)
        w->requestExit();
    // A worker that does not leave when asked is killed, so shutdown cannot hang.
    m_killTimer = new QTimer(this);
    m_killTimer->setSingleShot(true);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        for (WorkerProcess *w : m_workers)
            w->killWithReason(QStringLiteral("worker %1 did not exit at shutdown").arg(w->name()));
    });
    m_killTimer->start(3000);
    quitIfStopped();
}

void ProcessPoolManager::quitIfStopped()
{
    if (!m_stopping || !m_workers.empty())
        return;
    // Timers belong to this thread: stop them here.
    for (QTimer *timer : {m_timeoutTimer, m_killTimer}) {
        if (timer)
            timer->stop();
    }
    m_loop->quit();
}

} // namespace ps
