#pragma once

#include "targetexpression.h"
#include "targetset.h"

#include <QList>
#include <QStringView>

namespace ps {

struct TargetParseResult
{
    TargetSet targets;               // every valid target, even when there are issues
    QList<TargetIssue> issues;       // errors, in order; the first kMaxReported are kept
    QList<SkippedLine> skippedLines; // file lines that gave nothing; the first kMaxReported
    int issueCount = 0;              // all of them, kept or not
    int skippedLineCount = 0;
    int usedLineCount = 0;           // file lines that gave at least one target or exclusion

    bool ok() const { return issues.isEmpty(); }

    void addIssue(TargetIssue issue);
    void addSkippedLine(SkippedLine line);

    // A 10 MB file of garbage must not become a million stored messages.
    static constexpr int kMaxReported = 1000;
};

// Turns target text into a TargetSet (syntax: see TargetExpression).
class TargetParser
{
public:
    // Typed input (the GUI field, CLI arguments) is strict: every token must be a target
    // expression, or it is reported with its line and column.
    static TargetParseResult parseTyped(const QString &text);

    // An exclusion list typed on its own (the CLI's --exclude): strict like parseTyped, but a
    // CIDR block stands for every address in it, network and broadcast included. Apply the
    // result with TargetSet::exclude().
    static TargetParseResult parseExclusions(const QString &text);

    // File text is lenient, line by line. A *target line* is taken whole: every token is an
    // address, range, CIDR block or exclusion, or every token is a host name and the line
    // holds one token or every token contains a dot. Any other line gives only the address,
    // range and CIDR literals in it (LiteralScanner); a line that gives nothing is skipped and
    // reported with the reason. An error is raised only for address-like tokens that are not
    // valid ("300.1.1.1", "10.0.0.0/33") on a line that is otherwise a target line.
    // source names the file in issues ("hosts.txt: line 3, column 1: …").
    static TargetParseResult parseFileText(QStringView text, const QString &source = QString());

private:
    static TargetParseResult parseStrict(const QString &text, TargetExpression::CidrHosts cidrHosts);
};

} // namespace ps
