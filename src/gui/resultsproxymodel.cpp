#include "resultsproxymodel.h"

#include "resultsmodel.h"

#include <algorithm>

namespace ps {

ResultsProxyModel::ResultsProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ResultsModel::SortRole);
    setDynamicSortFilter(true);
}

void ResultsProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_results = qobject_cast<ResultsModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void ResultsProxyModel::sort(int column, Qt::SortOrder order)
{
    // First, so the model has the column's keys ready for the comparisons that follow.
    if (m_results)
        m_results->setSortColumn(column);
    QSortFilterProxyModel::sort(column, order);
}

void ResultsProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

void ResultsProxyModel::setAliveOnly(bool aliveOnly)
{
    if (aliveOnly == m_aliveOnly)
        return;
    m_aliveOnly = aliveOnly;
    invalidateRowsFilter();
}

QList<int> ResultsProxyModel::sourceRows(const QModelIndexList &proxyIndexes) const
{
    QList<int> rows;
    rows.reserve(proxyIndexes.size());
    for (const QModelIndex &index : proxyIndexes) {
        const QModelIndex source = mapToSource(index);
        if (source.isValid())
            rows.append(source.row());
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

QList<int> ResultsProxyModel::visibleSourceRows() const
{
    QList<int> rows;
    const int count = rowCount();
    rows.reserve(count);
    for (int row = 0; row < count; ++row)
        rows.append(mapToSource(index(row, 0)).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

bool ResultsProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_results) {
        if (m_aliveOnly && !m_results->isAliveAt(sourceRow))
            return false;
        return m_text.isEmpty() || m_results->matchesText(sourceRow, m_text);
    }
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
    ResultsModel::Ordering o;
    if (m_results) {
        o = m_results->compareRows(left.row(), right.row(), left.column());
    } else {
        const QVariant l = left.data(sortRole());
        const QVariant r = right.data(sortRole());
        o.leftBlank = !l.isValid();
        o.rightBlank = !r.isValid();
        if (!o.leftBlank && !o.rightBlank) {
            const QPartialOrdering order = QVariant::compare(l, r);
            o.order = order == QPartialOrdering::Less ? -1 : (order == QPartialOrdering::Greater ? 1 : 0);
        }
    }
    // Blanks last whatever the order: a blank is "greater" ascending, "smaller" descending.
    // Ties keep the source order, so equal rows do not jump about as results arrive.
    const bool descending = sortOrder() == Qt::DescendingOrder;
    if (o.leftBlank || o.rightBlank) {
        if (o.leftBlank == o.rightBlank)
            return descending ? left.row() > right.row() : left.row() < right.row();
        return descending ? o.leftBlank : o.rightBlank;
    }
    if (o.order == 0)
        return descending ? left.row() > right.row() : left.row() < right.row();
    return o.order < 0;
}

} // namespace ps
