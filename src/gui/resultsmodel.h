#pragma once

#include "hostresult.h"
#include "target.h"

#include <QAbstractTableModel>
#include <QIcon>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace ps {

// One row per target: its state in the executor's vocabulary (pending → running → finished /
// cancelled) and, once done, its HostResult. Completions arrive fast on big sweeps, so they
// are batched: a short timer turns many changed rows into one ranged dataChanged.
//
// Every row has an id that never changes while the row lives; ids grow with the row number
// (rows are only ever appended in id order or removed), so a sweep that runs while the user
// removes rows can still find its rows (rowOfId) without a hash of 65,536 entries.
//
// A big table is shown to views a chunk per event-loop turn (kExposeChunk rows): the model
// holds every row at once, but sorting 65,536 new rows into the proxy in one go would hold the
// GUI thread for several frames. Rows not shown yet still take results (rowOfId, setResult);
// they appear with whatever they hold when their chunk is inserted.
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

    // Rows by outcome, for the status bar; always true to the table (removals included).
    struct Counts
    {
        int alive = 0;
        int dead = 0;
        int error = 0;
        int cancelled = 0;
        int unfinished = 0;  // pending or running
    };

    // The outcome of comparing two rows by a column's raw value. Blanks are reported rather
    // than ordered, so the proxy can put them last in either sort direction.
    struct Ordering
    {
        int order = 0;  // <0, 0, >0 when neither is blank
        bool leftBlank = false;
        bool rightBlank = false;
    };

    explicit ResultsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;  // rows shown to views
    int totalRows() const { return int(m_rows.size()); }           // shown or about to be
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static constexpr int kExposeChunk = 8192;

    // Replaces every row with one pending row per target; returns the first row's id.
    quint64 setTargets(const std::vector<Target> &targets);
    // Replaces every row with finished rows holding these results (a sweep opened from CSV).
    void setResults(const std::vector<HostResult> &results);
    void clear();
    // Removes rows (any order, duplicates ignored).
    void removeRowsAt(QList<int> rows);

    void markRunning(int row);
    void setResult(int row, const HostResult &result);
    // Back to pending, result dropped: the row is about to be probed again.
    void resetRow(int row);
    // Sends the batched dataChanged now (tests, end of sweep).
    void flush();

    quint64 idAt(int row) const { return m_rows.at(std::size_t(row)).id; }
    int rowOfId(quint64 id) const;  // -1 when the row was removed
    QString addressAt(int row) const { return m_rows.at(std::size_t(row)).address; }
    std::optional<HostResult> resultAt(int row) const;
    RowState stateAt(int row) const;
    Counts counts() const { return m_counts; }
    // The results of these rows (or of all rows) in row order; rows without one yet (pending,
    // running) are left out, as the CSV contract has no status for them.
    std::vector<HostResult> results(const QList<int> &rows) const;
    std::vector<HostResult> allResults() const;

    Ordering compareRows(int left, int right, int column) const;
    // The column the proxy sorts by (ResultsProxyModel tells it). For a numeric column the
    // model keeps its values side by side, so a full sort reads 8 bytes a row; and while
    // results stream into a table sorted by anything but the address, a big batch is sent as
    // one layoutChanged (one re-sort) instead of a ranged dataChanged that the proxy would
    // re-sort row by row.
    void setSortColumn(int column);
    bool isAliveAt(int row) const;
    bool matchesText(int row, const QString &text) const;  // address or hostname, case-blind

    static QString stateName(RowState state);

private:
    // Sorts addresses by number, IPv4 before IPv6, host names last (by text). Kept apart from
    // the rows, 24 bytes each: sorting 65,536 rows compares about a million pairs, and with
    // the keys side by side in memory those comparisons stay in the cache.
    struct AddressKey
    {
        quint64 hi = 0;
        quint64 lo = 0;
        quint8 kind = 2;  // 0 IPv4, 1 IPv6, 2 host name
    };
    // 48 bytes: the result is allocated when it arrives, so 65,536 pending rows are a few MB
    // to set up, not 16.
    struct Row
    {
        quint64 id = 0;
        QString address;
        RowState state = RowState::Pending;
        std::unique_ptr<HostResult> result;
    };
    static AddressKey addressKey(const QHostAddress &address);
    void exposeMore();
    static bool isNumericColumn(int column);
    double numericKey(const Row &row, int column) const;  // NaN for a blank
    void updateSortKey(int row);
    void touch(int row);
    void count(const Row &row, int delta);
    void resetRows(std::vector<Row> rows, std::vector<AddressKey> keys, int exposed);

    std::vector<Row> m_rows;
    std::vector<AddressKey> m_keys;  // one per row
    int m_exposed = 0;               // rows [0, m_exposed) are shown to views
    int m_sortColumn = AddressColumn;
    std::vector<double> m_sortKeys;  // m_sortColumn's values when it is numeric, else empty
    quint64 m_nextId = 1;
    Counts m_counts;
    int m_dirtyFirst = -1;
    int m_dirtyLast = -1;
    QTimer *m_flushTimer;
    QTimer *m_exposeTimer;
    std::array<QIcon, 4> m_statusIcons;  // by HostResult::Status
};

} // namespace ps
