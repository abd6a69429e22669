#pragma once

#include "errors.h"
#include "executor.h"

#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>


namespace ps {

class ProcessPoolManager;

namespace detail {
// A task on its way to (or in) a worker process.
struct ProcessWorkItem
{
    qint64 id = 0;
    QString task;
    QCborValue argument;
    Promise<QCborValue> promise;
};
} // namespace detail

struct ProcessPoolOptions
{
    std::optional<int> maxWorkers;     // default idealThreadCount; ≤ 0 is an error
    int inFlightPerWorker = 1;         // (ours) K tasks per worker at once; 1 = CPython
    int threadsPerWorker = 0;          // threads a worker runs tasks on; 0 = K. Tasks that
                                       // complete asynchronously need few threads for many K
    int maxTasksPerChild = 0;          // retire a worker after N tasks; 0 = never
    QString initializer;               // a registered task run once per worker
    QCborValue initializerArgument;
    QString program;                   // worker executable; empty = defaultWorkerProgram()
    QStringList arguments;             // extra arguments for the worker
    int taskTimeoutMs = 0;             // a worker holding one task longer is killed; 0 = never
    bool prestartWorker = false;       // start one worker at construction, not at the first
                                       // submit: its start-up overlaps the caller's own work
    int maxConsecutiveDeaths = 3;      // deaths in a row without a finished task → broken
    quint32 maxFrameBytes = 16 * 1024 * 1024;
};

// The executor's second mode: long-lived pingsweep-worker processes driven through QProcess,
// with tasks sent by name as length-prefixed CBOR frames over stdin/stdout. The QProcess
// objects live on a manager thread with its own event loop (CPython's executor manager
// thread), so result() and shutdown() may block any thread but that one without deadlock.
//
// Differences from CPython, on purpose: a worker may hold K tasks at once; a dead worker
// fails only its own in-flight tasks (WorkerCrashedError naming the exit status) and is
// replaced; only `maxConsecutiveDeaths` deaths in a row, or a failed initializer, break the
// pool the Python way.
class ProcessPoolExecutor final : public Executor
{
public:
    explicit ProcessPoolExecutor(ProcessPoolOptions options = {});
    ~ProcessPoolExecutor() override;

    Future<QCborValue> submit(const QString &task, const QCborValue &argument) override;
    std::vector<Future<QCborValue>> submitMany(const QString &task,
                                               const QList<QCborValue> &arguments) override;
    void shutdown(bool wait = true, bool cancelPending = false) override;
    QString modeName() const override { return QStringLiteral("process"); }
    int maxWorkers() const override { return m_maxWorkers; }

    bool isBroken() const;
    // Things the user should know (e.g. fewer workers than asked for because of the file
    // descriptor limit).
    QStringList warnings() const;
    // Process ids of the workers started so far, in start order (tests, diagnostics).
    QList<qint64> startedWorkerPids() const;

    // pingsweep-worker beside the running executable (the build tree) or in
    // ../libexec/pingsweep/ (installed); $PINGSWEEP_WORKER overrides both.
    static QString defaultWorkerProgram();

protected:
    bool supportsChunks() const override { return true; }

private:
    friend class ProcessPoolManager;
    using WorkItem = detail::ProcessWorkItem;

    // Called by the manager thread. takePending moves the oldest pending item to Running
    // under `worker`'s name, skipping (dropping) items cancelled while they waited.
    bool takePending(WorkItem *out, const QString &worker);
    qsizetype pendingCount() const;
    void markBroken(const QString &why);
    void workerStarted(qint64 pid);

    void forget(qint64 id);
    void runManagerThread();
    void requestDispatch();
    void clampWorkersToDescriptorLimit();

    ProcessPoolOptions m_options;
    int m_maxWorkers;
    QStringList m_warnings;

    // The manager thread is a std::thread running a QEventLoop (Qt adopts it), not a QThread:
    // starting, publishing the manager and joining then go through std::mutex and join,
    // which ThreadSanitizer can follow, unlike QThread's futex-based start/wait.
    std::thread m_thread;
    ProcessPoolManager *m_manager = nullptr;  // created, run and deleted on m_thread

    mutable std::mutex m_mutex;
    std::condition_variable m_idle;
    std::deque<WorkItem> m_pending;
    std::unordered_map<qint64, std::weak_ptr<detail::FutureCore>> m_outstanding;
    qint64 m_nextId = 1;
    std::atomic_bool m_dispatchQueued{false};
    bool m_shutdown = false;
    bool m_joined = false;
    bool m_retireRequested = false;  // shutdown(wait = false) told the manager
    bool m_managerReady = false;
    QString m_brokenReason;
    QList<qint64> m_startedPids;
};

} // namespace ps
