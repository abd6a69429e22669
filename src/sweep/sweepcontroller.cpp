#include "sweepcontroller.h"

#include "errors.h"
#include "pingtask.h"
#include "prober.h"
#include "reversedns.h"
#include "processpoolexecutor.h"
#include "threadpoolexecutor.h"

#include <QThread>
#include <QTimer>

namespace ps {

namespace {
constexpr int kRateTickMs = 10;
// Probes that complete asynchronously (native ICMP) hold no thread while in flight: keep
// thousands in flight, so a /24 — even a /20 — of dead hosts costs one timeout, not one per
// worker. Bounded all the same, so that Stop still finds pending work to cancel on big sweeps
// and memory stays flat.
constexpr int kAsynchronousWindow = 4096;
// Completions handled, or tasks submitted, per event-loop turn (see drainInbox).
constexpr std::size_t kBatch = 1024;
}

SweepController::SweepController(QObject *parent) : QObject(parent), m_inbox(std::make_shared<Inbox>())
{
    m_inbox->owner = this;
    m_reaper.setMaxThreadCount(1);
    m_reaper.setObjectName(QStringLiteral("SweepController-reaper"));
}

SweepController::~SweepController()
{
    {
        std::lock_guard lock(m_inbox->mutex);
        m_inbox->owner = nullptr;  // late completions find nobody to post to
    }
    if (m_executor)
        m_executor->shutdown(false, true);
    m_executor.reset();  // waits for running probes: at most one probe's time
    m_reaper.waitForDone();
}

bool SweepController::checkStart(quint64 count, const SweepOptions &options)
{
    if (m_running) {
        m_error = QStringLiteral("a sweep is already running");
        return false;
    }
    if (count > options.maxTargets) {
        m_error = QStringLiteral("%1 targets were asked for; the limit is %2")
                      .arg(count)
                      .arg(options.maxTargets);
        return false;
    }
    if (count == 0) {
        m_error = QStringLiteral("no targets to sweep");
        return false;
    }
    return true;
}

bool SweepController::start(const TargetSet &targets, const SweepOptions &options)
{
    // Checked before the set is expanded: a /8 must not become 16 million targets first.
    if (!targets.isSizeExact() || targets.size() > options.maxTargets) {
        m_error = QStringLiteral("%1 targets were asked for; the limit is %2")
                      .arg(targets.sizeText())
                      .arg(options.maxTargets);
        return false;
    }
    if (!checkStart(targets.size(), options))
        return false;
    return start(targets.toVector(targets.size()), options);
}

bool SweepController::prepare(const SweepOptions &options)
{
    if (m_running || options.mode != ExecutorMode::Process)
        return true;  // a thread pool starts in microseconds: nothing to gain
    int perWorker = 0;
    return setUpExecutor(options, Prober::isAsynchronous(options.probe.method), &perWorker);
}

bool SweepController::setUpExecutor(const SweepOptions &options, bool asynchronous, int *perWorker)
{
    *perWorker = std::max(1, options.inFlightPerWorker);
    try {
        if (options.mode == ExecutorMode::Process) {
            ProcessPoolOptions pool;
            pool.maxWorkers = options.workers;
            if (asynchronous && options.maxInFlight <= 0) {
                const int workers = options.workers.value_or(QThread::idealThreadCount());
                *perWorker = std::max(*perWorker, (kAsynchronousWindow + workers - 1) / std::max(1, workers));
            }
            pool.inFlightPerWorker = *perWorker;
            if (asynchronous)
                pool.threadsPerWorker = QThread::idealThreadCount();
            // The worker's start-up (an exec of a Qt program: milliseconds) overlaps the
            // sweep's own preparation instead of following its first submit.
            pool.prestartWorker = true;
            pool.program = options.workerProgram;
            pool.arguments = options.workerArguments;
            const ProbeRequest &p = options.probe;
            // A worker holding a probe far past its budget is hung: kill it, fail only that.
            pool.taskTimeoutMs = std::max(1, p.count) * (p.timeoutMs + p.intervalMs) + 10000;
            useProcessPool(pool);
        } else {
            retireExecutor();  // a process pool kept from an earlier sweep, if any
            ThreadPoolOptions pool;
            pool.maxWorkers = options.workers;
            // Asynchronous probes only pass through a pool thread: more threads than cores
            // would just contend for locks.
            if (asynchronous && !options.workers)
                pool.maxWorkers = QThread::idealThreadCount();
            pool.threadNamePrefix = QStringLiteral("sweep");
            m_executor = std::make_unique<ThreadPoolExecutor>(sweepTaskRegistry(), pool);
        }
    } catch (const std::exception &e) {
        m_error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

bool SweepController::start(std::vector<Target> targets, const SweepOptions &options)
{
    if (!checkStart(targets.size(), options))
        return false;
    const bool asynchronous = Prober::isAsynchronous(options.probe.method);
    int perWorker = 0;
    if (!setUpExecutor(options, asynchronous, &perWorker))
        return false;
    m_options = options;
    m_targets = std::move(targets);
    m_nextToSubmit = 0;
    m_inFlight = 0;
    m_done = 0;
    m_stopping = false;
    m_running = true;
    m_error.clear();
    if (options.maxInFlight > 0)
        m_window = options.maxInFlight;
    else if (asynchronous)
        m_window = kAsynchronousWindow;
    else
        m_window = std::max(1, m_executor->maxWorkers() * (options.mode == ExecutorMode::Process ? perWorker : 1));
    m_probeTemplate = options.probe.toCbor().toArray();
    m_reverseDns = options.reverseDns ? std::make_unique<ReverseDns>(options.reverseDnsTimeoutMs) : nullptr;
    m_clock.start();
    Q_EMIT started(int(m_targets.size()));

    if (options.ratePerSecond > 0) {
        m_tokens = 1;
        m_rateClock.start();
        m_rateTimer = new QTimer(this);
        m_rateTimer->setInterval(kRateTickMs);
        connect(m_rateTimer, &QTimer::timeout, this, &SweepController::submitMore);
        m_rateTimer->start();
    }
    submitMore();
    return true;
}

void SweepController::submitMore()
{
    if (!m_running || m_stopping)
        return;
    if (m_rateTimer) {
        // Token bucket: `rate` probes per second, bursts of at most one tick's worth.
        const double perMs = m_options.ratePerSecond / 1000.0;
        m_tokens = std::min(m_tokens + double(m_rateClock.restart()) * perMs,
                            std::max(1.0, perMs * kRateTickMs));
    }
    // One batch per event-loop turn, handed to the executor in one call (one lock, one
    // wake-up); the rest in the next turn, so the event loop breathes between batches.
    const std::size_t first = m_nextToSubmit;
    QList<QCborValue> requests;
    while (m_nextToSubmit < m_targets.size() && m_inFlight + requests.size() < m_window) {
        if (std::size_t(requests.size()) == kBatch) {
            QMetaObject::invokeMethod(this, &SweepController::submitMore, Qt::QueuedConnection);
            break;
        }
        if (m_rateTimer) {
            if (m_tokens < 1)
                break;
            m_tokens -= 1;
        }
        requests.append(ProbeRequest::retargeted(m_probeTemplate, m_targets[m_nextToSubmit++].text));
    }
    if (requests.isEmpty())
        return;
    std::vector<Future<QCborValue>> futures;
    try {
        futures = m_executor->submitMany(kPingTask, requests);
    } catch (const std::exception &e) {
        for (std::size_t i = first; i < m_nextToSubmit; ++i)
            finishHost(int(i), resultFor(int(i), HostResult::Status::Error, QString::fromUtf8(e.what())));
        return;
    }
    m_inFlight += int(futures.size());
    // Everything is submitted: an executor that is not kept for the next sweep may wind down
    // now — pool threads and worker processes leave as they run out of work, while the last
    // results are still being handled here, instead of after them.
    const bool kept = m_options.mode == ExecutorMode::Process && m_options.keepWorkersMs > 0;
    if (m_nextToSubmit == m_targets.size() && !kept)
        m_executor->shutdown(false, false);
    for (std::size_t k = 0; k < futures.size(); ++k) {
        const int index = int(first + k);
        Q_EMIT hostSubmitted(index);
        futures[k].addDoneCallback([inbox = m_inbox, index](const Future<QCborValue> &f) {
            std::lock_guard lock(inbox->mutex);
            const bool wasEmpty = inbox->items.empty();
            inbox->items.push_back({index, f});
            if (wasEmpty && inbox->owner)
                QMetaObject::invokeMethod(inbox->owner, &SweepController::drainInbox, Qt::QueuedConnection);
        });
    }
}

HostResult SweepController::resultFor(int index, HostResult::Status status, const QString &error) const
{
    HostResult r;
    r.address = m_targets[std::size_t(index)].text;
    r.status = status;
    r.error = error;
    r.finishedAt = QDateTime::currentDateTimeUtc();
    return r;
}

void SweepController::drainInbox()
{
    // At most kBatch completions per event-loop turn, so a flood of replies (a /16 answering
    // at once) never holds this thread — the GUI thread — for long; the rest waits one turn.
    // Completions are taken a whole inbox at a time (a swap of two vectors whose memory is
    // kept), so the lock is held for a moment and nothing is copied or reallocated per host.
    if (m_draining.position == m_draining.items.size()) {
        m_draining.items.clear();
        m_draining.position = 0;
        std::lock_guard lock(m_inbox->mutex);
        m_draining.items.swap(m_inbox->items);
    }
    const std::size_t end = std::min(m_draining.items.size(), m_draining.position + kBatch);
    const bool more = end < m_draining.items.size();
    if (more)
        QMetaObject::invokeMethod(this, &SweepController::drainInbox, Qt::QueuedConnection);
    for (; m_draining.position < end; ++m_draining.position) {
        Inbox::Item &item = m_draining.items[m_draining.position];
        onFutureDone(item.index, item.future);
        item.future = {};
    }
    // Completions that arrived after the swap found the inbox empty and queued their own call.
    submitMore();
}

void SweepController::onFutureDone(int index, const Future<QCborValue> &future)
{
    --m_inFlight;
    HostResult result;
    if (future.cancelled()) {
        result = resultFor(index, HostResult::Status::Cancelled, QString());
    } else if (std::exception_ptr e = future.exception()) {
        QString message;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception &ex) {
            message = QString::fromUtf8(ex.what());
        } catch (...) {
            message = QStringLiteral("unknown error");
        }
        result = resultFor(index, HostResult::Status::Error, message);
        result.worker = future.worker();
    } else {
        result = HostResult::fromCbor(future.result());
        // The worker column names who ran the probe: the thread in thread mode, the worker
        // process in process mode (the executor names it "pid N").
        if (result.worker.isEmpty() || m_options.mode == ExecutorMode::Process)
            result.worker = future.worker();
    }
    completeHost(index, result);
}

void SweepController::completeHost(int index, const HostResult &result)
{
    if (!m_reverseDns || !result.isAlive()) {
        finishHost(index, result);
        return;
    }
    m_reverseDns->resolve(result, [this, index](const HostResult &named) { finishHost(index, named); });
}

void SweepController::finishHost(int index, const HostResult &result)
{
    ++m_done;
    Q_EMIT hostFinished(index, result);
    Q_EMIT progress(m_done, int(m_targets.size()));
    if (m_done == int(m_targets.size())) {
        m_running = false;
        if (m_rateTimer) {
            m_rateTimer->deleteLater();
            m_rateTimer = nullptr;
        }
        releaseExecutorAfterSweep();
        Q_EMIT finished(m_stopping);
    }
}

void SweepController::stop()
{
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    // Futures not yet started are cancelled now (their callbacks report them Cancelled);
    // targets never submitted are reported Cancelled here; running probes finish.
    m_executor->shutdown(false, true);
    if (m_reverseDns)
        m_reverseDns->flush();  // names still being looked up are not waited for
    const std::size_t firstUnsubmitted = m_nextToSubmit;
    m_nextToSubmit = m_targets.size();
    for (std::size_t i = firstUnsubmitted; i < m_targets.size(); ++i)
        finishHost(int(i), resultFor(int(i), HostResult::Status::Cancelled, QString()));
}

void SweepController::retireExecutor()
{
    if (m_idleWorkersTimer)
        m_idleWorkersTimer->stop();
    if (!m_executor)
        return;
    // Joining workers (threads or processes) can take a moment: never on this thread.
    std::shared_ptr<Executor> executor(m_executor.release());
    m_reaper.start([executor]() mutable { executor.reset(); });
}

namespace {
bool samePool(const ProcessPoolOptions &a, const ProcessPoolOptions &b)
{
    return a.maxWorkers == b.maxWorkers && a.inFlightPerWorker == b.inFlightPerWorker
        && a.threadsPerWorker == b.threadsPerWorker && a.maxTasksPerChild == b.maxTasksPerChild
        && a.initializer == b.initializer && a.initializerArgument == b.initializerArgument
        && a.program == b.program && a.arguments == b.arguments && a.taskTimeoutMs == b.taskTimeoutMs
        && a.maxConsecutiveDeaths == b.maxConsecutiveDeaths && a.maxFrameBytes == b.maxFrameBytes;
}
} // namespace

void SweepController::useProcessPool(const ProcessPoolOptions &pool)
{
    if (m_idleWorkersTimer)
        m_idleWorkersTimer->stop();
    auto *kept = dynamic_cast<ProcessPoolExecutor *>(m_executor.get());
    if (kept && !kept->isBroken() && samePool(m_poolOptions, pool))
        return;  // its workers are running already: no start-up for this sweep
    retireExecutor();
    auto executor = std::make_unique<ProcessPoolExecutor>(pool);  // throws on bad options
    for (const QString &w : executor->warnings())
        Q_EMIT warning(w);
    m_executor = std::move(executor);
    m_poolOptions = pool;
}

void SweepController::releaseExecutorAfterSweep()
{
    // Worker processes take milliseconds to start (an exec of a Qt program); threads do not.
    // So a process pool may wait, idle, for the next sweep — unless this one was stopped (its
    // pool is shut down) or the pool broke.
    auto *pool = dynamic_cast<ProcessPoolExecutor *>(m_executor.get());
    if (!pool || m_stopping || m_options.keepWorkersMs <= 0 || pool->isBroken()) {
        retireExecutor();
        return;
    }
    if (!m_idleWorkersTimer) {
        m_idleWorkersTimer = new QTimer(this);
        m_idleWorkersTimer->setSingleShot(true);
        connect(m_idleWorkersTimer, &QTimer::timeout, this, &SweepController::retireExecutor);
    }
    m_idleWorkersTimer->start(m_options.keepWorkersMs);
}

} // namespace ps
