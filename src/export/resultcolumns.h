#pragma once

#include <QStringList>

namespace ps {

// The CSV contract's columns, in order: the fields of HostResult. The GUI exports the same.
inline QStringList resultColumnNames()
{
    return {QStringLiteral("address"),    QStringLiteral("hostname"),   QStringLiteral("status"),
            QStringLiteral("sent"),       QStringLiteral("received"),   QStringLiteral("loss_pct"),
            QStringLiteral("rtt_min_ms"), QStringLiteral("rtt_avg_ms"), QStringLiteral("rtt_max_ms"),
            QStringLiteral("ttl"),        QStringLiteral("method"),     QStringLiteral("worker"),
            QStringLiteral("finished_at"), QStringLiteral("error")};
}

} // namespace ps
