#include "hostcommand.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QProcess>

namespace ps {

bool HostCommand::expand(const QString &commandTemplate, const QString &address, HostCommand *out, QString *error)
{
    const QStringList words = QProcess::splitCommand(commandTemplate);
    if (words.isEmpty()) {
        *error = QCoreApplication::translate("ps::HostCommand", "The command is empty (Edit ▸ Preferences).");
        return false;
    }
    const bool ipv6 = QHostAddress(address).protocol() == QAbstractSocket::IPv6Protocol;
    const QString placeholder = QStringLiteral("%ip%");
    QStringList expanded;
    expanded.reserve(words.size());
    for (QString word : words) {
        if (ipv6)
            word.replace(QStringLiteral("://") + placeholder, QStringLiteral("://[") + address + u']');
        word.replace(placeholder, address);
        expanded << word;
    }
    out->program = expanded.takeFirst();
    out->arguments = expanded;
    return true;
}

bool HostCommand::launchDetached(const HostCommand &command, QString *error)
{
    QProcess process;
    process.setProgram(command.program);
    process.setArguments(command.arguments);
    process.setStandardInputFile(QProcess::nullDevice());
    if (process.startDetached())
        return true;
    *error = QCoreApplication::translate("ps::HostCommand", "Could not start '%1': %2")
                 .arg(command.program, process.errorString());
    return false;
}

} // namespace ps
