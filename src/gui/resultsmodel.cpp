#include "resultsmodel.h"

#include "guiresources.h"
#include "resultcells.h"

#include <QHostAddress>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ps {

namespace {

constexpr int kFlushIntervalMs = 100;
// Past this many changed rows in one batch, a table sorted by a changing column is re-sorted
// whole (layoutChanged): QSortFilterProxyModel re-sorts a dataChanged range row by row, each
// a binary search and a list insert, which for thousands of rows costs far more than one sort.
constexpr int kResortWholeAbove = 256;
// While such a table keeps changing, batches come less often: each is a full sort.
constexpr int kResortIntervalMs = 400;

template<typename T>
int threeWay(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Blank-aware comparison of optional numbers.
template<typename T>
ResultsModel::Ordering compareOptional(const std::optional<T> &a, const std::optional<T> &b)
{
    ResultsModel::Ordering o;
    o.leftBlank = !a.has_value();
    o.rightBlank = !b.has_value();
    if (a && b)
        o.order = threeWay(*a, *b);
    return o;
}

ResultsModel::Ordering compareText(const QString &a, const QString &b)
{
    ResultsModel::Ordering o;
    o.leftBlank = a.isEmpty();
    o.rightBlank = b.isEmpty();
    if (!o.leftBlank && !o.rightBlank)
        o.order = a.compare(b, Qt::CaseInsensitive);
    return o;
}

} // namespace

ResultsModel::ResultsModel(QObject *parent)
    : QAbstractTableModel(parent), m_flushTimer(new QTimer(this)), m_exposeTimer(new QTimer(this))
{
    initGuiResources();
    m_statusIcons[std::size_t(HostResult::Status::Alive)] = QIcon(QStringLiteral(":/icons/status-alive.svg"));
    m_statusIcons[std::size_t(HostResult::Status::Dead)] = QIcon(QStringLiteral(":/icons/status-dead.svg"));
    m_statusIcons[std::size_t(HostResult::Status::Error)] = QIcon(QStringLiteral(":/icons/status-error.svg"));
    m_statusIcons[std::size_t(HostResult::Status::Cancelled)] = QIcon(QStringLiteral(":/icons/status-cancelled.svg"));
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &ResultsModel::flush);
    m_exposeTimer->setInterval(0);  // one chunk per event-loop turn
    connect(m_exposeTimer, &QTimer::timeout, this, &ResultsModel::exposeMore);
}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_exposed;
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ResultsModel::stateName(RowState state)
{
    return ResultCells::stateName(state);
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    return ResultCells::header(section, role);
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &row = m_rows[std::size_t(index.row())];
    const HostResult *result = row.result.get();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return ResultCells::display(row.address, row.state, result, column);
    case SortRole:
        return ResultCells::sortValue(row.address, row.state, result, column);
    case AliveRole:
        return result && result->isAlive();
    case Qt::DecorationRole:
        if (column == StatusColumn && result)
            return m_statusIcons[std::size_t(result->status)];
        return QVariant();
    case Qt::TextAlignmentRole:
        return ResultCells::alignment(column);
    case Qt::ForegroundRole:
        return ResultCells::foreground(row.state, result, column);
    case Qt::ToolTipRole:
        return ResultCells::toolTip(result, column);
    }
    return QVariant();
}

ResultsModel::AddressKey ResultsModel::addressKey(const QHostAddress &address)
{
    AddressKey key;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        key.kind = 0;
        key.lo = address.toIPv4Address();
    } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        key.kind = 1;
        const Q_IPV6ADDR v6 = address.toIPv6Address();
        for (int i = 0; i < 8; ++i) {
            key.hi = (key.hi << 8) | v6.c[i];
            key.lo = (key.lo << 8) | v6.c[8 + i];
        }
    }
    return key;
}

void ResultsModel::resetRows(std::vector<Row> rows, std::vector<AddressKey> keys, int exposed)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_keys = std::move(keys);
    m_exposed = std::min(exposed, int(m_rows.size()));
    m_counts = {};
    for (const Row &row : m_rows)
        count(row, +1);
    m_dirtyFirst = m_dirtyLast = -1;
    m_flushTimer->stop();
    setSortColumn(m_sortColumn);  // rebuilds the numeric keys for the new rows
    endResetModel();
    if (m_exposed < int(m_rows.size()))
        m_exposeTimer->start();
    else
        m_exposeTimer->stop();
}

