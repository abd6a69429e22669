#include "resultsmodel.h"

#include <QBrush>
#include <QColor>
#include <QHostAddress>
#include <QTimer>

namespace ps {

namespace {

constexpr int kFlushIntervalMs = 100;

QByteArray addressSortKey(const QString &text)
{
    const QHostAddress address(text);
    QByteArray key;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v4 = address.toIPv4Address();
        key.append(char(0));
        for (int shift = 24; shift >= 0; shift -= 8)
            key.append(char((v4 >> shift) & 0xff));
    } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR v6 = address.toIPv6Address();
        key.append(char(1));
        key.append(reinterpret_cast<const char *>(v6.c), 16);
    } else {
        key.append(char(2));
        key.append(text.toLower().toUtf8());
    }
    return key;
}

QString formatMs(const std::optional<double> &ms)
{
    return ms ? QString::number(*ms, 'f', 3) : QString();
}

QVariant optionalVariant(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant();
}

} // namespace

ResultsModel::ResultsModel(QObject *parent) : QAbstractTableModel(parent), m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &ResultsModel::flush);
}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ResultsModel::stateName(RowState state)
{
    switch (state) {
    case RowState::Pending: return tr("pending");
    case RowState::Running: return tr("running");
    case RowState::Finished: return tr("finished");
    case RowState::Cancelled: return tr("cancelled");
    }
    return QString();
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AddressColumn: return tr("Address");
    case HostnameColumn: return tr("Hostname");
    case StatusColumn: return tr("Status");
    case StateColumn: return tr("State");
    case RttMinColumn: return tr("RTT min (ms)");
    case RttAvgColumn: return tr("RTT avg (ms)");
    case RttMaxColumn: return tr("RTT max (ms)");
    case LossColumn: return tr("Loss %");
    case TtlColumn: return tr("TTL");
    case MethodColumn: return tr("Method");
    case WorkerColumn: return tr("Worker");
    case ErrorColumn: return tr("Error");
    }
    return QVariant();
}

QVariant ResultsModel::displayData(const Row &row, int column) const
{
    if (column == AddressColumn)
        return row.address;
    if (column == StateColumn)
        return stateName(row.state);
    if (!row.result)
        return QVariant();
    const HostResult &r = *row.result;
    switch (column) {
    case HostnameColumn: return r.hostname;
    case StatusColumn: return HostResult::statusName(r.status);
    case RttMinColumn: return formatMs(r.rttMinMs);
    case RttAvgColumn: return formatMs(r.rttAvgMs);
    case RttMaxColumn: return formatMs(r.rttMaxMs);
    case LossColumn: {
        const auto loss = r.lossPercent();
        return loss ? QString::number(*loss, 'f', 0) : QString();
    }
    case TtlColumn: return r.ttl ? QString::number(*r.ttl) : QString();
    case MethodColumn: return r.method;
    case WorkerColumn: return r.worker;
    case ErrorColumn: return r.error;
    }
    return QVariant();
}

// Raw values for sorting: numbers as numbers, an empty QVariant for blanks (the proxy sorts
// those last), addresses by their bytes.
QVariant ResultsModel::sortData(const Row &row, int column) const
{
    if (column == AddressColumn)
        return row.addressKey;
    if (column == StateColumn)
        return int(row.state);
    if (!row.result)
        return QVariant();
    const HostResult &r = *row.result;
    switch (column) {
    case StatusColumn: return int(r.status);
    case RttMinColumn: return optionalVariant(r.rttMinMs);
    case RttAvgColumn: return optionalVariant(r.rttAvgMs);
    case RttMaxColumn: return optionalVariant(r.rttMaxMs);
    case LossColumn: return optionalVariant(r.lossPercent());
    case TtlColumn: return r.ttl ? QVariant(*r.ttl) : QVariant();
    default: {
        const QString text = displayData(row, column).toString();
        return text.isEmpty() ? QVariant() : QVariant(text.toLower());
    }
    }
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        return sortData(row, index.column());
    case AliveRole:
        return row.result && row.result->isAlive();
    case Qt::TextAlignmentRole:
        if (index.column() >= RttMinColumn && index.column() <= TtlColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && row.result) {
            switch (row.result->status) {
            case HostResult::Status::Alive: return QBrush(QColor(0x1b, 0x7f, 0x3b));
            case HostResult::Status::Dead: return QBrush(QColor(0x9a, 0x9a, 0x9a));
            case HostResult::Status::Error: return QBrush(QColor(0xc0, 0x39, 0x2b));
            case HostResult::Status::Cancelled: return QBrush(QColor(0x9a, 0x9a, 0x9a));
            }
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == ErrorColumn && row.result)
            return row.result->error;
        return QVariant();
    }
    return QVariant();
}

void ResultsModel::setTargets(const std::vector<Target> &targets)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(targets.size());
    for (const Target &t : targets)
        m_rows.push_back({t.text, addressSortKey(t.text), RowState::Pending, std::nullopt});
    m_dirtyFirst = m_dirtyLast = -1;
    endResetModel();
}

void ResultsModel::clear()
{
    setTargets({});
}

void ResultsModel::markRunning(int row)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    m_rows[std::size_t(row)].state = RowState::Running;
    touch(row);
}

void ResultsModel::setResult(int row, const HostResult &result)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    Row &r = m_rows[std::size_t(row)];
    r.result = result;
    r.state = result.status == HostResult::Status::Cancelled ? RowState::Cancelled : RowState::Finished;
    touch(row);
}

void ResultsModel::touch(int row)
{
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
    const QModelIndex first = index(m_dirtyFirst, 0);
    const QModelIndex last = index(m_dirtyLast, ColumnCount - 1);
    m_dirtyFirst = m_dirtyLast = -1;
    Q_EMIT dataChanged(first, last);
}

std::optional<HostResult> ResultsModel::resultAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return std::nullopt;
    return m_rows[std::size_t(row)].result;
}

ResultsModel::RowState ResultsModel::stateAt(int row) const
{
    return m_rows.at(std::size_t(row)).state;
}

} // namespace ps
