#pragma once

#include "errors.h"
#include "future.h"

#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ps {

enum class ReturnWhen { FirstCompleted, FirstException, AllCompleted };

template<typename T>
struct WaitResult
{
    std::vector<Future<T>> done;
    std::vector<Future<T>> notDone;
};

namespace detail {

// Deadline arithmetic shared by wait() and asCompleted(); timeoutMs < 0 is "unbounded".
struct Deadline
{
    explicit Deadline(int timeoutMs)
        : unbounded(timeoutMs < 0),
          at(std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, timeoutMs)))
    {}
    bool passed() const { return !unbounded && std::chrono::steady_clock::now() >= at; }
    bool unbounded;
    std::chrono::steady_clock::time_point at;
};

inline bool failedWithException(const std::shared_ptr<FutureCore> &core)
{
    return core->status() == FutureStatus::Finished && core->exception(0) != nullptr;
}

// Installs one waiter on every core for the duration of a call (RAII).
class WaiterGuard
{
public:
    explicit WaiterGuard(std::vector<std::shared_ptr<FutureCore>> cores)
        : m_cores(std::move(cores)), m_waiter(std::make_shared<Waiter>())
    {
        for (const auto &core : m_cores)
            core->addWaiter(m_waiter);
    }
    ~WaiterGuard()
    {
        for (const auto &core : m_cores)
            core->removeWaiter(m_waiter);
    }
    Q_DISABLE_COPY_MOVE(WaiterGuard)
    Waiter &waiter() { return *m_waiter; }

private:
    std::vector<std::shared_ptr<FutureCore>> m_cores;
    std::shared_ptr<Waiter> m_waiter;
};

template<typename T>
std::vector<Future<T>> unique(const std::vector<Future<T>> &futures)
{
    std::vector<Future<T>> out;
    std::unordered_set<const void *> seen;
    for (const Future<T> &f : futures) {
        if (seen.insert(f.core().get()).second)
            out.push_back(f);
    }
    return out;
}

} // namespace detail

// concurrent.futures.wait: never throws on timeout; returns (done, notDone). A future
// cancelled while pending counts as done (ours: CPython can hang there).
template<typename T>
WaitResult<T> wait(const std::vector<Future<T>> &futures, int timeoutMs = -1,
                   ReturnWhen returnWhen = ReturnWhen::AllCompleted)
{
    const std::vector<Future<T>> all = detail::unique(futures);
    const detail::Deadline deadline(timeoutMs);
    std::vector<std::shared_ptr<detail::FutureCore>> cores;
    for (const auto &f : all)
        cores.push_back(f.core());

    // Counted from the waiter's notifications, so a wake-up costs O(1), not a scan.
    std::unordered_map<const void *, std::shared_ptr<detail::FutureCore>> byAddress;
    for (const auto &core : cores)
        byAddress.emplace(core.get(), core);
    std::unordered_set<const void *> doneSet;
    bool anyException = false;
    auto satisfied = [&] {
        if (doneSet.size() == cores.size())
            return true;
        if (returnWhen == ReturnWhen::FirstCompleted)
            return !doneSet.empty();
        return returnWhen == ReturnWhen::FirstException && anyException;
    };

    {
        detail::WaiterGuard guard(cores); // already-done futures notify at once
        while (!satisfied()) {
            for (const void *p : guard.waiter().take(deadline.at, deadline.unbounded)) {
                if (doneSet.insert(p).second && detail::failedWithException(byAddress.at(p)))
                    anyException = true;
            }
            if (deadline.passed())
                break;
        }
    }

    WaitResult<T> result;
    for (const auto &f : all)
        (f.done() ? result.done : result.notDone).push_back(f);
    return result;
}

// concurrent.futures.as_completed: yields futures already done first, then each as it
// finishes; folds duplicates; works across executors. Throws TimeoutError naming how many
// are unfinished when the timeout (counted from the call) passes.
//     for (const auto &f : asCompleted(futures, 5000)) …
template<typename T>
class AsCompleted
{
public:
    AsCompleted(const std::vector<Future<T>> &futures, int timeoutMs)
        : m_deadline(timeoutMs)
    {
        std::vector<std::shared_ptr<detail::FutureCore>> cores;
        for (const Future<T> &f : detail::unique(futures)) {
            cores.push_back(f.core());
            if (f.done())
                m_ready.push_back(f);
            else
                m_waiting.emplace(f.core().get(), f);
        }
        m_guard = std::make_unique<detail::WaiterGuard>(std::move(cores));
    }

    // The next completed future, or false when every one has been yielded.
    bool next(Future<T> *out)
    {
        while (m_ready.empty()) {
            if (m_waiting.empty())
                return false;
            if (m_deadline.passed()) {
                throw TimeoutError(QStringLiteral("%1 (of %2) futures unfinished")
                                       .arg(m_waiting.size())
                                       .arg(m_waiting.size() + m_yielded));
            }
            for (const void *core : m_guard->waiter().take(m_deadline.at, m_deadline.unbounded))
                collect(core);
        }
        *out = m_ready.front();
        m_ready.erase(m_ready.begin());
        ++m_yielded;
        return true;
    }

    class iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Future<T>;
        using difference_type = std::ptrdiff_t;
        using pointer = const Future<T> *;
        using reference = const Future<T> &;

        explicit iterator(AsCompleted *owner) : m_owner(owner) { advance(); }
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
        AsCompleted *m_owner;
        Future<T> m_current;
    };

    iterator begin() { return iterator(this); }
    iterator end() { return iterator(nullptr); }

private:
    // Moves a future the waiter reported (in completion order) to the ready queue.
    void collect(const void *core)
    {
        auto it = m_waiting.find(core);
        if (it == m_waiting.end())
            return; // reported already (done before the waiter was installed)
        m_ready.push_back(it->second);
        m_waiting.erase(it);
    }

    detail::Deadline m_deadline;
    std::vector<Future<T>> m_ready;
    std::unordered_map<const void *, Future<T>> m_waiting;
    std::size_t m_yielded = 0;
    std::unique_ptr<detail::WaiterGuard> m_guard;
};

template<typename T>
AsCompleted<T> asCompleted(const std::vector<Future<T>> &futures, int timeoutMs = -1)
{
    return AsCompleted<T>(futures, timeoutMs);
}

} // namespace ps
