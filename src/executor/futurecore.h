#pragma once

#include <QString>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace ps {

enum class FutureStatus { Pending, Running, Finished, Cancelled };

namespace detail {

// Collects the futures that finish while a wait()/asCompleted() call is watching them
// (CPython's _Waiter). Futures notify every waiter installed on them, under their own lock.
class Waiter
{
public:
    void notify(const void *core);
    // Blocks until at least one notification arrived or the deadline passed, then hands over
    // what has arrived since the last call.
    std::vector<const void *> take(std::chrono::steady_clock::time_point deadline, bool unbounded);

private:
    std::mutex m_mutex;
    std::condition_variable m_cond;
    std::vector<const void *> m_finished;
};

// Everything a future is except its value: the state machine, the exception, the
// done-callbacks and the waiters. Non-template so wait()/asCompleted() work on any future.
class FutureCore : public std::enable_shared_from_this<FutureCore>
{
public:
    virtual ~FutureCore() = default;

    FutureStatus status() const;
    bool done() const;
    QString worker() const;

    // Pending → Cancelled (true); true if already Cancelled; false when Running/Finished.
    bool cancel();
    // Pending → Running. False if the future was cancelled first (the work must not run).
    // Throws InvalidStateError in any other state.
    bool setRunning(const QString &worker = QString());
    // Running/Pending → Finished with an exception. Throws InvalidStateError when done.
    void setException(std::exception_ptr exception);

    // Waits until done; false on timeout. timeoutMs < 0 waits forever.
    bool waitDone(int timeoutMs) const;
    // Throws CancelledError / TimeoutError; returns the exception or null (Python's exception()).
    std::exception_ptr exception(int timeoutMs) const;

    void addDoneCallback(std::function<void()> callback);

    void addWaiter(const std::shared_ptr<Waiter> &waiter);
    void removeWaiter(const std::shared_ptr<Waiter> &waiter);

protected:
    // Called by the typed subclass with its value already stored under m_mutex.
    template<typename Store>
    void finishWith(Store &&store)
    {
        std::unique_lock lock(m_mutex);
        checkNotDoneLocked();
        store();
        m_status = FutureStatus::Finished;
        completeLocked(lock);
    }
    // Rethrows for result(): CancelledError, TimeoutError, or the task's exception.
    void waitForResult(int timeoutMs) const;

    mutable std::mutex m_mutex;

private:
    void checkNotDoneLocked() const;
    // Wakes blocked callers, notifies waiters and runs the callbacks (outside the lock).
    void completeLocked(std::unique_lock<std::mutex> &lock);
    static void runCallback(const std::function<void()> &callback);

    mutable std::condition_variable m_cond;
    FutureStatus m_status = FutureStatus::Pending;
    std::exception_ptr m_exception;
    QString m_worker;
    std::vector<std::function<void()>> m_callbacks;
    std::vector<std::shared_ptr<Waiter>> m_waiters;
};

} // namespace detail
} // namespace ps
