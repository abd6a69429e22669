#pragma once

#include "frame.h"
#include "future.h"
#include "taskregistry.h"
#include "threadpoolexecutor.h"

#include <QCborArray>
#include <QObject>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

class QSocketNotifier;

namespace ps {

struct WorkerServerOptions
{
    int threads = 1;            // threads tasks run on (the pool limits what is in flight)
    QString initializer;        // registered task run once before serving; empty = none
    QCborValue initializerArgument;
    int readFd = 0;
    int writeFd = 1;
};

// The worker side of ProcessPoolExecutor, run by pingsweep-worker: reads task frames from
// stdin ("run" batches: one task name, many [id, argument] items), runs them on a local
// ThreadPoolExecutor, and writes the outcomes to stdout as they complete ("done" batches:
// every outcome that completed since the last write, in one frame). Exits when stdin closes
// and nothing is in flight.
class WorkerServer final : public QObject
{
    Q_OBJECT

public:
    WorkerServer(std::shared_ptr<const TaskRegistry> registry, WorkerServerOptions options,
                 QObject *parent = nullptr);
    ~WorkerServer() override;

    // Runs the initializer, announces readiness and starts reading. False if the initializer
    // failed (already reported to the parent); the caller then exits non-zero.
    bool start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void readInput();
    void handle(const QCborMap &message);
    void runTasks(const QString &task, const QCborArray &items);
    void runChunk(qint64 id, const QCborMap &chunk);
    // Queues an outcome; the main thread writes what has gathered in one frame.
    void reply(qint64 id, const Future<QCborValue> &future);
    void flushOutput();
    void writeAll(const QByteArray &bytes);
    void finishIfIdle();
    QString workerName() const;

    std::shared_ptr<const TaskRegistry> m_registry;
    WorkerServerOptions m_options;
    std::unique_ptr<ThreadPoolExecutor> m_executor;
    FrameDecoder m_decoder;
    QSocketNotifier *m_notifier = nullptr;
    struct Outcome
    {
        qint64 id;
        Future<QCborValue> future;
    };
    std::mutex m_outMutex;
    std::vector<Outcome> m_outcomes;  // completed, not yet written
    std::atomic_int m_inFlight{0};
    bool m_inputClosed = false;
    bool m_finished = false;
};

} // namespace ps