void ResultsModel::exposeMore()
{
    const int total = int(m_rows.size());
    if (m_exposed >= total) {
        m_exposeTimer->stop();
        return;
    }
    const int last = std::min(total, m_exposed + kExposeChunk) - 1;
    beginInsertRows({}, m_exposed, last);
    m_exposed = last + 1;
    endInsertRows();
    if (m_exposed >= total)
        m_exposeTimer->stop();
}

quint64 ResultsModel::setTargets(const std::vector<Target> &targets)
{
    const quint64 first = m_nextId;
    std::vector<Row> rows(targets.size());
    std::vector<AddressKey> keys(targets.size());
    // Target already holds the parsed address: no text is parsed again here.
    for (std::size_t i = 0; i < targets.size(); ++i) {
        rows[i].id = m_nextId++;
        rows[i].address = targets[i].text;
        keys[i] = addressKey(targets[i].address);
    }
    resetRows(std::move(rows), std::move(keys), kExposeChunk);
    return first;
}

void ResultsModel::setResults(const std::vector<HostResult> &results)
{
    std::vector<Row> rows(results.size());
    std::vector<AddressKey> keys(results.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        const HostResult &r = results[i];
        rows[i].id = m_nextId++;
        rows[i].address = r.address;
        rows[i].state = r.status == HostResult::Status::Cancelled ? RowState::Cancelled : RowState::Finished;
        rows[i].result = std::make_unique<HostResult>(r);
        keys[i] = addressKey(QHostAddress(r.address));
    }
    resetRows(std::move(rows), std::move(keys), kExposeChunk);
}

void ResultsModel::clear()
{
    resetRows({}, {}, 0);
}

void ResultsModel::removeRowsAt(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Only rows the views know can be removed.
    rows.erase(std::remove_if(rows.begin(), rows.end(), [this](int r) { return r < 0 || r >= m_exposed; }),
               rows.end());
    if (rows.isEmpty())
        return;
    flush();  // pending dataChanged rows must not outlive the rows they name
    // Contiguous runs, last first, so earlier row numbers stay valid. Past a few hundred runs
    // one reset is cheaper for the proxy and the view than hundreds of removals.
    QList<std::pair<int, int>> runs;
    for (int row : rows) {
        if (!runs.isEmpty() && runs.last().second + 1 == row)
            runs.last().second = row;
        else
            runs.append({row, row});
    }
    if (runs.size() > 256) {
        std::vector<Row> kept;
        std::vector<AddressKey> keptKeys;
        kept.reserve(m_rows.size() - std::size_t(rows.size()));
        keptKeys.reserve(kept.capacity());
        auto next = rows.cbegin();
        for (int i = 0; i < int(m_rows.size()); ++i) {
            if (next != rows.cend() && *next == i) {
                ++next;
                continue;
            }
            kept.push_back(std::move(m_rows[std::size_t(i)]));
            keptKeys.push_back(m_keys[std::size_t(i)]);
        }
        resetRows(std::move(kept), std::move(keptKeys), m_exposed - int(rows.size()));
        return;
    }
    for (auto run = runs.crbegin(); run != runs.crend(); ++run) {
        beginRemoveRows({}, run->first, run->second);
        for (int i = run->first; i <= run->second; ++i)
            count(m_rows[std::size_t(i)], -1);
        m_rows.erase(m_rows.begin() + run->first, m_rows.begin() + run->second + 1);
        m_keys.erase(m_keys.begin() + run->first, m_keys.begin() + run->second + 1);
        if (!m_sortKeys.empty())
            m_sortKeys.erase(m_sortKeys.begin() + run->first, m_sortKeys.begin() + run->second + 1);
        m_exposed -= run->second - run->first + 1;
        endRemoveRows();
    }
}

