#include "futurecore.h"

#include "errors.h"
#include "executorlog.h"

namespace ps::detail {

void Waiter::notify(const void *core)
{
    {
        std::lock_guard lock(m_mutex);
        m_finished.push_back(core);
    }
    m_cond.notify_all();
}

std::vector<const void *> Waiter::take(std::chrono::steady_clock::time_point deadline, bool unbounded)
{
    std::unique_lock lock(m_mutex);
    if (unbounded)
        m_cond.wait(lock, [this] { return !m_finished.empty(); });
    else
        m_cond.wait_until(lock, deadline, [this] { return !m_finished.empty(); });
    return std::exchange(m_finished, {});
}

FutureStatus FutureCore::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

bool FutureCore::done() const
{
    const FutureStatus s = status();
    return s == FutureStatus::Finished || s == FutureStatus::Cancelled;
}

QString FutureCore::worker() const
{
    std::lock_guard lock(m_mutex);
    return m_worker;
}

bool FutureCore::cancel()
{
    std::unique_lock lock(m_mutex);
    if (m_status == FutureStatus::Running || m_status == FutureStatus::Finished)
        return false;
    if (m_status == FutureStatus::Cancelled)
        return true;
    m_status = FutureStatus::Cancelled;
    completeLocked(lock);
    return true;
}

bool FutureCore::setRunning(const QString &worker)
{
    std::lock_guard lock(m_mutex);
    if (m_status == FutureStatus::Cancelled)
        return false;
    if (m_status != FutureStatus::Pending)
        throw InvalidStateError("future is already running or finished");
    m_status = FutureStatus::Running;
    m_worker = worker;
    return true;
}

void FutureCore::setException(std::exception_ptr exception)
{
    std::unique_lock lock(m_mutex);
    checkNotDoneLocked();
    m_exception = std::move(exception);
    m_status = FutureStatus::Finished;
    completeLocked(lock);
}

void FutureCore::checkNotDoneLocked() const
{
    if (m_status == FutureStatus::Finished || m_status == FutureStatus::Cancelled)
        throw InvalidStateError("future is already done");
}

bool FutureCore::waitDone(int timeoutMs) const
{
    std::unique_lock lock(m_mutex);
    auto isDone = [this] {
        return m_status == FutureStatus::Finished || m_status == FutureStatus::Cancelled;
    };
    if (timeoutMs < 0) {
        m_cond.wait(lock, isDone);
        return true;
    }
    return m_cond.wait_for(lock, std::chrono::milliseconds(timeoutMs), isDone);
}

void FutureCore::waitForResult(int timeoutMs) const
{
    if (!waitDone(timeoutMs))
        throw TimeoutError(QStringLiteral("future not done after %1 ms").arg(timeoutMs));
    std::lock_guard lock(m_mutex);
    if (m_status == FutureStatus::Cancelled)
        throw CancelledError();
    if (m_exception)
        std::rethrow_exception(m_exception);
}

std::exception_ptr FutureCore::exception(int timeoutMs) const
{
    if (!waitDone(timeoutMs))
        throw TimeoutError(QStringLiteral("future not done after %1 ms").arg(timeoutMs));
    std::lock_guard lock(m_mutex);
    if (m_status == FutureStatus::Cancelled)
        throw CancelledError();
    return m_exception;
}

void FutureCore::addDoneCallback(std::function<void()> callback)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_status != FutureStatus::Finished && m_status != FutureStatus::Cancelled) {
            m_callbacks.push_back(std::move(callback));
            return;
        }
    }
    runCallback(callback); // already done: run at once, in the caller
}

void FutureCore::addWaiter(const std::shared_ptr<Waiter> &waiter)
{
    std::lock_guard lock(m_mutex);
    if (m_status == FutureStatus::Finished || m_status == FutureStatus::Cancelled)
        waiter->notify(this);
    else
        m_waiters.push_back(waiter);
}

void FutureCore::removeWaiter(const std::shared_ptr<Waiter> &waiter)
{
    std::lock_guard lock(m_mutex);
    m_waiters.erase(std::remove(m_waiters.begin(), m_waiters.end(), waiter), m_waiters.end());
}

void FutureCore::completeLocked(std::unique_lock<std::mutex> &lock)
{
    for (const auto &waiter : m_waiters)
        waiter->notify(this);
    m_waiters.clear();
    std::vector<std::function<void()>> callbacks = std::exchange(m_callbacks, {});
    // Keep this core alive while its callbacks run: a callback may drop the last Future.
    std::shared_ptr<FutureCore> self = weak_from_this().lock();
    lock.unlock();
    m_cond.notify_all();
    for (const auto &callback : callbacks)
        runCallback(callback);
}

void FutureCore::runCallback(const std::function<void()> &callback)
{
    // A throwing callback is logged and ignored, as in CPython; the others still run.
    try {
        callback();
    } catch (const std::exception &e) {
        qCWarning(lcExecutor, "done-callback threw: %s", e.what());
    } catch (...) {
        qCWarning(lcExecutor, "done-callback threw a non-standard exception");
    }
}

} // namespace ps::detail
