#pragma once

#include "uint128.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <memory_resource>

namespace ps {

// A union of closed intervals of addresses, kept as sorted, disjoint, non-adjacent runs, so a
// /8 is one entry and every question is a logarithmic lookup, never a walk over addresses.
class IntervalSet
{
public:
    IntervalSet() = default;
    IntervalSet(const IntervalSet &other);
    IntervalSet &operator=(const IntervalSet &other);
    IntervalSet(IntervalSet &&) noexcept = default;
    IntervalSet &operator=(IntervalSet &&) noexcept = default;
    ~IntervalSet() = default;

    bool isEmpty() const { return runs().empty(); }

    void insert(const UInt128 &first, const UInt128 &last)
    {
        insert(first, last, [](const UInt128 &, const UInt128 &) {});
    }

    // Inserts [first, last] and calls newPart(first, last) for each maximal part of it the set
    // did not hold before, ascending: one descent of the tree instead of a lookup and an insert.
    template <typename F>
    void insert(const UInt128 &first, const UInt128 &last, F newPart);

    // f(first, last) for each maximal part of [first, last] the set does not hold, ascending.
    template <typename F>
    void forEachGap(const UInt128 &first, const UInt128 &last, F f) const;

    // f(first, last) for each maximal part of [first, last] the set holds, ascending.
    template <typename F>
    void forEachOverlap(const UInt128 &first, const UInt128 &last, F f) const;

    // f(first, last) for every run, ascending.
    template <typename F>
    void forEachRun(F f) const
    {
        for (const auto &[first, last] : runs())
            f(first, last);
    }

    // Where x stands: inside a run (and where that run ends), or before the next run if any.
    struct Position
    {
        bool inside = false;
        UInt128 runLast;          // when inside
        bool hasNext = false;
        UInt128 nextFirst;        // when not inside and hasNext
    };
    Position locate(const UInt128 &x) const;

private:
    using Runs = std::pmr::map<UInt128, UInt128>;  // first -> last

    // A million single addresses are a million tree nodes. A monotonic buffer hands them out
    // from big blocks and frees the blocks at once, where malloc would be asked a million
    // times each way (a third of a million-line import's time went to freeing nodes). It
    // never reuses freed memory, so insert() reuses the node of a run it merges instead of
    // allocating: memory then grows only with runs that were new when added. Held by pointer
    // so a moved IntervalSet takes its nodes' memory with it.
    struct Storage
    {
        std::pmr::monotonic_buffer_resource memory;
        Runs runs{&memory};
    };

    const Runs &runs() const;
    Runs &mutableRuns();

    // The first run that ends at or after x.
    template <typename Map>
    static auto firstEndingAtOrAfter(Map &runs, const UInt128 &x)
    {
        auto it = runs.upper_bound(x);
        if (it != runs.begin()) {
            const auto previous = std::prev(it);
            if (previous->second >= x)
                return previous;
        }
        return it;
    }

    std::unique_ptr<Storage> m_storage;  // created by the first insert
};

template <typename F>
void IntervalSet::insert(const UInt128 &first, const UInt128 &last, F newPart)
{
    Runs &map = mutableRuns();
    // Ascending input (sorted files, octet ranges) lands past the last run: no descent at all.
    if (map.empty() || (first > map.rbegin()->second && map.rbegin()->second.plusOne() != first)) {
        newPart(first, last);
        map.emplace_hint(map.end(), first, last);
        return;
    }
    UInt128 mergedFirst = first;
    UInt128 mergedLast = last;
    UInt128 position = first;  // start of what is not yet known to be held
    bool covered = false;      // [first, last] fully accounted for
    // Runs that touch [first, last] merge with it; so do runs right beside it, which keeps
    // a sorted list of single addresses down to one run.
    auto it = first.isZero() ? map.begin() : firstEndingAtOrAfter(map, first.minusOne());
    Runs::node_type reused;
    while (it != map.end() && (it->first <= last || (!last.isMax() && it->first == last.plusOne()))) {
        if (!covered) {
            if (it->first > position)
                newPart(position, std::min(it->first.minusOne(), last));
            if (it->second >= last)
                covered = true;
            else if (it->second >= position)
                position = it->second.plusOne();
        }
        mergedFirst = std::min(mergedFirst, it->first);
        mergedLast = std::max(mergedLast, it->second);
        if (reused.empty()) {
            const auto next = std::next(it);
            reused = map.extract(it);
            it = next;
        } else {
            it = map.erase(it);
        }
    }
    if (!covered)
        newPart(position, last);
    if (reused.empty()) {
        map.emplace_hint(it, mergedFirst, mergedLast);
    } else {
        reused.key() = mergedFirst;
        reused.mapped() = mergedLast;
        map.insert(it, std::move(reused));
    }
}

template <typename F>
void IntervalSet::forEachGap(const UInt128 &first, const UInt128 &last, F f) const
{
    UInt128 position = first;
    const Runs &map = runs();
    for (auto it = firstEndingAtOrAfter(map, first); it != map.end() && it->first <= last; ++it) {
        if (it->first > position)
            f(position, it->first.minusOne());
        if (it->second >= last)
            return;
        position = it->second.plusOne();  // it->second < last, so this cannot wrap
    }
    f(position, last);
}

template <typename F>
void IntervalSet::forEachOverlap(const UInt128 &first, const UInt128 &last, F f) const
{
    const Runs &map = runs();
    for (auto it = firstEndingAtOrAfter(map, first); it != map.end() && it->first <= last; ++it)
        f(std::max(it->first, first), std::min(it->second, last));
}

} // namespace ps
