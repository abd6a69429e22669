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

Future<QCborValue> ThreadPoolExecutor::submit(const QString &task, const QCborValue &argument)
{
    Promise<QCborValue> promise;
    auto registry = m_registry;
    enqueue(promise.future().core(), [promise, registry, task, argument](const QString &worker) mutable {
        registry->run(task, argument,
                      TaskCompletion(
                          worker, [promise](const QCborValue &v) mutable { promise.setResult(v); },
                          [promise](std::exception_ptr e) mutable { promise.setException(std::move(e)); }));
    });
    return promise.future();
}

void ThreadPoolExecutor::enqueue(const std::shared_ptr<detail::FutureCore> &core, Body body)
{
    bool startLoop = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_brokenReason.isEmpty())
            throw BrokenThreadPool(m_brokenReason);
        if (m_shutdown)
            throw ShutdownError();
        m_queue.push_back({core, std::move(body)});
        ++m_outstanding;
        // A new worker only when the idle ones cannot take what is queued.
        startLoop = qsizetype(m_queue.size()) > m_idleLoops && m_activeLoops < m_maxWorkers;
        if (startLoop)
            ++m_activeLoops;
    }
    m_workAvailable.notify_one();
    // Done (finished, failed, or cancelled while queued): no longer outstanding.
    core->addDoneCallback([this] { workItemDone(); });
    // Like CPython's _adjust_thread_count: a worker loop (one pool thread) starts only when
    // no idle one can take the item and fewer than maxWorkers run; loops wait for work until
    // shutdown. The QFuture is deliberately dropped: our own future is the one callers hold
    // and wait on.
    if (startLoop)
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
