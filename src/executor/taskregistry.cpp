#include "taskregistry.h"

#include "errors.h"

namespace ps {

TaskCompletion::TaskCompletion(QString worker, ResultFn onResult, ErrorFn onError)
    : d(std::make_shared<State>())
{
    d->worker = std::move(worker);
    d->onResult = std::move(onResult);
    d->onError = std::move(onError);
}

TaskCompletion::TaskCompletion(QString worker, Promise<QCborValue> promise)
    : d(std::make_shared<State>())
{
    d->worker = std::move(worker);
    d->promise = std::move(promise);
}

void TaskCompletion::setResult(const QCborValue &value) const
{
    if (d->completed.exchange(true))
        return;
    if (d->promise)
        d->promise->setResult(value);
    else
        d->onResult(value);
}

void TaskCompletion::setException(std::exception_ptr exception) const
{
    if (d->completed.exchange(true))
        return;
    if (d->promise)
        d->promise->setException(std::move(exception));
    else
        d->onError(std::move(exception));
}

void TaskRegistry::addAsync(const QString &name, const AsyncTask &task)
{
    m_tasks.insert(name, task);
}

void TaskRegistry::add(const QString &name, SyncTask task)
{
    m_tasks.insert(name, [task = std::move(task)](const QCborValue &argument,
                                                  const TaskCompletion &done) {
        done.setResult(task(argument));
    });
}

void TaskRegistry::run(const QString &name, const QCborValue &argument,
                       const TaskCompletion &done) const
{
    const auto it = m_tasks.constFind(name);
    if (it == m_tasks.constEnd()) {
        done.setException(std::make_exception_ptr(
            UnknownTaskError(QStringLiteral("no task named '%1' is registered").arg(name))));
        return;
    }
    // A task's exception is stored in its future; it never escapes into the pool thread
    // (Qt terminates the program when an exception leaves a QRunnable).
    try {
        (*it)(argument, done);
    } catch (...) {
        done.setException(std::current_exception());
    }
}

} // namespace ps
