#include "uint128.h"

#include <algorithm>

namespace ps {

void WideCount::addWords(quint64 lo, quint64 mid)
{
    const quint64 sum0 = m_words[0] + lo;
    const quint64 carry0 = sum0 < lo ? 1 : 0;
    const quint64 sum1 = m_words[1] + mid;
    quint64 carry1 = sum1 < mid ? 1 : 0;
    const quint64 sum1c = sum1 + carry0;
    carry1 += sum1c < carry0 ? 1 : 0;
    m_words[0] = sum0;
    m_words[1] = sum1c;
    m_words[2] += carry1;
}

void WideCount::subtractWords(quint64 lo, quint64 mid)
{
    const quint64 borrow0 = m_words[0] < lo ? 1 : 0;
    m_words[0] -= lo;
    const quint64 need = mid + borrow0;  // cannot wrap unless mid is all ones and borrow0 is 1
    const quint64 borrow1 = (m_words[1] < need || (borrow0 && need == 0)) ? 1 : 0;
    m_words[1] -= need;
    m_words[2] -= borrow1;
}

void WideCount::add(quint64 n)
{
    addWords(n, 0);
}

void WideCount::subtract(quint64 n)
{
    subtractWords(n, 0);
}

void WideCount::addSpan(const UInt128 &first, const UInt128 &last)
{
    const UInt128 d = last - first;
    addWords(d.lo, d.hi);
    add(1);
}

void WideCount::subtractSpan(const UInt128 &first, const UInt128 &last)
{
    const UInt128 d = last - first;
    subtractWords(d.lo, d.hi);
    subtract(1);
}

QString WideCount::toString() const
{
    // Long division by 10^9 over 32-bit limbs keeps every intermediate inside 64 bits.
    quint32 limbs[6];
    for (std::size_t i = 0; i < 3; ++i) {
        limbs[2 * i] = quint32(m_words[i]);
        limbs[2 * i + 1] = quint32(m_words[i] >> 32);
    }
    QString digits;
    auto isZeroLimbs = [&] { return std::all_of(limbs, limbs + 6, [](quint32 l) { return l == 0; }); };
    do {
        quint64 remainder = 0;
        for (int i = 5; i >= 0; --i) {
            const quint64 current = (remainder << 32) | limbs[i];
            limbs[i] = quint32(current / 1000000000u);
            remainder = current % 1000000000u;
        }
        const QString chunk = QString::number(remainder);
        digits.prepend(isZeroLimbs() ? chunk : chunk.rightJustified(9, u'0'));
    } while (!isZeroLimbs());
    return digits;
}

} // namespace ps
