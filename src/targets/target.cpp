#include "target.h"

namespace ps {

QString TargetIssue::toString() const
{
    const QString where = QStringLiteral("line %1, column %2: '%3' %4").arg(line).arg(column).arg(token, message);
    return source.isEmpty() ? where : source + QStringLiteral(": ") + where;
}

QString SkippedLine::toString() const
{
    return QStringLiteral("line %1 skipped (%2): %3").arg(line).arg(text, reason);
}

} // namespace ps
