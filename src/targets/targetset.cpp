#include "targetset.h"

#include <algorithm>

namespace ps {

QString TargetIssue::toString() const
{
    return QStringLiteral("line %1, column %2: '%3' %4").arg(line).arg(column).arg(token, message);
}

void TargetSet::addIpv4Block(quint32 first, quint32 last)
{
    if (first > last)
        std::swap(first, last);
    m_blocks.push_back({first, last});
}

quint64 TargetSet::size() const
{
    // Size of the union of all blocks: sort copies and merge overlaps.
    std::vector<Ipv4Block> sorted = m_blocks;
    std::sort(sorted.begin(), sorted.end(),
              [](const Ipv4Block &a, const Ipv4Block &b) { return a.first < b.first; });
    quint64 total = 0;
    quint64 coveredUpTo = 0; // one past the highest address counted so far
    for (const Ipv4Block &b : sorted) {
        const quint64 begin = std::max<quint64>(b.first, coveredUpTo);
        const quint64 end = quint64(b.last) + 1;
        if (end > begin) {
            total += end - begin;
            coveredUpTo = end;
        }
    }
    return total;
}

bool TargetSet::Cursor::seenEarlier(quint32 address) const
{
    for (std::size_t i = 0; i < m_block; ++i) {
        const Ipv4Block &b = m_set->m_blocks[i];
        if (address >= b.first && address <= b.last)
            return true;
    }
    return false;
}

bool TargetSet::Cursor::next(Target *out)
{
    while (m_block < m_set->m_blocks.size()) {
        const Ipv4Block &b = m_set->m_blocks[m_block];
        const quint64 count = quint64(b.last) - b.first + 1;
        while (m_offset < count) {
            const quint32 address = quint32(b.first + m_offset++);
            if (seenEarlier(address))
                continue;
            out->address = QHostAddress(address);
            out->text = out->address.toString();
            return true;
        }
        ++m_block;
        m_offset = 0;
    }
    return false;
}

std::vector<Target> TargetSet::toVector(quint64 limit) const
{
    std::vector<Target> targets;
    Cursor c = cursor();
    Target t;
    while (targets.size() < limit && c.next(&t))
        targets.push_back(t);
    return targets;
}

} // namespace ps
