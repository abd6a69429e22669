#include "threadpoolexecutor.h"

#include "executorlog.h"

#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace ps {

namespace {

std::atomic_int executorCounter{0};

// Which executor's initializer has run on this pool thread. Each executor owns its pool and
// its threads, so a thread only ever belongs to one executor.
thread_local const ThreadPoolExecutor *tlInitializedFor = nullptr;

int defaultThreadWorkers()
{
    return std::min(32, QThread::idealThreadCount() + 4);
}

} // namespace

ThreadPoolExecutor::ThreadPoolExecutor(ThreadPoolOptions options)
    : ThreadPoolExecutor(std::make_shared<TaskRegistry>(), std::move(options))
{}

ThreadPoolExecutor::ThreadPoolExecutor(std::shared_ptr<const TaskRegistry> registry,
                                       ThreadPoolOptions options)
    : m_registry(std::move(registry)),
      m_initializer(std::move(options.initializer)),
      m_maxWorkers(options.maxWorkers.value_or(defaultThreadWorkers())),
      m_pool(std::make_unique<QThreadPool>())
{
    if (m_maxWorkers <= 0)
        throw std::invalid_argument("maxWorkers must be greater than 0");
    const int serial = ++executorCounter;
    m_prefix = options.threadNamePrefix.isEmpty()
        ? QStringLiteral("ThreadPoolExecutor-%1").arg(serial - 1)
        : options.threadNamePrefix;
    // Threads start lazily (QThreadPool starts one only when none is idle and the maximum is
    // not reached) and never expire before shutdown, as in CPython.
    m_pool->setMaxThreadCount(m_maxWorkers);
    m_pool->setExpiryTimeout(-1);
    m_pool->setObjectName(m_prefix);
}

ThreadPoolExecutor::~ThreadPoolExecutor()
{
    shutdown(true);
}

bool ThreadPoolExecutor::isBroken() const
{
    std::lock_guard lock(m_mutex);
    return !m_brokenReason.isEmpty();
}

ThreadPoolExecutor::WorkItem ThreadPoolExecutor::registryItem(const QString &task, const QCborValue &argument)
{
    WorkItem item;
    item.promise.emplace();
    item.core = item.promise->future().core();
    item.task = task;
    item.argument = argument;
    return item;
}

Future<QCborValue> ThreadPoolExecutor::submit(const QString &task, const QCborValue &argument)
{
    return submitMany(task, {argument}).front();
}

std::vector<Future<QCborValue>> ThreadPoolExecutor::submitMany(const QString &task,
                                                               const QList<QCborValue> &arguments)
{
    std::vector<Future<QCborValue>> futures;
    std::vector<WorkItem> items;
    futures.reserve(std::size_t(arguments.size()));
    items.reserve(std::size_t(arguments.size()));
    for (const QCborValue &argument : arguments) {
        items.push_back(registryItem(task, argument));
        futures.push_back(items.back().promise->future());
    }
    enqueueAll(std::move(items));
    return futures;
}

void ThreadPoolExecutor::enqueue(const std::shared_ptr<detail::FutureCore> &core, Body body)
{
    std::vector<WorkItem> items(1);
    items.front().core = core;
    items.front().body = std::move(body);
    enqueueAll(std::move(items));
}

void ThreadPoolExecutor::enqueueAll(std::vector<WorkItem> items)
{
    if (items.empty())
        return;
    // Done (finished, failed, or cancelled while queued): no longer outstanding. Installed
    // before the items are queued, so nothing can finish first; if queuing throws below, the
    // futures are dropped unfinished and the callbacks never run.
    for (const WorkItem &item : items)
        item.core->addDoneCallback([this] { workItemDone(); });
    const std::size_t count = items.size();
    int loopsToStart = 0;
    {
        std::lock_guard lock(m_mutex);
        if (!m_brokenReason.isEmpty())
            throw BrokenThreadPool(m_brokenReason);
        if (m_shutdown)
            throw ShutdownError();
        for (WorkItem &item : items)
            m_queue.push_back(std::move(item));
        m_outstanding += qint64(count);
        // A new worker only when the idle ones cannot take what is queued.
        while (qsizetype(m_queue.size()) > m_idleLoops + loopsToStart && m_activeLoops < m_maxWorkers) {
            ++m_activeLoops;
            ++loopsToStart;
        }
    }
    if (count == 1)
        m_workAvailable.notify_one();
    else
        m_workAvailable.notify_all();  // one wake-up per idle loop for the whole batch
    // Like CPython's _adjust_thread_count: a worker loop (one pool thread) starts only when
    // no idle one can take the item and fewer than maxWorkers run; loops wait for work until
    // shutdown. The QFuture is deliberately dropped: our own future is the one callers hold
    // and wait on.
    for (int i = 0; i < loopsToStart; ++i)
        static_cast<void>(QtConcurrent::run(m_pool.get(), [this] { runWorkerLoop(); }));
}

