#include "targetparser.h"

#include <QHostAddress>
#include <QStringList>

namespace ps {

namespace {

bool isSeparator(QChar c)
{
    return c.isSpace() || c == u',' || c == u';';
}

// Adds one IPv4 address or CIDR block; returns an error message, empty on success.
QString addExpression(const QString &token, TargetSet *set)
{
    if (token.startsWith(u'-'))
        return QStringLiteral("looks like an option, not a target");
    if (token.contains(u'/')) {
        const auto [network, prefix] = QHostAddress::parseSubnet(token);
        if (network.isNull() || network.protocol() != QAbstractSocket::IPv4Protocol)
            return QStringLiteral("is not an IPv4 CIDR block");
        const quint32 size = prefix == 0 ? 0 : (quint32(1) << (32 - prefix)); // 0 = 2^32
        const quint32 first = network.toIPv4Address();
        const quint32 last = first + (size - 1);
        // Like `fping -g`: /0–/30 leave out the network and broadcast addresses; /31 and /32
        // hold only usable addresses (RFC 3021).
        if (prefix <= 30)
            set->addIpv4Block(first + 1, last - 1);
        else
            set->addIpv4Block(first, last);
        return QString();
    }
    QHostAddress address;
    if (!address.setAddress(token) || address.protocol() != QAbstractSocket::IPv4Protocol)
        return QStringLiteral("is not an IPv4 address or CIDR block");
    set->addIpv4Block(address.toIPv4Address(), address.toIPv4Address());
    return QString();
}

} // namespace

TargetParseResult TargetParser::parseTyped(const QString &text)
{
    TargetParseResult result;
    int line = 1;
    int column = 1;
    int tokenStart = -1;
    int tokenColumn = 0;
    auto finishToken = [&](int end) {
        if (tokenStart < 0)
            return;
        const QString token = text.mid(tokenStart, end - tokenStart);
        const QString error = addExpression(token, &result.targets);
        if (!error.isEmpty())
            result.issues.append({line, tokenColumn, token, error});
        tokenStart = -1;
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (isSeparator(c)) {
            finishToken(i);
        } else if (tokenStart < 0) {
            tokenStart = i;
            tokenColumn = column;
        }
        if (c == u'\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    finishToken(text.size());
    return result;
}

} // namespace ps
