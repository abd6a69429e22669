#pragma once

#include "targetexpression.h"

#include <QStringView>

#include <vector>

namespace ps {

struct FoundLiteral
{
    TargetExpression expression;  // always address-like
    int column = 0;               // 1-based
    QString text;
};

// Finds the IPv4/IPv6 address, range and CIDR literals in free text: CSV rows, logs, reports,
// ARP tables, prose. Words are never taken as host names here.
//
// A literal must stand apart from the words around it: "v1.2.3.4", "1.2.3.4.5",
// "host-10.0.0.1" and "1.0.0.10.in-addr.arpa" hold none, and "300.1.1.1" is not an address
// with a "00.1.1.1" inside. It may be followed by punctuation ("10.0.0.0/30." ends a sentence),
// a port ("10.0.0.1:8080") or a path ("http://10.0.0.1/x"). A '!' right before it, at the
// start of a word, makes it an exclusion, as on target lines.
class LiteralScanner
{
public:
    static std::vector<FoundLiteral> scan(QStringView text);
};

} // namespace ps
