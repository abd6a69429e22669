#pragma once

#include "hostresult.h"
#include "target.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

class QTimer;

namespace ps {

// One row per target: its state in the executor's vocabulary (pending → running → finished /
// cancelled) and, once done, its HostResult. Completions arrive fast on big sweeps, so they
// are batched: a short timer turns many changed rows into one ranged dataChanged.
class ResultsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AddressColumn,
        HostnameColumn,
        StatusColumn,
        StateColumn,
        RttMinColumn,
        RttAvgColumn,
        RttMaxColumn,
        LossColumn,
        TtlColumn,
        MethodColumn,
        WorkerColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, AliveRole };
    enum class RowState { Pending, Running, Finished, Cancelled };

    explicit ResultsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setTargets(const std::vector<Target> &targets);
    void markRunning(int row);
    void setResult(int row, const HostResult &result);
    void clear();
    // Sends the batched dataChanged now (tests, end of sweep).
    void flush();

    std::optional<HostResult> resultAt(int row) const;
    RowState stateAt(int row) const;
    static QString stateName(RowState state);

private:
    struct Row
    {
        QString address;
        QByteArray addressKey;  // sorts numerically, IPv4 before IPv6, hostnames last
        RowState state = RowState::Pending;
        std::optional<HostResult> result;
    };
    QVariant displayData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    void touch(int row);

    std::vector<Row> m_rows;
    int m_dirtyFirst = -1;
    int m_dirtyLast = -1;
    QTimer *m_flushTimer;
};

} // namespace ps
