#pragma once

#include "future.h"

#include <QCborValue>
#include <QHash>
#include <QString>
#include <QStringList>

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

namespace ps {

// How a task reports its outcome. Tasks may complete later, from any thread (a probe that
// finishes when its reply arrives on a shared socket); the first completion wins and later
// ones are ignored, so a task can never finish twice.
class TaskCompletion
{
public:
    using ResultFn = std::function<void(const QCborValue &)>;
    using ErrorFn = std::function<void(std::exception_ptr)>;

    TaskCompletion(QString worker, ResultFn onResult, ErrorFn onError);
    // Completes `promise` directly: what an executor's pool thread uses (one allocation per
    // task instead of three).
    TaskCompletion(QString worker, Promise<QCborValue> promise);

    QString worker() const { return d->worker; }  // thread name or "pid N", for the result
    void setResult(const QCborValue &value) const;
    void setException(std::exception_ptr exception) const;

private:
    struct State
    {
        QString worker;
        ResultFn onResult;
        ErrorFn onError;
        std::optional<Promise<QCborValue>> promise;
        std::atomic_bool completed{false};
    };
    std::shared_ptr<State> d;
};

// Tasks are registered by name: a process pool cannot ship a C++ function to another process
// the way Python pickles one, so both executor modes run tasks looked up by name, with CBOR
// arguments and results. The same registry is filled in the app and in pingsweep-worker.
class TaskRegistry
{
public:
    using AsyncTask = std::function<void(const QCborValue &argument, const TaskCompletion &done)>;
    using SyncTask = std::function<QCborValue(const QCborValue &argument)>;

    void addAsync(const QString &name, const AsyncTask &task);
    void add(const QString &name, SyncTask task);  // runs to completion in its thread

    bool contains(const QString &name) const { return m_tasks.contains(name); }
    QStringList names() const { return m_tasks.keys(); }

    // Runs the named task; every failure (unknown name, a throw) reaches `done`.
    void run(const QString &name, const QCborValue &argument, const TaskCompletion &done) const;

private:
    QHash<QString, AsyncTask> m_tasks;
};

} // namespace ps
