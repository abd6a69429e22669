#include "resultsproxymodel.h"

#include "resultsmodel.h"

namespace ps {

ResultsProxyModel::ResultsProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ResultsModel::SortRole);
    setDynamicSortFilter(true);
}

void ResultsProxyModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

void ResultsProxyModel::setAliveOnly(bool aliveOnly)
{
    if (aliveOnly == m_aliveOnly)
        return;
    m_aliveOnly = aliveOnly;
    invalidateRowsFilter();
}

bool ResultsProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    if (m_aliveOnly
        && !model->index(sourceRow, ResultsModel::AddressColumn, sourceParent).data(ResultsModel::AliveRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {int(ResultsModel::AddressColumn), int(ResultsModel::HostnameColumn)}) {
        if (model->index(sourceRow, column, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool ResultsProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    // Blanks last whatever the order: a blank is "greater" ascending, "smaller" descending.
    const bool descending = sortOrder() == Qt::DescendingOrder;
    if (!l.isValid() || !r.isValid()) {
        if (l.isValid() == r.isValid())
            return left.row() < right.row();
        return descending ? !l.isValid() : !r.isValid();
    }
    const QPartialOrdering order = QVariant::compare(l, r);
    if (order == QPartialOrdering::Equivalent || order == QPartialOrdering::Unordered)
        return left.row() < right.row();
    return order == QPartialOrdering::Less;
}

} // namespace ps
