#pragma once

#include <QHostAddress>
#include <QString>

namespace ps {

// One thing to probe: an address (IPv4/IPv6) or a hostname that is resolved at probe time.
struct Target
{
    QString text;          // canonical text: the address in QHostAddress form, or the hostname
    QHostAddress address;  // null for hostnames

    bool isHostname() const { return address.isNull(); }
    friend bool operator==(const Target &a, const Target &b) { return a.text == b.text; }
};

// What the parser could not use, with where it was. Lines and columns count from 1.
struct TargetIssue
{
    int line = 0;
    int column = 0;
    QString token;
    QString message;

    QString toString() const;  // "line 3, column 7: '300.1.1.1' is not …"
};

} // namespace ps