void ResultsModel::count(const Row &row, int delta)
{
    if (row.state == RowState::Pending || row.state == RowState::Running || !row.result) {
        m_counts.unfinished += delta;
        return;
    }
    switch (row.result->status) {
    case HostResult::Status::Alive: m_counts.alive += delta; break;
    case HostResult::Status::Dead: m_counts.dead += delta; break;
    case HostResult::Status::Error: m_counts.error += delta; break;
    case HostResult::Status::Cancelled: m_counts.cancelled += delta; break;
    }
}

void ResultsModel::markRunning(int row)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    m_rows[std::size_t(row)].state = RowState::Running;
    updateSortKey(row);
    touch(row);
}

void ResultsModel::setResult(int row, const HostResult &result)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    Row &r = m_rows[std::size_t(row)];
    count(r, -1);
    if (r.result)
        *r.result = result;
    else
        r.result = std::make_unique<HostResult>(result);
    r.state = result.status == HostResult::Status::Cancelled ? RowState::Cancelled : RowState::Finished;
    count(r, +1);
    updateSortKey(row);
    touch(row);
}

void ResultsModel::resetRow(int row)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    Row &r = m_rows[std::size_t(row)];
    count(r, -1);
    r.result.reset();
    r.state = RowState::Pending;
    count(r, +1);
    updateSortKey(row);
    touch(row);
}

void ResultsModel::touch(int row)
{
    if (row >= m_exposed)
        return;  // not shown yet: it is inserted with what it holds now
    m_dirtyFirst = m_dirtyFirst < 0 ? row : std::min(m_dirtyFirst, row);
    m_dirtyLast = std::max(m_dirtyLast, row);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void ResultsModel::flush()
{
    m_flushTimer->stop();
    if (m_dirtyFirst < 0)
        return;
    const int changed = m_dirtyLast - m_dirtyFirst + 1;
    if (m_sortColumn > AddressColumn && changed > kResortWholeAbove) {
        m_dirtyFirst = m_dirtyLast = -1;
        m_flushTimer->setInterval(kResortIntervalMs);
        // Rows keep their places in this model: no persistent index moves.
        Q_EMIT layoutAboutToBeChanged();
        Q_EMIT layoutChanged();
        return;
    }
    m_flushTimer->setInterval(kFlushIntervalMs);
    // The address never changes once a row exists, so the range starts after it: a proxy
    // sorted by address (the default) then has nothing to re-sort, only cells to repaint.
    const QModelIndex first = index(m_dirtyFirst, HostnameColumn);
    const QModelIndex last = index(m_dirtyLast, ColumnCount - 1);
    m_dirtyFirst = m_dirtyLast = -1;
    Q_EMIT dataChanged(first, last);
}

bool ResultsModel::isNumericColumn(int column)
{
    switch (column) {
    case StatusColumn:
    case StateColumn:
    case RttMinColumn:
    case RttAvgColumn:
    case RttMaxColumn:
    case LossColumn:
    case TtlColumn:
        return true;
    }
    return false;
}

double ResultsModel::numericKey(const Row &row, int column) const
{
    constexpr double blank = std::numeric_limits<double>::quiet_NaN();
    if (column == StateColumn)
        return double(row.state);
    const HostResult *r = row.result.get();
    if (!r)
        return blank;
    auto value = [](const auto &optional) { return optional ? double(*optional) : blank; };
    switch (column) {
    case StatusColumn: return double(r->status);
    case RttMinColumn: return value(r->rttMinMs);
    case RttAvgColumn: return value(r->rttAvgMs);
    case RttMaxColumn: return value(r->rttMaxMs);
    case LossColumn: return value(r->lossPercent());
    case TtlColumn: return value(r->ttl);
    }
    return blank;
}

void ResultsModel::setSortColumn(int column)
{
    m_sortColumn = column;
    m_sortKeys.clear();
    if (!isNumericColumn(column))
        return;
    m_sortKeys.resize(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_sortKeys[i] = numericKey(m_rows[i], column);
}

void ResultsModel::updateSortKey(int row)
{
    if (!m_sortKeys.empty())
        m_sortKeys[std::size_t(row)] = numericKey(m_rows[std::size_t(row)], m_sortColumn);
}

int ResultsModel::rowOfId(quint64 id) const
{
    if (m_rows.empty())
        return -1;
    // Without removals the row is right where the id says; otherwise ids are still sorted.
    const quint64 offset = id - m_rows.front().id;
    if (id >= m_rows.front().id && offset < m_rows.size() && m_rows[std::size_t(offset)].id == id)
        return int(offset);
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                                     [](const Row &row, quint64 value) { return row.id < value; });
    return it != m_rows.cend() && it->id == id ? int(it - m_rows.cbegin()) : -1;
}

std::optional<HostResult> ResultsModel::resultAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()) || !m_rows[std::size_t(row)].result)
        return std::nullopt;
    return *m_rows[std::size_t(row)].result;
}

