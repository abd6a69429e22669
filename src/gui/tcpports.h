#pragma once

#include <QList>
#include <QString>

namespace ps {

// The TCP port list as the options field and the settings file write it: "80, 443, 22".
// Parsing accepts commas and/or spaces; false on anything else (0, 65536, letters, empty).
bool parseTcpPorts(const QString &text, QList<quint16> *ports);
QString formatTcpPorts(const QList<quint16> &ports);

} // namespace ps
