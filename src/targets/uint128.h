#pragma once

#include <QString>
#include <QtGlobal>

namespace ps {

// One IPv6 address as a number (IPv4 uses only `lo`). Hand-rolled because unsigned __int128 is
// a compiler extension that -Wpedantic rejects, and we need very few operations.
struct UInt128
{
    quint64 hi = 0;
    quint64 lo = 0;

    static constexpr UInt128 max() { return {~quint64(0), ~quint64(0)}; }

    // Network byte order, as in Q_IPV6ADDR.
    static UInt128 fromBytes(const quint8 *bytes)
    {
        UInt128 value;
        for (int i = 0; i < 8; ++i) {
            value.hi = (value.hi << 8) | bytes[i];
            value.lo = (value.lo << 8) | bytes[8 + i];
        }
        return value;
    }
    void toBytes(quint8 *bytes) const
    {
        for (int i = 0; i < 8; ++i) {
            bytes[i] = quint8(hi >> (56 - 8 * i));
            bytes[8 + i] = quint8(lo >> (56 - 8 * i));
        }
    }
    bool isMax() const { return hi == ~quint64(0) && lo == ~quint64(0); }
    bool isZero() const { return hi == 0 && lo == 0; }

    // Both wrap around; callers check isMax()/isZero() first where that matters.
    UInt128 plusOne() const { return lo == ~quint64(0) ? UInt128{hi + 1, 0} : UInt128{hi, lo + 1}; }
    UInt128 minusOne() const { return lo == 0 ? UInt128{hi - 1, ~quint64(0)} : UInt128{hi, lo - 1}; }

    friend UInt128 operator-(const UInt128 &a, const UInt128 &b)
    {
        return {a.hi - b.hi - (a.lo < b.lo ? 1 : 0), a.lo - b.lo};
    }
    friend bool operator==(const UInt128 &a, const UInt128 &b) { return a.hi == b.hi && a.lo == b.lo; }
    friend bool operator!=(const UInt128 &a, const UInt128 &b) { return !(a == b); }
    friend bool operator<(const UInt128 &a, const UInt128 &b)
    {
        return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
    }
    friend bool operator>(const UInt128 &a, const UInt128 &b) { return b < a; }
    friend bool operator<=(const UInt128 &a, const UInt128 &b) { return !(b < a); }
    friend bool operator>=(const UInt128 &a, const UInt128 &b) { return !(a < b); }
};

// An exact count of addresses. One IPv6 space alone holds 2^128 addresses, one more than
// UInt128 can hold, and a set can hold several such spaces (one per zone id), so 192 bits.
class WideCount
{
public:
    void add(quint64 n);
    void subtract(quint64 n);
    void addSpan(const UInt128 &first, const UInt128 &last);       // adds last - first + 1
    void subtractSpan(const UInt128 &first, const UInt128 &last);

    bool isZero() const { return m_words[0] == 0 && m_words[1] == 0 && m_words[2] == 0; }
    bool fitsIn64() const { return m_words[1] == 0 && m_words[2] == 0; }
    quint64 saturated() const { return fitsIn64() ? m_words[0] : ~quint64(0); }
    QString toString() const;  // decimal, exact

private:
    void addWords(quint64 lo, quint64 mid);
    void subtractWords(quint64 lo, quint64 mid);

    quint64 m_words[3] = {0, 0, 0};  // least significant first
};

} // namespace ps
