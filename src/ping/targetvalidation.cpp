#include "targetvalidation.h"

namespace ps {

QString validateProbeTarget(const QString &target)
{
    if (target.isEmpty())
        return QStringLiteral("empty target");
    if (target.size() > 253)
        return QStringLiteral("target longer than 253 characters");
    if (target.startsWith(u'-'))
        return QStringLiteral("target '%1' starts with '-' (looks like an option)").arg(target);
    for (const QChar c : target) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u'.' || c == u':' || c == u'-' || c == u'_'
            || c == u'%';
        if (!allowed)
            return QStringLiteral("target contains a character that no address or host name has (U+%1)")
                .arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return QString();
}

} // namespace ps
