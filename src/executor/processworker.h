#pragma once

// Internal to the process pool: one worker process, and the manager that runs on the pool's
// own thread and owns them.

#include "frame.h"
#include "processpoolexecutor.h"

#include <QCborArray>
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>

#include <map>

class QEventLoop;
class QTimer;

namespace ps {

class WorkerProcess final : public QObject
{
    Q_OBJECT

public:
    WorkerProcess(const QString &program, const QStringList &arguments, quint32 maxFrameBytes,
                  QObject *parent);

    void start();
    bool isReady() const { return m_ready && !m_dead; }
    bool isDead() const { return m_dead; }
    int inFlight() const { return int(m_inFlight.size()); }
    int assignedCount() const { return m_assigned; }
    qint64 pid() const { return m_pid; }
    QString name() const { return QStringLiteral("pid %1").arg(m_pid); }

    bool isRetiring() const { return m_retiring; }
    void retire();  // take no more tasks; exit once the in-flight ones are done

    // Takes the task at once (it counts in inFlight()); it is sent with the others assigned
    // since the last sendAssigned(), in one frame per task name.
    void assign(detail::ProcessWorkItem item);
    void sendAssigned();
    // Milliseconds the oldest in-flight task has been running, or -1.
    qint64 oldestTaskAgeMs() const;
    void killWithReason(const QString &reason);
    void requestExit();
    // Fails every task it holds with `error` (they will not be answered).
    void failInFlight(const std::exception_ptr &error);

Q_SIGNALS:
    void ready(ps::WorkerProcess *worker);
    void initializerFailed(ps::WorkerProcess *worker, const QString &why);
    void taskDone(ps::WorkerProcess *worker);
    // The process is gone; `unexpected` when it died with work or without being asked to.
    void exited(ps::WorkerProcess *worker, bool unexpected, const QString &why);

private:
    void readOutput();
    void handle(const QCborMap &message);
    bool complete(qint64 id, const QCborValue &value, const QCborValue &error);
    void onError(QProcess::ProcessError error);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void die(const QString &why);

    QProcess *m_process;
    FrameDecoder m_decoder;
    qint64 m_pid = 0;
    bool m_ready = false;
    bool m_dead = false;
    bool m_retiring = false;
    bool m_exitRequested = false;
    QString m_killReason;
    int m_assigned = 0;
    struct InFlight
    {
        detail::ProcessWorkItem item;
        QElapsedTimer started;
    };
    std::map<qint64, InFlight> m_inFlight;
    QString m_unsentTask;
    QCborArray m_unsent;  // [id, argument] items of m_unsentTask not yet written
};

class ProcessPoolManager final : public QObject
{
    Q_OBJECT

public:
    ProcessPoolManager(ProcessPoolExecutor *pool, ProcessPoolOptions options, int maxWorkers,
                       QEventLoop *loop);

    void dispatch();
    // shutdown(wait = false): no task can come any more, so workers leave as soon as the queue
    // is empty and their own tasks are done (as Python's pool frees its processes once the
    // pending work is done), not only when the owner joins the pool.
    void retireWhenIdle();
    void stopWorkers();  // after the last one exits, ends the manager thread's event loop

private:
    void startWorker();
    void sendAssigned();
    void onReady(WorkerProcess *worker);
    void onInitializerFailed(WorkerProcess *worker, const QString &why);
    void onTaskDone(WorkerProcess *worker);
    void onExited(WorkerProcess *worker, bool unexpected, const QString &why);
    void checkTimeouts();
    void quitIfStopped();

    ProcessPoolExecutor *m_pool;
    QEventLoop *m_loop;
    ProcessPoolOptions m_options;
    int m_maxWorkers;
    QStringList m_arguments;
    std::vector<WorkerProcess *> m_workers;  // children of this manager
    int m_consecutiveDeaths = 0;
    bool m_stopping = false;
    bool m_retireWhenIdle = false;
    QTimer *m_timeoutTimer = nullptr;
    QTimer *m_killTimer = nullptr;
};

} // namespace ps
