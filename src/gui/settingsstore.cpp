#include "settingsstore.h"

#include "tcpports.h"

#include <algorithm>

namespace ps {

namespace {
// Keys, grouped as they appear in the file.
const QString kLastTargets = QStringLiteral("targets/last");
const QString kTargetHistory = QStringLiteral("targets/history");
const QString kRecentFiles = QStringLiteral("targets/recentFiles");
const QString kMode = QStringLiteral("options/mode");
const QString kWorkers = QStringLiteral("options/workers");
const QString kTimeout = QStringLiteral("options/timeoutMs");
const QString kCount = QStringLiteral("options/count");
const QString kInterval = QStringLiteral("options/intervalMs");
const QString kMethod = QStringLiteral("options/method");
const QString kPorts = QStringLiteral("options/tcpPorts");
const QString kRate = QStringLiteral("options/ratePerSecond");
const QString kReverseDns = QStringLiteral("options/reverseDns");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kHeader = QStringLiteral("window/resultsHeader");
const QString kAliveOnly = QStringLiteral("window/aliveOnly");
const QString kBrowser = QStringLiteral("commands/browser");
const QString kSsh = QStringLiteral("commands/ssh");
} // namespace

SettingsStore::SettingsStore() = default;

QString SettingsStore::lastTargets() const
{
    return m_settings.value(kLastTargets, defaultTargets()).toString();
}

void SettingsStore::setLastTargets(const QString &targets)
{
    m_settings.setValue(kLastTargets, targets);
}

QStringList SettingsStore::targetHistory() const
{
    return m_settings.value(kTargetHistory).toStringList();
}

void SettingsStore::setTargetHistory(const QStringList &history)
{
    m_settings.setValue(kTargetHistory, history);
}

QStringList SettingsStore::recentFiles() const
{
    return m_settings.value(kRecentFiles).toStringList();
}

void SettingsStore::setRecentFiles(const QStringList &files)
{
    m_settings.setValue(kRecentFiles, files);
}

SweepOptions SettingsStore::sweepOptions() const
{
    // Anything missing or unreadable falls back to the defaults of SweepOptions.
    SweepOptions o;
    ExecutorMode mode;
    if (executorModeFromName(m_settings.value(kMode).toString(), &mode))
        o.mode = mode;
    const int workers = m_settings.value(kWorkers, 0).toInt();
    if (workers > 0)
        o.workers = workers;
    o.probe.timeoutMs = std::clamp(m_settings.value(kTimeout, o.probe.timeoutMs).toInt(), 10, 60000);
    o.probe.count = std::clamp(m_settings.value(kCount, o.probe.count).toInt(), 1, 100);
    o.probe.intervalMs = std::clamp(m_settings.value(kInterval, o.probe.intervalMs).toInt(), 0, 60000);
    ProbeMethod method;
    if (ProbeRequest::methodFromName(m_settings.value(kMethod).toString(), &method))
        o.probe.method = method;
    QList<quint16> ports;
    if (parseTcpPorts(m_settings.value(kPorts).toString(), &ports))
        o.probe.tcpPorts = ports;
    o.ratePerSecond = std::max(0, m_settings.value(kRate, 0).toInt());
    o.reverseDns = m_settings.value(kReverseDns, o.reverseDns).toBool();
    return o;
}

void SettingsStore::setSweepOptions(const SweepOptions &o)
{
    m_settings.setValue(kMode, executorModeName(o.mode));
    m_settings.setValue(kWorkers, o.workers.value_or(0));
    m_settings.setValue(kTimeout, o.probe.timeoutMs);
    m_settings.setValue(kCount, o.probe.count);
    m_settings.setValue(kInterval, o.probe.intervalMs);
    m_settings.setValue(kMethod, ProbeRequest::methodName(o.probe.method));
    m_settings.setValue(kPorts, formatTcpPorts(o.probe.tcpPorts));
    m_settings.setValue(kRate, o.ratePerSecond);
    m_settings.setValue(kReverseDns, o.reverseDns);
}

QByteArray SettingsStore::windowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

void SettingsStore::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(kGeometry, geometry);
}

QByteArray SettingsStore::windowState() const
{
    return m_settings.value(kState).toByteArray();
}

void SettingsStore::setWindowState(const QByteArray &state)
{
    m_settings.setValue(kState, state);
}

QByteArray SettingsStore::resultsHeader() const
{
    return m_settings.value(kHeader).toByteArray();
}

void SettingsStore::setResultsHeader(const QByteArray &state)
{
    m_settings.setValue(kHeader, state);
}

bool SettingsStore::aliveOnly() const
{
    return m_settings.value(kAliveOnly, false).toBool();
}

void SettingsStore::setAliveOnly(bool aliveOnly)
{
    m_settings.setValue(kAliveOnly, aliveOnly);
}

QString SettingsStore::browserCommand() const
{
    return m_settings.value(kBrowser, defaultBrowserCommand()).toString();
}

void SettingsStore::setBrowserCommand(const QString &command)
{
    m_settings.setValue(kBrowser, command);
}

QString SettingsStore::sshCommand() const
{
    return m_settings.value(kSsh, defaultSshCommand()).toString();
}

void SettingsStore::setSshCommand(const QString &command)
{
    m_settings.setValue(kSsh, command);
}

} // namespace ps
