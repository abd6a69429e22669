#pragma once

#include "targetset.h"

namespace ps {

struct TargetParseResult
{
    TargetSet targets;
    QList<TargetIssue> issues;

    bool ok() const { return issues.isEmpty(); }
};

// Turns typed target text (the GUI field, CLI arguments) into a TargetSet. Typed input is
// strict: every token must be a target expression, or it is reported with its position.
class TargetParser
{
public:
    static TargetParseResult parseTyped(const QString &text);
};

} // namespace ps
