#pragma once

#include "target.h"

#include <QList>

#include <cstdint>
#include <limits>
#include <vector>

namespace ps {

// An ordered, de-duplicated set of targets that expands lazily: a /8 is a few numbers here and
// becomes 16 million addresses only as a Cursor walks it.
class TargetSet
{
public:
    // A contiguous run of IPv4 addresses, both ends included.
    struct Ipv4Block
    {
        quint32 first = 0;
        quint32 last = 0;
    };

    void addIpv4Block(quint32 first, quint32 last);

    quint64 size() const;
    bool isEmpty() const { return size() == 0; }

    class Cursor
    {
    public:
        explicit Cursor(const TargetSet *set) : m_set(set) {}
        // Writes the next target in order and returns true, or returns false at the end.
        bool next(Target *out);

    private:
        bool seenEarlier(quint32 address) const;

        const TargetSet *m_set;
        std::size_t m_block = 0;
        quint64 m_offset = 0;
    };

    Cursor cursor() const { return Cursor(this); }
    std::vector<Target> toVector(quint64 limit = std::numeric_limits<quint64>::max()) const;

private:
    std::vector<Ipv4Block> m_blocks;
};

} // namespace ps
