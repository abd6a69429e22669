#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace ps {

// A user's command for opening a host ("xdg-open http://%ip%/", "x-terminal-emulator -e ssh
// %ip%"), made into a program and an argument list. The template is split into words first
// (QProcess::splitCommand: quotes group words) and %ip% is replaced inside each word after,
// so an address can never become more than the one argument it stands in: no shell, ever.
struct HostCommand
{
    QString program;
    QStringList arguments;

    // False with *error when the template is empty. An IPv6 address written right after
    // "://" (a URL) is put in brackets, as URLs require.
    static bool expand(const QString &commandTemplate, const QString &address, HostCommand *out, QString *error);

    // Starts a command; the default runs it detached through QProcess (a browser or a terminal
    // must outlive this window), tests substitute a recorder.
    using Launcher = std::function<bool(const HostCommand &command, QString *error)>;
    static bool launchDetached(const HostCommand &command, QString *error);
};

} // namespace ps
