#pragma once

#include "future.h"

#include <QCborValue>
#include <QList>
#include <QString>

#include <vector>

namespace ps {

class MapResult;

// One interface, two interchangeable modes (ThreadPoolExecutor, ProcessPoolExecutor):
// switching between them changes the line that constructs the executor, nothing else.
// Tasks are named (see TaskRegistry). Calling an executor from inside one of its own tasks
// is forbidden, as in CPython (it can deadlock a full pool).
class Executor
{
public:
    virtual ~Executor() = default;

    // Returns a Pending future at once. Throws ShutdownError after shutdown() and the
    // Broken* error on a broken pool.
    virtual Future<QCborValue> submit(const QString &task, const QCborValue &argument) = 0;

    // submit() for many arguments at once, futures in argument order, queued under one lock
    // with one wake-up: a sweep hands its probes over this way, thousands a second. Throws
    // like submit() (shut down, broken), and then queues none of them.
    virtual std::vector<Future<QCborValue>> submitMany(const QString &task,
                                                       const QList<QCborValue> &arguments) = 0;

    // Idempotent. Blocks new submits; cancelPending cancels only futures not yet started;
    // wait returns once running work finished and the workers are joined. Without wait, the
    // workers (threads, processes) still finish what is queued and then leave on their own.
    virtual void shutdown(bool wait = true, bool cancelPending = false) = 0;

    virtual QString modeName() const = 0;  // "thread" or "process"
    virtual int maxWorkers() const = 0;

    // concurrent.futures.Executor.map: submits every item now, yields results in input order;
    // the timeout runs from this call. chunkSize > 1 groups items into one task where the
    // mode gains from it (process mode); thread mode ignores it, as CPython does.
    MapResult map(const QString &task, const QList<QCborValue> &items, int timeoutMs = -1,
                  int chunkSize = 1);

protected:
    Executor() = default;
    // Mode-specific: one task that runs `task` on every item and returns the per-item
    // outcomes (see MapResult). The default runs no chunks (chunk size 1).
    virtual bool supportsChunks() const { return false; }
    Q_DISABLE_COPY_MOVE(Executor)
};

// Results of Executor::map, in input order. Stops at the first error or at the timeout,
// rethrowing it; on that error, the timeout or when the consumer stops early (destruction),
// every future not yet yielded is cancelled (running ones finish).
class MapResult
{
public:
    MapResult(std::vector<Future<QCborValue>> futures, int chunkSize, qsizetype itemCount,
              int timeoutMs);
    ~MapResult();
    MapResult(MapResult &&) = default;
    MapResult &operator=(MapResult &&) = delete;
    Q_DISABLE_COPY(MapResult)

    bool next(QCborValue *out);
    QList<QCborValue> toList();  // drains the rest

    class iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = QCborValue;
        using difference_type = std::ptrdiff_t;
        using pointer = const QCborValue *;
        using reference = const QCborValue &;

        explicit iterator(MapResult *owner) : m_owner(owner) { advance(); }
        reference operator*() const { return m_current; }
        iterator &operator++()
        {
            advance();
            return *this;
        }
        bool operator!=(const iterator &other) const { return m_owner != other.m_owner; }

    private:
        void advance()
        {
            if (m_owner && !m_owner->next(&m_current))
                m_owner = nullptr;
        }
        MapResult *m_owner;
        QCborValue m_current;
    };
    iterator begin() { return iterator(this); }
    iterator end() { return iterator(nullptr); }

private:
    void cancelRemaining();
    int remainingMs() const;

    std::vector<Future<QCborValue>> m_futures;
    int m_chunkSize;
    qsizetype m_itemCount;
    qsizetype m_position = 0;
    bool m_unbounded;
    std::chrono::steady_clock::time_point m_deadline;
};

} // namespace ps
