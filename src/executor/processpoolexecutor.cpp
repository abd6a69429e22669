#include "processpoolexecutor.h"

#include "executorlog.h"
#include "processworker.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QThread>

#include <sys/resource.h>

namespace ps {

namespace {

int openDescriptorCount()
{
    const QDir fds(QStringLiteral("/proc/self/fd"));
    return fds.exists() ? int(fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size()) : 64;
}

// Each QProcess holds about five descriptors (three pipes' ends, forkfd, start-up pipe).
constexpr int kDescriptorsPerWorker = 6;
constexpr int kDescriptorReserve = 32;

} // namespace

QString ProcessPoolExecutor::defaultWorkerProgram()
{
    QString fromEnvironment = qEnvironmentVariable("PINGSWEEP_WORKER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        appDir + QStringLiteral("/pingsweep-worker"),
        appDir + QStringLiteral("/../libexec/pingsweep/pingsweep-worker"),
    };
    for (const QString &candidate : candidates) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return candidates.constFirst();  // a clear "could not start" error names this path
}

ProcessPoolExecutor::ProcessPoolExecutor(ProcessPoolOptions options)
    : m_options(std::move(options)),
      m_maxWorkers(m_options.maxWorkers.value_or(QThread::idealThreadCount()))
{
    if (m_maxWorkers <= 0)
        throw std::invalid_argument("maxWorkers must be greater than 0");
    if (m_options.inFlightPerWorker <= 0)
        throw std::invalid_argument("inFlightPerWorker must be greater than 0");
    if (m_options.maxTasksPerChild < 0)
        throw std::invalid_argument("maxTasksPerChild must be 0 (never) or more");
    if (m_options.program.isEmpty())
        m_options.program = defaultWorkerProgram();
    clampWorkersToDescriptorLimit();

    m_thread = std::thread([this] { runManagerThread(); });
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_managerReady; });
}

ProcessPoolExecutor::~ProcessPoolExecutor()
{
    shutdown(true);
}

void ProcessPoolExecutor::clampWorkersToDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return;
    const qint64 spare = qint64(limit.rlim_cur) - openDescriptorCount() - kDescriptorReserve;
    const int affordable = int(std::max<qint64>(1, spare / kDescriptorsPerWorker));
    if (m_maxWorkers <= affordable)
        return;
    const QString warning =
        QStringLiteral("the open-file limit (%1) allows %2 worker processes, not %3; using %2")
            .arg(qulonglong(limit.rlim_cur))
            .arg(affordable)
            .arg(m_maxWorkers);
    qCWarning(lcExecutor, "%s", qPrintable(warning));
    m_warnings.append(warning);
    m_maxWorkers = affordable;
}

QStringList ProcessPoolExecutor::warnings() const
{
    return m_warnings;
}

bool ProcessPoolExecutor::isBroken() const
{
    std::lock_guard lock(m_mutex);
    return !m_brokenReason.isEmpty();
}

QList<qint64> ProcessPoolExecutor::startedWorkerPids() const
{
    std::lock_guard lock(m_mutex);
    return m_startedPids;
}

Future<QCborValue> ProcessPoolExecutor::submit(const QString &task, const QCborValue &argument)
{
    return submitMany(task, {argument}).front();
}

std::vector<Future<QCborValue>> ProcessPoolExecutor::submitMany(const QString &task,
                                                                const QList<QCborValue> &arguments)
{
    std::vector<Future<QCborValue>> futures;
    std::vector<WorkItem> items(std::size_t(arguments.size()));
    futures.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        items[i].task = task;
        items[i].argument = arguments.at(qsizetype(i));
        futures.push_back(items[i].promise.future());
    }
    qint64 firstId;
    {
        std::lock_guard lock(m_mutex);
        if (!m_brokenReason.isEmpty())
            throw BrokenProcessPool(m_brokenReason);
        if (m_shutdown)
            throw ShutdownError();
        firstId = m_nextId;
        for (WorkItem &item : items) {
            item.id = m_nextId++;
            m_outstanding.emplace(item.id, item.promise.future().core());
            m_pending.push_back(std::move(item));
        }
    }
    for (std::size_t i = 0; i < futures.size(); ++i) {
        const qint64 id = firstId + qint64(i);  // handed out in order under the lock
        futures[i].core()->addDoneCallback([this, id] { forget(id); });
    }
    requestDispatch();
    return futures;
}

