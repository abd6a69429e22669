#include "targetexpression.h"

#include "addresssyntax.h"

#include <QHostAddress>

namespace ps {

namespace {

using Kind = TargetExpression::Kind;
using namespace syntax;

AddressRange ipv4Range(quint32 first, quint32 last)
{
    return {AddressFamily::IPv4, QString(), UInt128{0, first}, UInt128{0, last}};
}

bool onlyDigitsDotsDashes(QStringView s)
{
    for (const QChar c : s) {
        if (!isDigit(c) && c != u'.' && c != u'-')
            return false;
    }
    return true;
}

// Prefix lengths are decimal: "/24", not "/255.255.255.0".
int parsePrefix(QStringView text, int maximum)
{
    if (text.isEmpty() || text.size() > 3)
        return -1;
    int value = 0;
    for (const QChar c : text) {
        if (!isDigit(c))
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value <= maximum ? value : -1;
}

UInt128 hostMask(int hostBits)
{
    if (hostBits == 0)
        return {};
    if (hostBits < 64)
        return {0, (quint64(1) << hostBits) - 1};
    if (hostBits < 128)
        return {(quint64(1) << (hostBits - 64)) - 1, ~quint64(0)};
    return UInt128::max();
}

class Parser
{
public:
    using CidrHosts = TargetExpression::CidrHosts;

    Parser(TargetExpression *e, CidrHosts mode) : m_e(e), m_mode(mode) {}

    void parse(QStringView s)
    {
        if (s.startsWith(u'!')) {
            m_e->exclude = true;
            s = s.mid(1);
            if (s.isEmpty())
                return fail(QStringLiteral("needs a target right after the '!'"));
        }
        if (s.isEmpty())
            return fail(QStringLiteral("is empty"));
        if (s.startsWith(u'-'))
            return fail(QStringLiteral("starts with '-' and looks like an option, not a target"));
        if (s.contains(u'/'))
            return parseCidr(s);
        if (s.contains(u':'))
            return parseIpv6(s);
        if (onlyDigitsDotsDashes(s)) {
            if (s.contains(u'-'))
                return parseIpv4Range(s);
            if (!s.contains(u'.'))
                return fail(QStringLiteral("is not an address, range, CIDR block or host name"));
            return parseIpv4Address(s);
        }
        parseHostname(s);
    }

private:
    void fail(const QString &message)
    {
        m_e->kind = Kind::Invalid;
        m_e->ranges.clear();
        m_e->error = message;
    }

    void parseIpv4Address(QStringView s)
    {
        quint32 address = 0;
        QString why;
        if (!parseIpv4(s, &address, &why))
            return fail(why);
        m_e->kind = Kind::Address;
        m_e->ranges.push_back(ipv4Range(address, address));
    }

    void parseIpv6(QStringView s)
    {
        UInt128 address;
        QString zone;
        // A zone id may hold '-' ("br-lan"), so the whole text is tried as one address first.
        if (syntax::parseIpv6(s, &address, &zone)) {
            m_e->kind = Kind::Address;
            m_e->ranges.push_back({AddressFamily::IPv6, zone, address, address});
            return;
        }
        for (qsizetype dash = s.indexOf(u'-'); dash >= 0; dash = s.indexOf(u'-', dash + 1)) {
            UInt128 first, last;
            QString firstZone, lastZone;
            const QStringView left = s.left(dash);
            const QStringView right = s.mid(dash + 1);
            quint32 v4 = 0;
            if ((syntax::parseIpv6(left, &first, &firstZone) && parseIpv4(right, &v4))
                || (parseIpv4(left, &v4) && syntax::parseIpv6(right, &last, &lastZone)))
                return fail(QStringLiteral("is a range from an IPv4 to an IPv6 address"));
            if (!syntax::parseIpv6(left, &first, &firstZone) || !syntax::parseIpv6(right, &last, &lastZone))
                continue;
            if (firstZone != lastZone)
                return fail(QStringLiteral("is a range whose ends are in different zones"));
            m_e->kind = Kind::Range;
            m_e->ranges.push_back({AddressFamily::IPv6, firstZone, first, last});
            return;
        }
        quint32 v4 = 0;
        if (s.count(u':') == 1 && parseIpv4(s.left(s.indexOf(u':')), &v4))
            return fail(QStringLiteral("has a port; a target is an address or host name without one"));
        if (s.contains(u'-'))
            return fail(QStringLiteral("is not an IPv6 address or range (a range needs two full addresses)"));
        fail(QStringLiteral("is not an IPv6 address"));
    }

    void parseCidr(QStringView s)
    {
        const qsizetype slash = s.lastIndexOf(u'/');
        const QStringView addressText = s.left(slash);
        const QStringView prefixText = s.mid(slash + 1);
        const bool v6 = addressText.contains(u':');
        const int prefix = parsePrefix(prefixText, v6 ? 128 : 32);
        if (prefix < 0) {
            return fail(QStringLiteral("is not a CIDR block: '/%1' is not a prefix length from 0 to %2")
                            .arg(prefixText, QString::number(v6 ? 128 : 32)));
        }
        QString zone;
        QString networkText;
        if (v6) {
            UInt128 ignored;
            if (!syntax::parseIpv6(addressText, &ignored, &zone))
                return fail(QStringLiteral("is not a CIDR block: '%1' is not an IPv6 address").arg(addressText));
            const qsizetype percent = addressText.indexOf(u'%');
            networkText = (percent < 0 ? addressText : addressText.left(percent)).toString();
        } else {
            quint32 address = 0;
            QString why;
            if (!parseIpv4(addressText, &address, &why))
                return fail(QStringLiteral("is not a CIDR block: '%1' %2").arg(addressText, why));
            networkText = QHostAddress(address).toString();  // parseSubnet would read "010" as octal
        }
        // parseSubnet masks off the host bits: 10.0.0.5/24 means 10.0.0.0/24, as in nmap.
        const QPair<QHostAddress, int> subnet =
            QHostAddress::parseSubnet(networkText + u'/' + QString::number(prefix));
        if (subnet.first.isNull())
            return fail(QStringLiteral("is not a CIDR block"));
        m_e->kind = Kind::Cidr;
        if (!v6) {
            const quint32 network = subnet.first.toIPv4Address();
            const quint32 last = quint32(network | hostMask(32 - prefix).lo);
            // Like fping -g: /0-/30 without network and broadcast; /31 and /32 are all hosts
            // (RFC 3021 point-to-point links). What is to be left alone is the whole block.
            if (prefix <= 30 && !m_e->exclude && m_mode == CidrHosts::Usable)
                m_e->ranges.push_back(ipv4Range(network + 1, last - 1));
            else
                m_e->ranges.push_back(ipv4Range(network, last));
            return;
        }
        // IPv6 has no broadcast address: a prefix expands whole.
        const UInt128 network = UInt128::fromBytes(subnet.first.toIPv6Address().c);
        const UInt128 mask = hostMask(128 - prefix);
        m_e->ranges.push_back({AddressFamily::IPv6, zone, network, {network.hi | mask.hi, network.lo | mask.lo}});
    }

    void parseIpv4Range(QStringView s)
    {
        const qsizetype dash = s.indexOf(u'-');
        if (s.count(u'-') == 1 && s.left(dash).count(u'.') == 3 && s.mid(dash + 1).count(u'.') == 3) {
            quint32 first = 0, last = 0;
            QString why;
            if (!parseIpv4(s.left(dash), &first, &why) || !parseIpv4(s.mid(dash + 1), &last, &why))
                return fail(QStringLiteral("is not a range: one end ") + why);
            m_e->kind = Kind::Range;
            m_e->ranges.push_back(ipv4Range(std::min(first, last), std::max(first, last)));
            return;
        }
        parseOctetRanges(s);
    }

    // nmap's form: each octet a number or a range, so 10.0.0.1-50 is the short range too.
    void parseOctetRanges(QStringView s)
    {
        int low[4], high[4];
        int octet = 0;
        for (qsizetype start = 0; start <= s.size(); ++octet) {
            qsizetype end = s.indexOf(u'.', start);
            if (end < 0)
                end = s.size();
            if (octet == 4)
                return fail(QStringLiteral("is not a range: it needs four octets separated by dots"));
            const QStringView part = s.mid(start, end - start);
            const qsizetype dash = part.indexOf(u'-');
            const QStringView a = dash < 0 ? part : part.left(dash);
            const QStringView b = dash < 0 ? part : part.mid(dash + 1);
            if (!parseOctet(a, &low[octet]) || !parseOctet(b, &high[octet]))
                return fail(QStringLiteral("is not a range: '%1' is not a number from 0 to 255 or a range of them").arg(part));
            if (low[octet] > high[octet])
                std::swap(low[octet], high[octet]);
            start = end + 1;
        }
        if (octet != 4)
            return fail(QStringLiteral("is not a range: it needs four octets separated by dots"));
        // Trailing whole octets (0-255) fold into the run: 10.0-3.0-255.0-255 is one run.
        int varying = 3;
        while (varying > 0 && low[varying] == 0 && high[varying] == 255)
            --varying;
        quint64 runs = 1;
        for (int i = 0; i < varying; ++i)
            runs *= quint64(high[i] - low[i] + 1);
        if (runs > TargetExpression::kMaxOctetRuns) {
            return fail(QStringLiteral("is %1 separate runs of addresses; more than %2 are not supported, "
                                       "write it as CIDR blocks")
                            .arg(runs).arg(TargetExpression::kMaxOctetRuns));
        }
        m_e->kind = Kind::Range;
        m_e->ranges.reserve(std::size_t(runs));
        const int shift = 8 * (3 - varying);
        const quint32 fill = shift == 0 ? 0 : quint32((quint64(1) << shift) - 1);
        int current[4] = {low[0], low[1], low[2], low[3]};
        while (true) {
            quint32 prefix = 0;
            for (int i = 0; i < varying; ++i)
                prefix = (prefix << 8) | quint32(current[i]);
            const quint32 first = quint32((quint64(prefix) << 8 | quint32(low[varying])) << shift);
            const quint32 last = quint32(((quint64(prefix) << 8 | quint32(high[varying])) << shift) | fill);
            m_e->ranges.push_back(ipv4Range(first, last));
            int i = varying - 1;  // odometer over the leading octets, last one fastest
            while (i >= 0 && current[i] == high[i]) {
                current[i] = low[i];
                --i;
            }
            if (i < 0)
                break;
            ++current[i];
        }
    }

    static bool parseOctet(QStringView text, int *value)
    {
        if (text.isEmpty() || text.size() > 3)
            return false;
        int v = 0;
        for (const QChar c : text) {
            if (!isDigit(c))
                return false;
            v = v * 10 + (c.unicode() - u'0');
        }
        *value = v;
        return v <= 255;
    }

    void parseHostname(QStringView s)
    {
        const QString why = hostnameError(s);
        if (!why.isEmpty())
            return fail(why);
        m_e->kind = Kind::Hostname;
        m_e->hostname = s.toString().toLower();
    }

    TargetExpression *m_e;
    CidrHosts m_mode;
};

} // namespace

TargetExpression TargetExpression::parse(QStringView token, CidrHosts cidrHosts)
{
    TargetExpression e;
    Parser(&e, cidrHosts).parse(token);
    return e;
}

void TargetExpression::applyTo(TargetSet *set) const
{
    if (kind == Kind::Hostname) {
        if (exclude)
            set->excludeHostname(hostname);
        else
            set->addHostname(hostname);
        return;
    }
    for (const AddressRange &range : ranges) {
        if (exclude)
            set->excludeRange(range);
        else
            set->addRange(range);
    }
}

} // namespace ps
