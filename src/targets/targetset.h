#pragma once

#include "intervalset.h"
#include "target.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <limits>
#include <vector>

namespace ps {

enum class AddressFamily { IPv4, IPv6 };

// A run of consecutive addresses of one family, both ends included. IPv6 addresses with a zone
// id ("fe80::1%eth0") live in a space of their own per zone: they are different targets.
struct AddressRange
{
    AddressFamily family = AddressFamily::IPv4;
    QString zone;
    UInt128 first;
    UInt128 last;
};

// An ordered, de-duplicated set of targets that expands lazily: a /8 is two numbers here and
// becomes 16 million addresses only as a Cursor walks it.
//
// Order is the order of first appearance. Exclusions are global: they remove targets added
// before and after them, and from sets merged in later.
class TargetSet
{
public:
    TargetSet() = default;
    TargetSet(const TargetSet &) = default;
    TargetSet &operator=(const TargetSet &) = default;
    // A moved-from set is empty and usable, not merely "valid but unspecified".
    TargetSet(TargetSet &&other) noexcept { swap(other); }
    TargetSet &operator=(TargetSet &&other) noexcept
    {
        TargetSet moved(std::move(other));
        swap(moved);
        return *this;
    }
    void swap(TargetSet &other) noexcept;

    void addRange(const AddressRange &range);          // ends in either order
    void addHostname(const QString &name);             // a valid DNS name; compared case-blind
    void excludeRange(const AddressRange &range);
    void excludeHostname(const QString &name);

    // Appends other's targets after ours (skipping those we hold) and takes over its exclusions.
    void merge(const TargetSet &other);
    void merge(TargetSet &&other);
    // Removes every target other holds (what its cursor would yield), as `--exclude` does.
    void exclude(const TargetSet &other);

    // Exact up to 2^64 - 1, then saturated: ::/0 reports 18446744073709551615.
    quint64 size() const { return m_count.saturated(); }
    bool isSizeExact() const { return m_count.fitsIn64(); }
    QString sizeText() const { return m_count.toString(); }  // exact even for ::/0
    bool isEmpty() const { return m_count.isZero(); }

    // Whether the cursor would yield this target (a logarithmic lookup, not a walk).
    bool contains(const Target &target) const;

    // Walks the targets in order without materialising them; the set must outlive it.
    class Cursor
    {
    public:
        explicit Cursor(const TargetSet *set) : m_set(set) {}
        // Writes the next target in order and returns true, or returns false at the end.
        bool next(Target *out);

    private:
        bool nextAddress(Target *out);

        const TargetSet *m_set;
        std::size_t m_item = 0;
        bool m_inItem = false;
        bool m_haveRun = false;
        UInt128 m_next;     // next address to consider in the current item
        UInt128 m_runEnd;   // last address before the next exclusion (or the item's end)
    };

    Cursor cursor() const { return Cursor(this); }
    std::vector<Target> toVector(quint64 limit = std::numeric_limits<quint64>::max()) const;

private:
    // One address space: IPv4, IPv6, or IPv6 within one zone.
    struct Space
    {
        AddressFamily family;
        QString zone;
        IntervalSet covered;   // every address ever added, excluded or not
        IntervalSet excluded;
    };

    // A piece of the ordered list: addresses no earlier item covered, or one hostname.
    struct Item
    {
        UInt128 first;
        UInt128 last;
        int space = 0;  // kHostnameItem: first.lo indexes m_hostnames
    };
    static constexpr int kHostnameItem = -1;

    int spaceIndex(AddressFamily family, const QString &zone);
    int existingSpaceIndex(AddressFamily family, const QString &zone) const;  // -1 if none
    void appendItem(int space, const UInt128 &first, const UInt128 &last);
    Target makeTarget(int space, const UInt128 &address) const;

    std::vector<Space> m_spaces;         // [0] IPv4, [1] IPv6 without zone, then one per zone;
                                         // empty until the first address arrives
    QHash<QString, int> m_zoneSpaces;
    std::vector<Item> m_items;
    QStringList m_hostnames;             // in order, lower-cased
    QSet<QString> m_hostnameSet;
    QSet<QString> m_excludedHostnames;
    WideCount m_count;                   // targets the cursor will yield
};

} // namespace ps
