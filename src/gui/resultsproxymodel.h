#pragma once

#include <QSortFilterProxyModel>

namespace ps {

class ResultsModel;

// Sorting by raw values (numbers as numbers, addresses numerically, blanks last in either
// order) and filtering by address/hostname text and "alive only". Over a ResultsModel both
// read the rows directly (ResultsModel::compareRows): sorting 65,536 rows is about a million
// comparisons, too many to build two QVariants for each within a frame.
class ResultsProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ResultsProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void setAliveOnly(bool aliveOnly);
    bool aliveOnly() const { return m_aliveOnly; }

    // Source rows of the given proxy rows / of every row the filter lets through.
    QList<int> sourceRows(const QModelIndexList &proxyIndexes) const;
    QList<int> visibleSourceRows() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    ResultsModel *m_results = nullptr;
    QString m_text;
    bool m_aliveOnly = false;
};

} // namespace ps
