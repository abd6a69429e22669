#pragma once

#include "futurecore.h"

#include <QFuture>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QPromise>

#include <optional>

namespace ps {

template<typename T>
class Promise;

namespace detail {

template<typename T>
class TypedFutureCore final : public FutureCore
{
public:
    void setResult(T value)
    {
        finishWith([&] { m_value = std::move(value); });
    }
    T result(int timeoutMs) const
    {
        waitForResult(timeoutMs);
        std::lock_guard lock(m_mutex);
        return *m_value;
    }

private:
    std::optional<T> m_value;
};

} // namespace detail

// The consumer's handle on work that may not have run yet: concurrent.futures.Future.
// Copies share one state. Thread-safe. timeoutMs < 0 means wait forever.
template<typename T>
class Future
{
public:
    using value_type = T;

    Future() = default; // invalid until assigned; only for containers

    bool isValid() const { return bool(d); }
    FutureStatus status() const { return d->status(); }
    bool cancel() { return d->cancel(); }
    bool cancelled() const { return status() == FutureStatus::Cancelled; }
    bool running() const { return status() == FutureStatus::Running; }
    bool done() const { return d->done(); }
    // Thread name or worker process id of whoever ran the task (empty while pending).
    QString worker() const { return d->worker(); }

    T result(int timeoutMs = -1) const { return d->result(timeoutMs); }
    std::exception_ptr exception(int timeoutMs = -1) const { return d->exception(timeoutMs); }

    // Runs fn(future) at once if done, else in the thread that finishes or cancels it.
    template<typename F>
    void addDoneCallback(F fn) const
    {
        std::weak_ptr<detail::TypedFutureCore<T>> weak = d;
        d->addDoneCallback([weak, fn = std::move(fn)]() mutable {
            if (auto core = weak.lock())
                fn(Future<T>(std::move(core)));
        });
    }

    // Qt adapter: runs fn(future) on `context`'s thread once the future is done, through its
    // event loop. Nothing runs if the context is destroyed first.
    template<typename F>
    void then(QObject *context, F fn) const
    {
        QPointer<QObject> guard(context);
        addDoneCallback([guard, fn = std::move(fn)](const Future<T> &f) mutable {
            if (!guard)
                return;
            QMetaObject::invokeMethod(
                guard.data(), [guard, fn, f]() mutable {
                    if (guard)
                        fn(f);
                },
                Qt::QueuedConnection);
        });
    }

    // Qt adapter: a QFuture that finishes (or is cancelled) with this future, so a
    // QFutureWatcher can deliver finished() on the GUI thread.
    QFuture<T> toQFuture() const
    {
        auto promise = std::make_shared<QPromise<T>>();
        QFuture<T> qfuture = promise->future();
        promise->start();
        addDoneCallback([promise](const Future<T> &f) {
            if (f.cancelled()) {
                promise->future().cancel();
            } else if (std::exception_ptr e = f.exception()) {
                promise->setException(e);
            } else {
                promise->addResult(f.result());
            }
            promise->finish();
        });
        return qfuture;
    }

    std::shared_ptr<detail::FutureCore> core() const { return d; }
    friend bool operator==(const Future &a, const Future &b) { return a.d == b.d; }

private:
    friend class Promise<T>;
    explicit Future(std::shared_ptr<detail::TypedFutureCore<T>> core) : d(std::move(core)) {}

    std::shared_ptr<detail::TypedFutureCore<T>> d;
};

// The producer's side: what an executor holds to move its future through the states.
template<typename T>
class Promise
{
public:
    Promise() : d(std::make_shared<detail::TypedFutureCore<T>>()) {}

    Future<T> future() const { return Future<T>(d); }
    bool setRunning(const QString &worker = QString()) { return d->setRunning(worker); }
    void setResult(T value) { d->setResult(std::move(value)); }
    void setException(std::exception_ptr e) { d->setException(std::move(e)); }
    bool cancel() { return d->cancel(); }
    FutureStatus status() const { return d->status(); }

private:
    std::shared_ptr<detail::TypedFutureCore<T>> d;
};

} // namespace ps