void ThreadPoolExecutor::workItemDone()
{
    if (--m_outstanding == 0) {
        std::lock_guard lock(m_mutex);
        m_idle.notify_all();
    }
}

std::deque<ThreadPoolExecutor::WorkItem> ThreadPoolExecutor::takeQueue()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_queue, {});
}

void ThreadPoolExecutor::runWorkerLoop()
{
    const bool usable = initializeCurrentThread();
    for (;;) {
        WorkItem item;
        {
            std::unique_lock lock(m_mutex);
            ++m_idleLoops;
            m_workAvailable.wait(lock, [this, usable] { return !usable || !m_queue.empty() || m_shutdown; });
            --m_idleLoops;
            if (!usable || m_queue.empty()) {
                // Broken, or shut down with nothing left: this loop is done with the executor.
                if (--m_activeLoops == 0)
                    m_idle.notify_all();
                return;
            }
            item = std::move(m_queue.front());
            m_queue.pop_front();
        }
        runWorkItem(item);
    }
}

void ThreadPoolExecutor::runWorkItem(WorkItem &item)
{
    const QString worker = QThread::currentThread()->objectName();
    try {
        if (!item.core->setRunning(worker))
            return;  // cancelled while queued
    } catch (const InvalidStateError &) {
        return;
    }
    try {
        if (item.promise)
            m_registry->run(item.task, item.argument, TaskCompletion(worker, std::move(*item.promise)));
        else
            item.body(worker);
    } catch (...) {
        try {
            item.core->setException(std::current_exception());
        } catch (const InvalidStateError &) {
            // The body completed the future before it threw; the first outcome stands.
        }
    }
}

bool ThreadPoolExecutor::initializeCurrentThread()
{
    if (tlInitializedFor == this)
        return !isBroken();
    tlInitializedFor = this;
    QThread::currentThread()->setObjectName(
        QStringLiteral("%1_%2").arg(m_prefix).arg(m_threadsNamed++));
    if (!m_initializer)
        return !isBroken();
    try {
        m_initializer();
    } catch (const std::exception &e) {
        breakPool(QStringLiteral("a thread initializer failed: %1").arg(QString::fromUtf8(e.what())));
    } catch (...) {
        breakPool(QStringLiteral("a thread initializer failed"));
    }
    return !isBroken();
}

void ThreadPoolExecutor::breakPool(const QString &why)
{
    qCWarning(lcExecutor) << m_prefix << "is broken:" << why;
    {
        std::lock_guard lock(m_mutex);
        if (m_brokenReason.isEmpty())
            m_brokenReason = why;
    }
    for (WorkItem &item : takeQueue()) {
        try {
            item.core->setException(std::make_exception_ptr(BrokenThreadPool(why)));
        } catch (const InvalidStateError &) {
            // cancelled while queued: stays cancelled
        }
    }
}

void ThreadPoolExecutor::shutdown(bool wait, bool cancelPending)
{
    {
        std::lock_guard lock(m_mutex);
        m_shutdown = true;
    }
    m_workAvailable.notify_all();  // idle worker loops leave once the queue is empty
    if (cancelPending) {
        for (WorkItem &item : takeQueue())
            item.core->cancel();
    }
    if (!wait)
        return;
    {
        // Work that completes asynchronously (a probe waiting for its reply) has left its pool
        // thread but is still running: wait for the futures, not only for the threads.
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return m_outstanding.load() == 0; });
    }
    m_workAvailable.notify_all();
    {
        // Join our loops through our own mutex (not only QThreadPool::waitForDone): after
        // this, no pool thread touches the executor again.
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return m_activeLoops == 0; });
    }
    m_pool->waitForDone();
}

} // namespace ps
