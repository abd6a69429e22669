#include "addresssyntax.h"

#include <QHostAddress>

namespace ps::syntax {

bool parseIpv4(QStringView text, quint32 *address, QString *why)
{
    auto fail = [why](const QString &reason) {
        if (why)
            *why = QStringLiteral("is not an IPv4 address: ") + reason;
        return false;
    };
    quint32 value = 0;
    int octets = 0;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (true) {
        const qsizetype start = i;
        int octet = 0;
        while (i < n && isDigit(text[i])) {
            if (i - start < 3)
                octet = octet * 10 + (text[i].unicode() - u'0');
            ++i;
        }
        if (i == start)
            return fail(QStringLiteral("it needs four numbers separated by dots"));
        if (i - start > 3)
            return fail(QStringLiteral("%1 has more than three digits").arg(text.mid(start, i - start)));
        if (octet > 255)
            return fail(QStringLiteral("%1 is more than 255").arg(octet));
        value = (value << 8) | quint32(octet);
        ++octets;
        if (i == n)
            break;
        if (text[i] != u'.' || octets == 4)
            return fail(QStringLiteral("it needs four numbers separated by dots"));
        ++i;
    }
    if (octets != 4)
        return fail(QStringLiteral("it needs four numbers separated by dots"));
    *address = value;
    return true;
}

bool parseIpv6(QStringView text, UInt128 *address, QString *zone)
{
    // QHostAddress trims white space and accepts an empty zone; we want the text exactly.
    const qsizetype percent = text.indexOf(u'%');
    const QStringView body = percent < 0 ? text : text.left(percent);
    if (!body.contains(u':'))
        return false;
    for (const QChar c : body) {
        if (!isHexDigit(c) && c != u':' && c != u'.')
            return false;
    }
    if (percent >= 0) {
        const QStringView id = text.mid(percent + 1);
        if (id.isEmpty())
            return false;
        for (const QChar c : id) {
            if (!isZoneChar(c))
                return false;
        }
    }
    QHostAddress parsed;
    if (!parsed.setAddress(text.toString()) || parsed.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    *address = UInt128::fromBytes(parsed.toIPv6Address().c);
    *zone = parsed.scopeId();
    return true;
}

QString hostnameError(QStringView text)
{
    if (text.isEmpty())
        return QStringLiteral("is empty");
    for (const QChar c : text) {
        if (!isDigit(c) && !isAsciiLetter(c) && c != u'-' && c != u'.')
            return QStringLiteral("contains '%1', which no address or host name has").arg(c);
    }
    // One trailing dot marks a fully qualified name; it is not an empty label.
    const QStringView name = text.endsWith(u'.') && text.size() > 1 ? text.chopped(1) : text;
    if (name.size() > 253)
        return QStringLiteral("is longer than 253 characters, the most a host name can have");
    QStringView lastLabel;
    for (qsizetype start = 0; start <= name.size();) {
        qsizetype end = name.indexOf(u'.', start);
        if (end < 0)
            end = name.size();
        const QStringView label = name.mid(start, end - start);
        if (label.isEmpty())
            return QStringLiteral("has an empty part between dots");
        if (label.size() > 63)
            return QStringLiteral("has a part longer than 63 characters, the most a host name label can have");
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return QStringLiteral("has a part that starts or ends with '-'");
        lastLabel = label;
        start = end + 1;
    }
    bool allDigits = true;
    for (const QChar c : lastLabel)
        allDigits = allDigits && isDigit(c);
    if (allDigits)
        return QStringLiteral("is not an address, range, CIDR block or host name");
    return QString();
}

bool looksLikeAddress(QStringView token)
{
    if (token.startsWith(u'!'))
        token = token.mid(1);
    if (token.isEmpty())
        return false;
    int dots = 0;
    bool ipv4Chars = isDigit(token.front());
    for (const QChar c : token) {
        if (c == u'.')
            ++dots;
        else if (!isDigit(c) && c != u'/' && c != u'-')
            ipv4Chars = false;
    }
    if (ipv4Chars && dots >= 3)
        return true;
    const qsizetype percent = token.indexOf(u'%');
    const QStringView body = percent < 0 ? token : token.left(percent);
    int colons = 0;
    for (const QChar c : body) {
        if (c == u':')
            ++colons;
        else if (!isHexDigit(c) && c != u'.' && c != u'/' && c != u'-')
            return false;
    }
    return body.contains(u"::") || colons >= 7;
}

} // namespace ps::syntax