void ProcessPoolExecutor::requestDispatch()
{
    // Many submits in a row cost one dispatch on the manager thread, not one each.
    if (!m_dispatchQueued.exchange(true)) {
        QMetaObject::invokeMethod(
            m_manager,
            [this] {
                m_dispatchQueued = false;
                m_manager->dispatch();
            },
            Qt::QueuedConnection);
    }
}

void ProcessPoolExecutor::forget(qint64 id)
{
    std::lock_guard lock(m_mutex);
    m_outstanding.erase(id);
    if (m_outstanding.empty())
        m_idle.notify_all();
}

qsizetype ProcessPoolExecutor::pendingCount() const
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_pending.size());
}

bool ProcessPoolExecutor::takePending(WorkItem *out, const QString &worker)
{
    std::lock_guard lock(m_mutex);
    while (!m_pending.empty()) {
        WorkItem item = std::move(m_pending.front());
        m_pending.pop_front();
        // Once handed to a worker a task is Running and can no longer be cancelled.
        if (item.promise.setRunning(worker)) {
            *out = std::move(item);
            return true;
        }
    }
    return false;
}

void ProcessPoolExecutor::markBroken(const QString &why)
{
    std::deque<WorkItem> failed;
    {
        std::lock_guard lock(m_mutex);
        if (m_brokenReason.isEmpty())
            m_brokenReason = why;
        failed.swap(m_pending);
    }
    qCWarning(lcExecutor, "process pool is broken: %s", qPrintable(why));
    for (WorkItem &item : failed) {
        try {
            item.promise.setException(std::make_exception_ptr(BrokenProcessPool(why)));
        } catch (const InvalidStateError &) {
            // cancelled while pending: stays cancelled
        }
    }
}

void ProcessPoolExecutor::runManagerThread()
{
    QThread::currentThread()->setObjectName(QStringLiteral("ProcessPoolExecutor-manager"));
    QEventLoop loop;
    ProcessPoolManager manager(this, m_options, m_maxWorkers, &loop);
    {
        std::lock_guard lock(m_mutex);
        m_manager = &manager;
        m_managerReady = true;
    }
    m_idle.notify_all();
    loop.exec();  // until stopWorkers() has seen the last worker leave
}

void ProcessPoolExecutor::workerStarted(qint64 pid)
{
    std::lock_guard lock(m_mutex);
    m_startedPids.append(pid);
}

void ProcessPoolExecutor::shutdown(bool wait, bool cancelPending)
{
    std::deque<WorkItem> cancelled;
    {
        std::lock_guard lock(m_mutex);
        m_shutdown = true;
        if (cancelPending)
            cancelled.swap(m_pending);
    }
    for (WorkItem &item : cancelled)
        item.promise.cancel();
    if (!wait) {
        // Posted under the lock, so that it precedes a joining shutdown's stopWorkers: the
        // manager is alive until that one has run.
        std::lock_guard lock(m_mutex);
        if (!m_joined && !m_retireRequested) {
            m_retireRequested = true;
            QMetaObject::invokeMethod(m_manager, &ProcessPoolManager::retireWhenIdle, Qt::QueuedConnection);
        }
        return;
    }
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return m_outstanding.empty(); });
        if (m_joined)
            return;
        m_joined = true;
    }
    QMetaObject::invokeMethod(m_manager, &ProcessPoolManager::stopWorkers, Qt::QueuedConnection);
    m_thread.join();
    m_manager = nullptr;
}

} // namespace ps
