#pragma once

#include <QLocale>
#include <QString>

namespace ps {

// "1 row" / "3 rows" (with the count in the locale's digits). tr()'s %n numerus forms need a
// translation file to drop the "(s)", and PingSweep ships English only; callers pass both
// forms through tr() so a translation can still replace them.
inline QString plural(qint64 n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(QLocale().toString(n));
}

} // namespace ps
