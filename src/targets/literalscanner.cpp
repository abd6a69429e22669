#include "literalscanner.h"

#include "addresssyntax.h"

namespace ps {

namespace {

using namespace syntax;

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t';
}

// The longest IPv6 text with an embedded IPv4 address is 45 characters; anything much longer
// is not an address, and stopping early keeps garbage lines linear.
constexpr qsizetype kMaxIpv6Text = 64;

class Scanner
{
public:
    explicit Scanner(QStringView s) : m_s(s), m_n(s.size()) {}

    std::vector<FoundLiteral> run()
    {
        std::vector<FoundLiteral> found;
        qsizetype i = 0;
        while (i < m_n) {
            const QChar c = m_s[i];
            if (!isHexDigit(c) && c != u':') {
                ++i;
                continue;
            }
            const QChar before = i > 0 ? m_s[i - 1] : QChar(u' ');
            QString literal;
            qsizetype end = -1;
            if (canStartIpv6(before))
                end = matchIpv6(i, &literal);
            if (end < 0 && isDigit(c) && canStartIpv4(before))
                end = matchIpv4(i, &literal);
            if (end > 0) {
                TargetExpression e = TargetExpression::parse(literal);
                if (e.isAddressLike()) {
                    const bool excluded = before == u'!' && (i < 2 || !isWordChar(m_s[i - 2]));
                    e.exclude = excluded;
                    found.push_back({std::move(e), int(excluded ? i : i + 1), literal});
                    i = end;
                    continue;
                }
            }
            ++i;
        }
        return found;
    }

private:
    static bool canStartIpv4(QChar before)
    {
        return !isWordChar(before) && before != u'.' && before != u'-';
    }

    static bool canStartIpv6(QChar before)
    {
        return canStartIpv4(before) && before != u':' && before != u'%';
    }

    // Whether a literal may end right before position e.
    bool endsAt(qsizetype e, bool ipv6) const
    {
        if (e >= m_n)
            return true;
        const QChar c = m_s[e];
        if (isWordChar(c))
            return false;
        const bool wordFollows = e + 1 < m_n && isWordChar(m_s[e + 1]);
        if ((c == u'.' || c == u'-') && wordFollows)
            return false;
        if (ipv6 && c == u':' && wordFollows)
            return false;
        return !(c == u'/' && e + 1 < m_n && isDigit(m_s[e + 1]));
    }

    qsizetype digitsFrom(qsizetype i) const
    {
        qsizetype j = i;
        while (j < m_n && isDigit(m_s[j]))
            ++j;
        return j - i;
    }

    // End of "d.d.d.d" at i (octets may be nmap ranges "1-254" when allowed), or -1.
    qsizetype ipv4Shape(qsizetype i, bool octetRanges) const
    {
        qsizetype j = i;
        for (int part = 0; part < 4; ++part) {
            const qsizetype d = digitsFrom(j);
            if (d < 1 || d > 3)
                return -1;
            j += d;
            if (octetRanges && j + 1 < m_n && m_s[j] == u'-' && isDigit(m_s[j + 1])) {
                const qsizetype d2 = digitsFrom(j + 1);
                if (d2 > 3)
                    return -1;
                j += 1 + d2;
            }
            if (part < 3) {
                if (j + 1 >= m_n || m_s[j] != u'.' || !isDigit(m_s[j + 1]))
                    return -1;
                ++j;
            }
        }
        return j;
    }

    qsizetype matchIpv4(qsizetype i, QString *literal) const
    {
        const qsizetype addressEnd = ipv4Shape(i, false);
        if (addressEnd > 0) {
            // A full range, with or without blanks around the dash.
            qsizetype k = addressEnd;
            while (k < m_n && isBlank(m_s[k]))
                ++k;
            if (k < m_n && m_s[k] == u'-') {
                ++k;
                while (k < m_n && isBlank(m_s[k]))
                    ++k;
                const qsizetype rangeEnd = k < m_n && isDigit(m_s[k]) ? ipv4Shape(k, false) : -1;
                if (rangeEnd > 0 && endsAt(rangeEnd, false)) {
                    *literal = m_s.mid(i, addressEnd - i) + u'-' + m_s.mid(k, rangeEnd - k);
                    return rangeEnd;
                }
            }
            if (addressEnd + 1 < m_n && m_s[addressEnd] == u'/' && isDigit(m_s[addressEnd + 1])) {
                const qsizetype cidrEnd = addressEnd + 1 + digitsFrom(addressEnd + 1);
                if (!endsAt(cidrEnd, false))
                    return -1;
                *literal = m_s.mid(i, cidrEnd - i).toString();
                return cidrEnd;
            }
        }
        const qsizetype end = ipv4Shape(i, true);
        if (end < 0 || !endsAt(end, false))
            return -1;
        *literal = m_s.mid(i, end - i).toString();
        return end;
    }

    // End of a valid IPv6 address (with zone id) at i, trailing punctuation left out, or -1.
    qsizetype ipv6AddressEnd(qsizetype i) const
    {
        qsizetype j = i;
        int colons = 0;
        while (j < m_n && (isHexDigit(m_s[j]) || m_s[j] == u':' || m_s[j] == u'.')) {
            colons += m_s[j] == u':' ? 1 : 0;
            if (++j - i > kMaxIpv6Text)
                return -1;
        }
        if (colons < 2)
            return -1;
        qsizetype end = j;
        if (j < m_n && m_s[j] == u'%') {
            ++end;
            while (end < m_n && isZoneChar(m_s[end]) && end - i <= kMaxIpv6Text)
                ++end;
        }
        UInt128 address;
        QString zone;
        while (end > i) {
            if (parseIpv6(m_s.mid(i, end - i), &address, &zone))
                return end;
            const QChar last = m_s[end - 1];
            if (last != u'.' && last != u':' && last != u'-' && last != u'%')
                return -1;
            --end;
        }
        return -1;
    }

    qsizetype matchIpv6(qsizetype i, QString *literal) const
    {
        const qsizetype addressEnd = ipv6AddressEnd(i);
        if (addressEnd < 0)
            return -1;
        qsizetype end = addressEnd;
        if (addressEnd + 1 < m_n && m_s[addressEnd] == u'/' && isDigit(m_s[addressEnd + 1])) {
            end = addressEnd + 1 + digitsFrom(addressEnd + 1);
        } else if (addressEnd + 1 < m_n && m_s[addressEnd] == u'-') {
            const qsizetype rangeEnd = ipv6AddressEnd(addressEnd + 1);
            if (rangeEnd > 0 && endsAt(rangeEnd, true))
                end = rangeEnd;
        }
        if (!endsAt(end, true))
            return -1;
        *literal = m_s.mid(i, end - i).toString();
        return end;
    }

    QStringView m_s;
    qsizetype m_n;
};

} // namespace

std::vector<FoundLiteral> LiteralScanner::scan(QStringView text)
{
    return Scanner(text).run();
}

} // namespace ps