ResultsModel::RowState ResultsModel::stateAt(int row) const
{
    return m_rows.at(std::size_t(row)).state;
}

std::vector<HostResult> ResultsModel::results(const QList<int> &rows) const
{
    std::vector<HostResult> out;
    out.reserve(std::size_t(rows.size()));
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    for (int row : sorted) {
        if (row >= 0 && row < int(m_rows.size()) && m_rows[std::size_t(row)].result)
            out.push_back(*m_rows[std::size_t(row)].result);
    }
    return out;
}

std::vector<HostResult> ResultsModel::allResults() const
{
    std::vector<HostResult> out;
    out.reserve(m_rows.size());
    for (const Row &row : m_rows) {
        if (row.result)
            out.push_back(*row.result);
    }
    return out;
}

bool ResultsModel::isAliveAt(int row) const
{
    const Row &r = m_rows[std::size_t(row)];
    return r.result && r.result->isAlive();
}

bool ResultsModel::matchesText(int row, const QString &text) const
{
    const Row &r = m_rows[std::size_t(row)];
    return r.address.contains(text, Qt::CaseInsensitive)
        || (r.result && r.result->hostname.contains(text, Qt::CaseInsensitive));
}

ResultsModel::Ordering ResultsModel::compareRows(int left, int right, int column) const
{
    Ordering o;
    if (column == AddressColumn) {
        // Only the compact keys are read for addresses (see AddressKey).
        const AddressKey &ka = m_keys[std::size_t(left)];
        const AddressKey &kb = m_keys[std::size_t(right)];
        if (ka.kind != kb.kind)
            o.order = ka.kind < kb.kind ? -1 : 1;
        else if (ka.kind < 2)
            o.order = ka.hi != kb.hi ? threeWay(ka.hi, kb.hi) : threeWay(ka.lo, kb.lo);
        else
            o.order = m_rows[std::size_t(left)].address.compare(m_rows[std::size_t(right)].address, Qt::CaseInsensitive);
        return o;
    }
    if (column == m_sortColumn && !m_sortKeys.empty()) {
        const double ka = m_sortKeys[std::size_t(left)];
        const double kb = m_sortKeys[std::size_t(right)];
        o.leftBlank = std::isnan(ka);
        o.rightBlank = std::isnan(kb);
        if (!o.leftBlank && !o.rightBlank)
            o.order = threeWay(ka, kb);
        return o;
    }
    const Row &a = m_rows[std::size_t(left)];
    const Row &b = m_rows[std::size_t(right)];
    if (column == StateColumn) {
        o.order = threeWay(int(a.state), int(b.state));
        return o;
    }
    const HostResult *ra = a.result.get();
    const HostResult *rb = b.result.get();
    if (!ra || !rb) {
        o.leftBlank = !ra;
        o.rightBlank = !rb;
        return o;
    }
    switch (column) {
    case HostnameColumn: return compareText(ra->hostname, rb->hostname);
    case StatusColumn: o.order = threeWay(int(ra->status), int(rb->status)); return o;
    case RttMinColumn: return compareOptional(ra->rttMinMs, rb->rttMinMs);
    case RttAvgColumn: return compareOptional(ra->rttAvgMs, rb->rttAvgMs);
    case RttMaxColumn: return compareOptional(ra->rttMaxMs, rb->rttMaxMs);
    case LossColumn: return compareOptional(ra->lossPercent(), rb->lossPercent());
    case TtlColumn: return compareOptional(ra->ttl, rb->ttl);
    case MethodColumn: return compareText(ra->method, rb->method);
    case WorkerColumn: return compareText(ra->worker, rb->worker);
    case ErrorColumn: return compareText(ra->error, rb->error);
    }
    return o;
}

} // namespace ps
