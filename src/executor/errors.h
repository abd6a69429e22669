#pragma once

#include <QString>

#include <stdexcept>
#include <string>

namespace ps {

// The executor's errors mirror concurrent.futures: CancelledError, TimeoutError,
// InvalidStateError, BrokenExecutor (with a thread and a process flavour), plus ours.
class ExecutorError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
    explicit ExecutorError(const QString &message) : std::runtime_error(message.toStdString()) {}
};

class CancelledError : public ExecutorError
{
public:
    CancelledError() : ExecutorError("future was cancelled") {}
};

class TimeoutError : public ExecutorError
{
public:
    using ExecutorError::ExecutorError;
};

class InvalidStateError : public ExecutorError
{
public:
    using ExecutorError::ExecutorError;
};

// submit() after shutdown(): Python raises RuntimeError with this text.
class ShutdownError : public ExecutorError
{
public:
    ShutdownError() : ExecutorError("cannot schedule new futures after shutdown") {}
};

class BrokenExecutor : public ExecutorError
{
public:
    using ExecutorError::ExecutorError;
};

class BrokenThreadPool : public BrokenExecutor
{
public:
    using BrokenExecutor::BrokenExecutor;
};

class BrokenProcessPool : public BrokenExecutor
{
public:
    using BrokenExecutor::BrokenExecutor;
};

// (ours) A worker process died while it held this task; the message names the exit status.
class WorkerCrashedError : public ExecutorError
{
public:
    using ExecutorError::ExecutorError;
};

// The task name is not registered (in this process or in the worker).
class UnknownTaskError : public ExecutorError
{
public:
    using ExecutorError::ExecutorError;
};

// A task failed in a worker process with an exception type this process cannot rebuild.
class RemoteTaskError : public ExecutorError
{
public:
    RemoteTaskError(const QString &typeName, const QString &message)
        : ExecutorError(QStringLiteral("%1: %2").arg(typeName, message)), m_typeName(typeName)
    {}
    QString typeName() const { return m_typeName; }

private:
    QString m_typeName;
};

} // namespace ps
