#pragma once

#include "frame.h"
#include "future.h"
#include "taskregistry.h"
#include "threadpoolexecutor.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <mutex>

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
// stdin, runs the registered task on a local pool of `inFlight` threads, writes each outcome
// as a frame to stdout as soon as it completes (from whichever thread completes it).
// Exits when stdin closes and nothing is in flight.
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
    void runTask(qint64 id, const QString &task, const QCborValue &argument);
    void runChunk(qint64 id, const QCborMap &chunk);
    void reply(qint64 id, const Future<QCborValue> &future);
    void write(const QCborMap &message);
    void flushOutput();
    void writeAll(const QByteArray &bytes);
    void taskEnded();
    void finishIfIdle();
    QString workerName() const;

    std::shared_ptr<const TaskRegistry> m_registry;
    WorkerServerOptions m_options;
    std::unique_ptr<ThreadPoolExecutor> m_executor;
    FrameDecoder m_decoder;
    QSocketNotifier *m_notifier = nullptr;
    std::mutex m_outMutex;
    QByteArray m_outBuffer;
    std::atomic_int m_inFlight{0};
    bool m_inputClosed = false;
    bool m_finished = false;
};

} // namespace ps
