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

// Text that was meant as a target but is not a valid one, with where it was. Lines and columns
// count from 1; columns count UTF-16 code units, as editors showing QString text do.
struct TargetIssue
{
    int line = 0;
    int column = 0;
    QString token;
    QString message;   // follows the quoted token: "is not an IPv4 address: 300 is more than 255"
    QString source;    // file name or "arguments"; empty for the GUI field

    QString toString() const;  // "hosts.txt: line 3, column 7: '300.1.1.1' is not …"
};

// A file line the importer took nothing from, and why: the "import report" lists these. They
// are not errors: a CSV header or a line of prose is expected to be skipped.
struct SkippedLine
{
    int line = 0;
    QString text;      // the line, shortened for display
    QString reason;

    QString toString() const;  // "line 4 skipped (Name,Owner): no address …"
};

} // namespace ps
