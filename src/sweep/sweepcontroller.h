#pragma once

#include "executor.h"
#include "processpoolexecutor.h"
#include "hostresult.h"
#include "sweepoptions.h"
#include "targetset.h"

#include <QCborArray>
#include <QElapsedTimer>
#include <QObject>
#include <QThreadPool>

#include <memory>
#include <mutex>
#include <vector>

class QTimer;

namespace ps {

class ReverseDns;

// The one place a sweep is orchestrated, for the GUI and the CLI alike: targets and options
// in; one "ping" task per target submitted to an Executor (thread or process mode) through a
// bounded in-flight window and an optional rate limit; each result out as a signal, on this
// object's thread, as its future completes. Never blocks the thread it lives on.
class SweepController final : public QObject
{
    Q_OBJECT

public:
    explicit SweepController(QObject *parent = nullptr);
    ~SweepController() override;

    // False (with errorString()) if the sweep cannot start: too many targets, no executor.
    bool start(const TargetSet &targets, const SweepOptions &options);
    // The same for targets already expanded: a re-ping of chosen rows, or a big set that the
    // caller expanded off this thread (expanding 65,536 targets takes a few frames).
    bool start(std::vector<Target> targets, const SweepOptions &options);
    // Starts now the executor that start() with these options will run on — in process mode
    // its worker processes, whose start-up (an exec of a Qt program each) then overlaps the
    // caller's own preparation, such as reading and expanding targets. A no-op in thread mode
    // (threads start in microseconds) and while a sweep runs. False with errorString() if the
    // executor cannot be made; start() would then fail the same way.
    bool prepare(const SweepOptions &options);
    // Cancels pending work at once; running probes end; every result already in is kept.
    // Targets that never ran finish as Cancelled.
    void stop();

    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    const std::vector<Target> &targets() const { return m_targets; }
    int doneCount() const { return m_done; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

Q_SIGNALS:
    void started(int total);
    void hostSubmitted(int index);
    void hostFinished(int index, const ps::HostResult &result);
    void progress(int done, int total);
    void warning(const QString &message);
    void finished(bool stopped);

private:
    bool checkStart(quint64 count, const SweepOptions &options);  // false with m_error set
    // The executor for these options (a matching kept process pool is reused), and the tasks
    // a worker process may hold; false with m_error set. `asynchronous`: the probes complete
    // without holding a thread (native ICMP).
    bool setUpExecutor(const SweepOptions &options, bool asynchronous, int *perWorker);
    // Completions arrive on executor threads; they queue here and are handled in batches on
    // this object's thread: one wake-up per batch instead of one queued call per host.
    struct Inbox
    {
        struct Item
        {
            int index;
            Future<QCborValue> future;
        };
        std::mutex mutex;
        std::vector<Item> items;
        SweepController *owner = nullptr;  // cleared (under the mutex) by ~SweepController
    };

    void submitMore();
    void drainInbox();
    void onFutureDone(int index, const Future<QCborValue> &future);
    // Reverse DNS (when asked for) first, then finishHost.
    void completeHost(int index, const HostResult &result);
    void finishHost(int index, const HostResult &result);
    HostResult resultFor(int index, HostResult::Status status, const QString &error) const;
    void retireExecutor();
    // The process pool for these options: the kept one if it matches, else a new one.
    void useProcessPool(const ProcessPoolOptions &pool);
    void releaseExecutorAfterSweep();

    std::shared_ptr<Inbox> m_inbox;
    struct Draining  // the inbox's last contents, handled kBatch at a time
    {
        std::vector<Inbox::Item> items;
        std::size_t position = 0;
    } m_draining;
    std::unique_ptr<Executor> m_executor;
    // Process mode with keepWorkersMs: the pool's settings, and the timer that retires its
    // idle workers. Between sweeps m_executor is then the kept pool.
    ProcessPoolOptions m_poolOptions;
    QTimer *m_idleWorkersTimer = nullptr;
    SweepOptions m_options;
    QCborArray m_probeTemplate;  // options.probe as CBOR; each request only changes the target
    std::vector<Target> m_targets;
    std::size_t m_nextToSubmit = 0;
    int m_inFlight = 0;
    int m_window = 1;
    int m_done = 0;
    bool m_running = false;
    bool m_stopping = false;
    QString m_error;
    QElapsedTimer m_clock;
    QTimer *m_rateTimer = nullptr;
    double m_tokens = 0;
    QElapsedTimer m_rateClock;
    QThreadPool m_reaper;  // joins finished executors off this thread
    std::unique_ptr<ReverseDns> m_reverseDns;
};

} // namespace ps
