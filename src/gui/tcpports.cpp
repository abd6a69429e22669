#include "tcpports.h"

#include <QRegularExpression>
#include <QStringList>

namespace ps {

bool parseTcpPorts(const QString &text, QList<quint16> *ports)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    QList<quint16> out;
    for (const QString &part : parts) {
        bool ok = false;
        const uint port = part.toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return false;
        if (!out.contains(quint16(port)))
            out.append(quint16(port));
    }
    if (out.isEmpty())
        return false;
    *ports = out;
    return true;
}

QString formatTcpPorts(const QList<quint16> &ports)
{
    QStringList parts;
    for (quint16 port : ports)
        parts << QString::number(port);
    return parts.join(QStringLiteral(", "));
}

} // namespace ps
