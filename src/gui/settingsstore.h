#pragma once

#include "sweepoptions.h"

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace ps {

// Every setting the GUI keeps, typed, in one place: the QSettings keys live here and nowhere
// else. Uses the application's organisation and name (tests point QSettings at a temporary
// folder with QSettings::setPath and QStandardPaths::setTestModeEnabled).
class SettingsStore final
{
public:
    SettingsStore();
    Q_DISABLE_COPY_MOVE(SettingsStore)

    // The targets field: the demo block on the very first run, the last targets after that.
    QString lastTargets() const;
    void setLastTargets(const QString &targets);
    QStringList targetHistory() const;
    void setTargetHistory(const QStringList &history);
    QStringList recentFiles() const;
    void setRecentFiles(const QStringList &files);

    SweepOptions sweepOptions() const;
    void setSweepOptions(const SweepOptions &options);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    // Column widths, order, visibility and the sort column/order (QHeaderView::saveState).
    QByteArray resultsHeader() const;
    void setResultsHeader(const QByteArray &state);
    bool aliveOnly() const;
    void setAliveOnly(bool aliveOnly);

    // Commands that open a host; %ip% stands for its address (see HostCommand).
    QString browserCommand() const;
    void setBrowserCommand(const QString &command);
    QString sshCommand() const;
    void setSshCommand(const QString &command);

    static QString defaultTargets() { return QStringLiteral("127.0.0.0/28"); }
    static QString defaultBrowserCommand() { return QStringLiteral("xdg-open http://%ip%/"); }
    static QString defaultSshCommand() { return QStringLiteral("x-terminal-emulator -e ssh %ip%"); }

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace ps
