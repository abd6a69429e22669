#include "targetset.h"

#include <algorithm>

namespace ps {

namespace {

void ordered(UInt128 *first, UInt128 *last)
{
    if (*last < *first)
        std::swap(*first, *last);
}

} // namespace

void TargetSet::swap(TargetSet &other) noexcept
{
    std::swap(m_spaces, other.m_spaces);
    m_zoneSpaces.swap(other.m_zoneSpaces);
    std::swap(m_items, other.m_items);
    m_hostnames.swap(other.m_hostnames);
    m_hostnameSet.swap(other.m_hostnameSet);
    m_excludedHostnames.swap(other.m_excludedHostnames);
    std::swap(m_count, other.m_count);
}

int TargetSet::existingSpaceIndex(AddressFamily family, const QString &zone) const
{
    if (m_spaces.empty())
        return -1;
    if (family == AddressFamily::IPv4)
        return 0;
    if (zone.isEmpty())
        return 1;
    return m_zoneSpaces.value(zone, -1);
}

int TargetSet::spaceIndex(AddressFamily family, const QString &zone)
{
    if (m_spaces.empty()) {
        m_spaces.push_back({AddressFamily::IPv4, QString(), {}, {}});
        m_spaces.push_back({AddressFamily::IPv6, QString(), {}, {}});
    }
    const int existing = existingSpaceIndex(family, zone);
    if (existing >= 0)
        return existing;
    const int index = int(m_spaces.size());
    m_spaces.push_back({AddressFamily::IPv6, zone, {}, {}});
    m_zoneSpaces.insert(zone, index);
    return index;
}

void TargetSet::appendItem(int space, const UInt128 &first, const UInt128 &last)
{
    // A list of consecutive addresses (sorted input) collapses into one item.
    if (!m_items.empty()) {
        Item &back = m_items.back();
        if (back.space == space && !back.last.isMax() && back.last.plusOne() == first) {
            back.last = last;
            return;
        }
    }
    m_items.push_back({first, last, space});
}

void TargetSet::addRange(const AddressRange &range)
{
    UInt128 first = range.first;
    UInt128 last = range.last;
    ordered(&first, &last);
    const int index = spaceIndex(range.family, range.zone);
    Space &space = m_spaces[std::size_t(index)];
    // Only the parts nobody added before become items, so items never overlap and the cursor
    // never has to ask "did I yield this already?".
    space.covered.insert(first, last, [&](const UInt128 &a, const UInt128 &b) {
        appendItem(index, a, b);
        m_count.addSpan(a, b);
        space.excluded.forEachOverlap(a, b, [&](const UInt128 &x, const UInt128 &y) { m_count.subtractSpan(x, y); });
    });
}

void TargetSet::excludeRange(const AddressRange &range)
{
    UInt128 first = range.first;
    UInt128 last = range.last;
    ordered(&first, &last);
    Space &space = m_spaces[std::size_t(spaceIndex(range.family, range.zone))];
    space.excluded.forEachGap(first, last, [&](const UInt128 &a, const UInt128 &b) {
        space.covered.forEachOverlap(a, b, [&](const UInt128 &x, const UInt128 &y) { m_count.subtractSpan(x, y); });
    });
    space.excluded.insert(first, last);
}

void TargetSet::addHostname(const QString &name)
{
    const QString key = name.toLower();
    if (m_hostnameSet.contains(key))
        return;
    m_hostnameSet.insert(key);
    m_items.push_back({UInt128{0, quint64(m_hostnames.size())}, UInt128{}, kHostnameItem});
    m_hostnames.append(key);
    if (!m_excludedHostnames.contains(key))
        m_count.add(1);
}

void TargetSet::excludeHostname(const QString &name)
{
    const QString key = name.toLower();
    if (m_excludedHostnames.contains(key))
        return;
    m_excludedHostnames.insert(key);
    if (m_hostnameSet.contains(key))
        m_count.subtract(1);
}

void TargetSet::merge(TargetSet &&other)
{
    // Merging into an empty set (the first file of several) is a move, not a rebuild.
    if (m_items.empty() && m_excludedHostnames.isEmpty()
        && std::all_of(m_spaces.begin(), m_spaces.end(), [](const Space &s) { return s.excluded.isEmpty(); })) {
        TargetSet taken(std::move(other));
        swap(taken);
        return;
    }
    merge(std::as_const(other));
}

void TargetSet::merge(const TargetSet &other)
{
    if (&other == this)
        return;  // everything is there already, and the loops below must not feed themselves
    for (const Item &item : other.m_items) {
        if (item.space == kHostnameItem) {
            addHostname(other.m_hostnames.at(qsizetype(item.first.lo)));
        } else {
            const Space &space = other.m_spaces[std::size_t(item.space)];
            addRange({space.family, space.zone, item.first, item.last});
        }
    }
    for (const Space &space : other.m_spaces) {
        space.excluded.forEachRun([&](const UInt128 &a, const UInt128 &b) {
            excludeRange({space.family, space.zone, a, b});
        });
    }
    for (const QString &name : other.m_excludedHostnames)
        excludeHostname(name);
}

void TargetSet::exclude(const TargetSet &other)
{
    if (&other == this) {
        // Excluding a set from itself needs a snapshot of it first.
        const TargetSet copy = other;  // NOLINT(performance-unnecessary-copy-initialization)
        return exclude(copy);
    }
    for (const Space &space : other.m_spaces) {
        space.covered.forEachRun([&](const UInt128 &a, const UInt128 &b) {
            space.excluded.forEachGap(a, b, [&](const UInt128 &x, const UInt128 &y) {
                excludeRange({space.family, space.zone, x, y});
            });
        });
    }
    for (const QString &name : other.m_hostnames) {
        if (!other.m_excludedHostnames.contains(name))
            excludeHostname(name);
    }
}

bool TargetSet::contains(const Target &target) const
{
    if (target.isHostname()) {
        const QString key = target.text.toLower();
        return m_hostnameSet.contains(key) && !m_excludedHostnames.contains(key);
    }
    UInt128 value;
    AddressFamily family = AddressFamily::IPv4;
    if (target.address.protocol() == QAbstractSocket::IPv4Protocol) {
        value.lo = target.address.toIPv4Address();
    } else {
        family = AddressFamily::IPv6;
        value = UInt128::fromBytes(target.address.toIPv6Address().c);
    }
    const int index = existingSpaceIndex(family, target.address.scopeId());
    if (index < 0)
        return false;
    const Space &space = m_spaces[std::size_t(index)];
    return space.covered.locate(value).inside && !space.excluded.locate(value).inside;
}

Target TargetSet::makeTarget(int index, const UInt128 &address) const
{
    const Space &space = m_spaces[std::size_t(index)];
    Target t;
    if (space.family == AddressFamily::IPv4) {
        t.address = QHostAddress(quint32(address.lo));
    } else {
        quint8 bytes[16];
        address.toBytes(bytes);
        t.address = QHostAddress(bytes);
        if (!space.zone.isEmpty())
            t.address.setScopeId(space.zone);
    }
    t.text = t.address.toString();
    return t;
}

bool TargetSet::Cursor::next(Target *out)
{
    while (m_item < m_set->m_items.size()) {
        const Item &item = m_set->m_items[m_item];
        if (item.space != kHostnameItem) {
            if (nextAddress(out))
                return true;
            continue;  // nextAddress moved on to the next item
        }
        ++m_item;
        const QString &name = m_set->m_hostnames.at(qsizetype(item.first.lo));
        if (m_set->m_excludedHostnames.contains(name))
            continue;
        out->text = name;
        out->address = QHostAddress();
        return true;
    }
    return false;
}

bool TargetSet::Cursor::nextAddress(Target *out)
{
    const Item &item = m_set->m_items[m_item];
    const IntervalSet &excluded = m_set->m_spaces[std::size_t(item.space)].excluded;
    if (!m_inItem) {
        m_inItem = true;
        m_haveRun = false;
        m_next = item.first;
    }
    auto finishItem = [this] {
        ++m_item;
        m_inItem = false;
        return false;
    };
    // Runs between exclusions are walked without lookups; one lookup per run, not per address.
    while (!m_haveRun) {
        const IntervalSet::Position p = excluded.locate(m_next);
        if (p.inside) {
            if (p.runLast >= item.last)
                return finishItem();
            m_next = p.runLast.plusOne();
            continue;
        }
        m_runEnd = p.hasNext ? std::min(item.last, p.nextFirst.minusOne()) : item.last;
        m_haveRun = true;
    }
    *out = m_set->makeTarget(item.space, m_next);
    if (m_next == item.last) {
        finishItem();
    } else {
        if (m_next == m_runEnd)
            m_haveRun = false;
        m_next = m_next.plusOne();
    }
    return true;
}

std::vector<Target> TargetSet::toVector(quint64 limit) const
{
    std::vector<Target> targets;
    const quint64 worthReserving = 1u << 20;  // a huge limit must not become a huge allocation
    targets.reserve(std::size_t(std::min({limit, size(), worthReserving})));
    Cursor c = cursor();
    Target t;
    while (targets.size() < limit && c.next(&t))
        targets.push_back(t);
    return targets;
}

} // namespace ps
