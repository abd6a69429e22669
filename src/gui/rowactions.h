#pragma once

#include "hostcommand.h"

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QTableView;

namespace ps {

class ResultsModel;
class ResultsProxyModel;

// What can be done to rows of the results table, as actions (menu bar, context menu and
// shortcuts alike): copy addresses or whole rows as text, re-ping, remove, open the host in
// a browser or over SSH. Works on the selection mapped back to source rows.
class RowActions final : public QObject
{
    Q_OBJECT

public:
    RowActions(QTableView *view, ResultsProxyModel *proxy, ResultsModel *model, QObject *parent);

    QList<QAction *> actions() const;
    QAction *repingAction() const { return m_reping; }

    void setCommands(const QString &browser, const QString &ssh);
    void setLauncher(HostCommand::Launcher launcher) { m_launcher = std::move(launcher); }
    // Re-ping needs the sweep controller, which runs one sweep at a time.
    void setSweepRunning(bool running);

    QList<int> selectedSourceRows() const;
    // Tab-separated, one line per row, in the order the table shows them.
    QString rowsAsText(const QList<int> &proxyRows) const;

    void copyAddresses();
    void copyRows();
    void removeSelected();
    void openInBrowser();
    void openSsh();

Q_SIGNALS:
    void repingRequested(const QList<int> &sourceRows);
    void message(const QString &text);

private:
    void showContextMenu(const QPoint &pos);
    void updateEnabled();
    QList<int> selectedProxyRows() const;
    void openWith(const QString &commandTemplate);

    QTableView *m_view;
    ResultsProxyModel *m_proxy;
    ResultsModel *m_model;
    QAction *m_copyAddresses;
    QAction *m_copyRows;
    QAction *m_reping;
    QAction *m_remove;
    QAction *m_browser;
    QAction *m_ssh;
    QString m_browserCommand;
    QString m_sshCommand;
    bool m_running = false;
    HostCommand::Launcher m_launcher = &HostCommand::launchDetached;
};

} // namespace ps
