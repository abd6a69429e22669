#pragma once

#include "uint128.h"

#include <QString>
#include <QStringView>

namespace ps::syntax {

inline bool isDigit(QChar c) { return c >= u'0' && c <= u'9'; }
inline bool isHexDigit(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}
inline bool isAsciiLetter(QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
inline bool isZoneChar(QChar c)
{
    return isDigit(c) || isAsciiLetter(c) || c == u'_' || c == u'-' || c == u'.';
}

// Four decimal octets, nothing else. QHostAddress also takes "127.1", "0x7f.0.0.1" and reads
// "010" as octal (inet_aton's rules); here zero-padded octets ("010.000.000.001", as some
// reports print them) are decimal, and the short and hex forms are not addresses at all.
// On failure *why (if given) says what is wrong, phrased to follow the quoted text.
bool parseIpv4(QStringView text, quint32 *address, QString *why = nullptr);

// An IPv6 address with an optional zone id ("fe80::1%eth0"), through QHostAddress.
bool parseIpv6(QStringView text, UInt128 *address, QString *zone);

// Empty when text is a valid DNS name (letters, digits, hyphens, dots; labels of 1-63, 253 in
// all, no label starting or ending with '-', last label not all digits); else why not.
QString hostnameError(QStringView text);

// Text made like an address, range or CIDR block (digits and three or more dots, or hex digits
// with "::" or seven colons) whether or not it is a valid one: in a file, such a token on an
// otherwise valid target line is a typo worth an error, not a word to skip.
bool looksLikeAddress(QStringView token);

} // namespace ps::syntax
