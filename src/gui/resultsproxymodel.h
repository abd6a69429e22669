#pragma once

#include <QSortFilterProxyModel>

namespace ps {

// Sorting by raw values (numbers as numbers, addresses numerically, blanks last in either
// order) and filtering by address/hostname text and "alive only".
class ResultsProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ResultsProxyModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    void setAliveOnly(bool aliveOnly);
    bool aliveOnly() const { return m_aliveOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    bool m_aliveOnly = false;
};

} // namespace ps
