#include "rowactions.h"

#include "plural.h"
#include "resultsmodel.h"
#include "resultsproxymodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

#include <algorithm>

namespace ps {

namespace {

QAction *makeAction(QObject *parent, const QString &icon, const QString &text, const QKeySequence &shortcut,
                    const QString &tip)
{
    auto *action = new QAction(QIcon(icon), text, parent);
    action->setShortcut(shortcut);
    action->setToolTip(tip);
    return action;
}

} // namespace

RowActions::RowActions(QTableView *view, ResultsProxyModel *proxy, ResultsModel *model, QObject *parent)
    : QObject(parent),
      m_view(view),
      m_proxy(proxy),
      m_model(model),
      m_copyAddresses(makeAction(this, QStringLiteral(":/icons/copy.svg"), tr("&Copy address"),
                                 QKeySequence::Copy, tr("Copy the selected addresses, one per line"))),
      m_copyRows(makeAction(this, QString(), tr("Copy &rows"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                            tr("Copy the selected rows as tab-separated text"))),
      m_reping(makeAction(this, QStringLiteral(":/icons/reping.svg"), tr("Re-&ping selected"),
                          QKeySequence(Qt::CTRL | Qt::Key_R), tr("Sweep the selected rows again"))),
      m_remove(makeAction(this, QStringLiteral(":/icons/remove.svg"), tr("Re&move rows"),
                          QKeySequence::Delete, tr("Remove the selected rows from the table"))),
      m_browser(makeAction(this, QStringLiteral(":/icons/browser.svg"), tr("Open in &browser"),
                           QKeySequence(Qt::CTRL | Qt::Key_B), tr("Open the current host with the browser command"))),
      m_ssh(makeAction(this, QStringLiteral(":/icons/terminal.svg"), tr("Open &SSH"),
                       QKeySequence(Qt::CTRL | Qt::Key_T), tr("Open the current host with the SSH command")))
{
    // Ctrl+C and Delete belong to the table only: in the targets or filter field they must
    // still copy and delete text.
    for (QAction *action : actions()) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
    }
    connect(m_copyAddresses, &QAction::triggered, this, &RowActions::copyAddresses);
    connect(m_copyRows, &QAction::triggered, this, &RowActions::copyRows);
    connect(m_reping, &QAction::triggered, this, [this] {
        const QList<int> rows = selectedSourceRows();
        if (!rows.isEmpty())
            Q_EMIT repingRequested(rows);
    });
    connect(m_remove, &QAction::triggered, this, &RowActions::removeSelected);
    connect(m_browser, &QAction::triggered, this, &RowActions::openInBrowser);
    connect(m_ssh, &QAction::triggered, this, &RowActions::openSsh);
    connect(m_view, &QWidget::customContextMenuRequested, this, &RowActions::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RowActions::updateEnabled);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &RowActions::updateEnabled);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RowActions::updateEnabled);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &RowActions::updateEnabled);
    updateEnabled();
}

QList<QAction *> RowActions::actions() const
{
    return {m_copyAddresses, m_copyRows, m_reping, m_remove, m_browser, m_ssh};
}

void RowActions::setCommands(const QString &browser, const QString &ssh)
{
    m_browserCommand = browser;
    m_sshCommand = ssh;
}

void RowActions::setSweepRunning(bool running)
{
    m_running = running;
    updateEnabled();
}

void RowActions::updateEnabled()
{
    const bool selection = m_view->selectionModel()->hasSelection();
    // Rows selected, from the ranges (cheap even with 65,536 selected): the labels say
    // whether one row or several are acted on.
    int selected = 0;
    for (const QItemSelectionRange &range : m_view->selectionModel()->selection())
        selected += range.height();
    const bool several = selected > 1;
    m_copyAddresses->setText(several ? tr("&Copy addresses") : tr("&Copy address"));
    m_copyRows->setText(several ? tr("Copy &rows") : tr("Copy &row"));
    m_remove->setText(several ? tr("Re&move rows") : tr("Re&move row"));
    const bool current = m_view->currentIndex().isValid() || selection;
    m_copyAddresses->setEnabled(selection);
    m_copyRows->setEnabled(selection);
    m_reping->setEnabled(selection && !m_running);
    m_remove->setEnabled(selection);
    m_browser->setEnabled(current);
    m_ssh->setEnabled(current);
}

QList<int> RowActions::selectedProxyRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

QList<int> RowActions::selectedSourceRows() const
{
    return m_proxy->sourceRows(m_view->selectionModel()->selectedRows());
}

QString RowActions::rowsAsText(const QList<int> &proxyRows) const
{
    QString text;
    const QHeaderView *header = m_view->horizontalHeader();
    for (int row : proxyRows) {
        QStringList cells;
        // Columns as the user arranged them: visual order, hidden ones left out.
        for (int visual = 0; visual < header->count(); ++visual) {
            const int column = header->logicalIndex(visual);
            if (!header->isSectionHidden(column))
                cells << m_proxy->index(row, column).data().toString();
        }
        text += cells.join(u'\t') + u'\n';
    }
    return text;
}

void RowActions::copyAddresses()
{
    QStringList addresses;
    for (int row : selectedProxyRows())
        addresses << m_proxy->index(row, ResultsModel::AddressColumn).data().toString();
    if (addresses.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(addresses.join(u'\n') + u'\n');
    Q_EMIT message(tr("Copied %1").arg(plural(addresses.size(), tr("%1 address"), tr("%1 addresses"))));
}

void RowActions::copyRows()
{
    const QList<int> rows = selectedProxyRows();
    if (rows.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(rowsAsText(rows));
    Q_EMIT message(tr("Copied %1").arg(plural(rows.size(), tr("%1 row"), tr("%1 rows"))));
}

void RowActions::removeSelected()
{
    const QList<int> rows = selectedSourceRows();
    if (rows.isEmpty())
        return;
    m_model->removeRowsAt(rows);
    Q_EMIT message(tr("Removed %1").arg(plural(rows.size(), tr("%1 row"), tr("%1 rows"))));
}

void RowActions::openInBrowser()
{
    openWith(m_browserCommand);
}

void RowActions::openSsh()
{
    openWith(m_sshCommand);
}

void RowActions::openWith(const QString &commandTemplate)
{
    QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) {
        const QModelIndexList selected = m_view->selectionModel()->selectedRows();
        if (selected.isEmpty())
            return;
        index = selected.first();
    }
    const QString address = m_proxy->index(index.row(), ResultsModel::AddressColumn).data().toString();
    HostCommand command;
    QString error;
    if (!HostCommand::expand(commandTemplate, address, &command, &error) || !m_launcher(command, &error)) {
        Q_EMIT message(error);
        return;
    }
    Q_EMIT message(tr("Started %1 %2").arg(command.program, command.arguments.join(u' ')));
}

void RowActions::showContextMenu(const QPoint &pos)
{
    // A right click on an unselected row acts on that row, as file managers do.
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid() && !m_view->selectionModel()->isRowSelected(index.row(), {}))
        m_view->selectRow(index.row());
    updateEnabled();
    auto *menu = new QMenu(m_view);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_copyAddresses);
    menu->addAction(m_copyRows);
    menu->addSeparator();
    menu->addAction(m_reping);
    menu->addAction(m_remove);
    menu->addSeparator();
    menu->addAction(m_browser);
    menu->addAction(m_ssh);
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

} // namespace ps
