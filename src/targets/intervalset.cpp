#include "intervalset.h"

#include <algorithm>

namespace ps {

IntervalSet::IntervalSet(const IntervalSet &other)
{
    if (!other.isEmpty())
        mutableRuns().insert(other.runs().begin(), other.runs().end());
}

IntervalSet &IntervalSet::operator=(const IntervalSet &other)
{
    if (this != &other) {
        IntervalSet copy(other);
        m_storage = std::move(copy.m_storage);
    }
    return *this;
}

const IntervalSet::Runs &IntervalSet::runs() const
{
    static const Runs none;
    return m_storage ? m_storage->runs : none;
}

IntervalSet::Runs &IntervalSet::mutableRuns()
{
    if (!m_storage)
        m_storage = std::make_unique<Storage>();
    return m_storage->runs;
}

IntervalSet::Position IntervalSet::locate(const UInt128 &x) const
{
    Position p;
    const Runs &map = runs();
    const auto it = firstEndingAtOrAfter(map, x);
    if (it == map.end())
        return p;
    if (it->first <= x) {
        p.inside = true;
        p.runLast = it->second;
    } else {
        p.hasNext = true;
        p.nextFirst = it->first;
    }
    return p;
}

} // namespace ps
