#include "resultsheader.h"

#include "resultsmodel.h"

#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace ps {

ResultsHeader::ResultsHeader(QTableView *view, QObject *parent) : QObject(parent), m_view(view)
{
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    // Interactive, never ResizeToContents: that mode measures every row, and with 65,536 rows
    // every update would walk them all.
    header->setSectionResizeMode(QHeaderView::Interactive);
    QHeaderView *rows = m_view->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    connect(header, &QWidget::customContextMenuRequested, this, &ResultsHeader::showMenu);
    applyDefaults();
}

int ResultsHeader::defaultWidth(int column, int charWidth)
{
    // In characters of the view's font, plus room for the sort arrow and padding.
    int chars = 8;
    switch (column) {
    case ResultsModel::AddressColumn: chars = 17; break;   // 255.255.255.255
    case ResultsModel::HostnameColumn: chars = 24; break;
    case ResultsModel::StatusColumn:                       // icon + "alive"
    case ResultsModel::StateColumn: chars = 9; break;      // "cancelled"
    case ResultsModel::RttMinColumn:
    case ResultsModel::RttAvgColumn:
    case ResultsModel::RttMaxColumn: chars = 8; break;     // "1234.567"
    case ResultsModel::LossColumn: chars = 6; break;
    case ResultsModel::TtlColumn: chars = 5; break;
    case ResultsModel::MethodColumn:                       // "icmp-dgram"
    case ResultsModel::WorkerColumn: chars = 10; break;    // "sweep_12", "pid 12345"
    case ResultsModel::ErrorColumn: chars = 16; break;    // the last column: it stretches
    }
    return chars * charWidth + 24;
}

void ResultsHeader::applyDefaults()
{
    QHeaderView *header = m_view->horizontalHeader();
    const int charWidth = m_view->fontMetrics().averageCharWidth();
    for (int column = 0; column < ResultsModel::ColumnCount; ++column) {
        header->showSection(column);
        header->moveSection(header->visualIndex(column), column);
        header->resizeSection(column, defaultWidth(column, charWidth));
    }
    header->setSortIndicator(ResultsModel::AddressColumn, Qt::AscendingOrder);
}

QByteArray ResultsHeader::saveState() const
{
    return m_view->horizontalHeader()->saveState();
}

bool ResultsHeader::restoreState(const QByteArray &state)
{
    QHeaderView *header = m_view->horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state) || header->count() != ResultsModel::ColumnCount) {
        applyDefaults();
        return false;
    }
    // restoreState brings back the sort indicator; the proxy must sort to match it.
    m_view->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    return true;
}

void ResultsHeader::showMenu(const QPoint &pos)
{
    QHeaderView *header = m_view->horizontalHeader();
    auto *menu = new QMenu(header);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (int column = 0; column < ResultsModel::ColumnCount; ++column) {
        QAction *action = menu->addAction(m_view->model()->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The address is what every row is about: it stays.
        action->setEnabled(column != ResultsModel::AddressColumn);
        connect(action, &QAction::toggled, header, [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Reset columns")), &QAction::triggered, this, &ResultsHeader::applyDefaults);
    menu->popup(header->mapToGlobal(pos));
}

} // namespace ps
