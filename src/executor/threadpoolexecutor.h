#pragma once

#include "errors.h"
#include "executor.h"
#include "taskregistry.h"

#include <QThreadPool>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <deque>

namespace ps {

struct ThreadPoolOptions
{
    std::optional<int> maxWorkers;   // default min(32, idealThreadCount + 4); ≤ 0 is an error
    QString threadNamePrefix;        // default "ThreadPoolExecutor-N"
    std::function<void()> initializer;  // once per worker thread; a throw breaks the pool
};

// concurrent.futures.ThreadPoolExecutor on its own QThreadPool through QtConcurrent::run.
// QtConcurrent's QFuture is not our future: its isRunning() is true from submit, waiting on it
// steals queued work into the waiting thread, and QThreadPool::clear() in Qt 6.4 can leave it
// unfinished forever. So each work item carries our own Future state and checks "was I
// cancelled while queued?" before it runs, as CPython's _WorkItem does; the QFuture that
// QtConcurrent returns is never waited on.
class ThreadPoolExecutor final : public Executor
{
public:
    explicit ThreadPoolExecutor(std::shared_ptr<const TaskRegistry> registry,
                                ThreadPoolOptions options = {});
    explicit ThreadPoolExecutor(ThreadPoolOptions options = {});  // callables only
    ~ThreadPoolExecutor() override;

    Future<QCborValue> submit(const QString &task, const QCborValue &argument) override;
    std::vector<Future<QCborValue>> submitMany(const QString &task,
                                               const QList<QCborValue> &arguments) override;
    void shutdown(bool wait = true, bool cancelPending = false) override;
    QString modeName() const override { return QStringLiteral("thread"); }
    int maxWorkers() const override { return m_maxWorkers; }

    // Python's submit(fn, *args) for any callable; its return value is the future's result
    // (a callable returning void gives a Future<bool> that is true once it ran).
    template<typename F>
    auto submitCallable(F fn)
        -> Future<std::conditional_t<std::is_void_v<std::invoke_result_t<F>>, bool, std::invoke_result_t<F>>>
    {
        using R = std::invoke_result_t<F>;
        using Stored = std::conditional_t<std::is_void_v<R>, bool, R>;
        static_assert(std::is_void_v<R> || std::is_same_v<R, Stored>);
        Promise<Stored> promise;
        enqueue(promise.future().core(), [promise, fn = std::move(fn)](const QString &) mutable {
            if constexpr (std::is_void_v<R>) {
                fn();
                promise.setResult(true);
            } else {
                promise.setResult(fn());
            }
        });
        return promise.future();
    }

    QString threadNamePrefix() const { return m_prefix; }
    bool isBroken() const;

private:
    using Body = std::function<void(const QString &worker)>;
    // Either a callable (body) or a registered task (task, argument, promise).
    struct WorkItem
    {
        std::shared_ptr<detail::FutureCore> core;
        Body body;
        QString task;
        QCborValue argument;
        std::optional<Promise<QCborValue>> promise;
    };
    void enqueue(const std::shared_ptr<detail::FutureCore> &core, Body body);
    // Queues every item under one lock; throws (queuing none) after shutdown or when broken.
    void enqueueAll(std::vector<WorkItem> items);
    static WorkItem registryItem(const QString &task, const QCborValue &argument);
    // CPython's _worker: takes the oldest queued item until the queue is empty.
    void runWorkerLoop();
    void runWorkItem(WorkItem &item);
    // Names the current pool thread and runs the initializer once; false if the pool broke.
    bool initializeCurrentThread();
    void breakPool(const QString &why);
    void workItemDone();
    std::deque<WorkItem> takeQueue();

    std::shared_ptr<const TaskRegistry> m_registry;
    std::function<void()> m_initializer;
    QString m_prefix;
    int m_maxWorkers;
    std::unique_ptr<QThreadPool> m_pool;
    std::atomic_int m_threadsNamed{0};

    mutable std::mutex m_mutex;
    std::condition_variable m_idle;
    bool m_shutdown = false;
    QString m_brokenReason;  // non-empty once broken
    // Work not yet started, oldest first: what cancelPending cancels.
    std::deque<WorkItem> m_queue;
    int m_activeLoops = 0;  // worker loops (threads) started, ≤ maxWorkers
    qsizetype m_idleLoops = 0;  // of those, waiting for work
    std::condition_variable m_workAvailable;
    // Submitted and not yet done (finished, failed or cancelled).
    std::atomic<qint64> m_outstanding{0};
};

} // namespace ps
