#include "resultcells.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QHostAddress>

namespace ps {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ps::ResultsModel", text);
}

QString formatMs(const std::optional<double> &ms)
{
    return ms ? QString::number(*ms, 'f', 3) : QString();
}

QVariant optionalVariant(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant();
}

// Status colours that read on light and dark palettes alike.
const QColor kAlive(0x1b, 0x7f, 0x3b);
const QColor kQuiet(0x8a, 0x8a, 0x8a);
const QColor kError(0xc0, 0x39, 0x2b);
const QColor kRunning(0x2e, 0x7b, 0xbf);

} // namespace

QString ResultCells::stateName(RowState state)
{
    switch (state) {
    case RowState::Pending: return tr("pending");
    case RowState::Running: return tr("running");
    case RowState::Finished: return tr("finished");
    case RowState::Cancelled: return tr("cancelled");
    }
    return QString();
}

QVariant ResultCells::header(int section, int role)
{
    if (role == Qt::TextAlignmentRole)
        return alignment(section);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ResultsModel::StateColumn:
            return tr("Where the host is in the sweep: pending, running, finished or cancelled");
        case ResultsModel::LossColumn: return tr("Probes without a reply, in percent");
        case ResultsModel::WorkerColumn: return tr("The worker thread or process that probed the host");
        case ResultsModel::RttMinColumn:
        case ResultsModel::RttAvgColumn:
        case ResultsModel::RttMaxColumn: return tr("Round-trip time in milliseconds");
        }
        return QVariant();
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case ResultsModel::AddressColumn: return tr("Address");
    case ResultsModel::HostnameColumn: return tr("Hostname");
    case ResultsModel::StatusColumn: return tr("Status");
    case ResultsModel::StateColumn: return tr("State");
    case ResultsModel::RttMinColumn: return tr("Min ms");
    case ResultsModel::RttAvgColumn: return tr("Avg ms");
    case ResultsModel::RttMaxColumn: return tr("Max ms");
    case ResultsModel::LossColumn: return tr("Loss %");
    case ResultsModel::TtlColumn: return tr("TTL");
    case ResultsModel::MethodColumn: return tr("Method");
    case ResultsModel::WorkerColumn: return tr("Worker");
    case ResultsModel::ErrorColumn: return tr("Error");
    }
    return QVariant();
}

QVariant ResultCells::display(const QString &address, RowState state, const HostResult *r, int column)
{
    if (column == ResultsModel::AddressColumn)
        return address;
    if (column == ResultsModel::StateColumn)
        return stateName(state);
    if (!r)
        return QVariant();
    switch (column) {
    case ResultsModel::HostnameColumn: return r->hostname;
    case ResultsModel::StatusColumn: return HostResult::statusName(r->status);
    case ResultsModel::RttMinColumn: return formatMs(r->rttMinMs);
    case ResultsModel::RttAvgColumn: return formatMs(r->rttAvgMs);
    case ResultsModel::RttMaxColumn: return formatMs(r->rttMaxMs);
    case ResultsModel::LossColumn: {
        const auto loss = r->lossPercent();
        return loss ? QString::number(*loss, 'f', 0) : QString();
    }
    case ResultsModel::TtlColumn: return r->ttl ? QString::number(*r->ttl) : QString();
    case ResultsModel::MethodColumn: return r->method;
    case ResultsModel::WorkerColumn: return r->worker;
    case ResultsModel::ErrorColumn: return r->error;
    }
    return QVariant();
}

// Raw values for sorting by role (other proxies, tests): numbers as numbers, an empty QVariant
// for blanks, addresses as bytes that sort numerically (IPv4 before IPv6, names after).
// ResultsProxyModel uses ResultsModel::compareRows() instead: the same order without building
// two QVariants per comparison.
QVariant ResultCells::sortValue(const QString &address, RowState state, const HostResult *r, int column)
{
    if (column == ResultsModel::AddressColumn) {
        const QHostAddress parsed(address);
        QByteArray key;
        if (parsed.protocol() == QAbstractSocket::IPv4Protocol) {
            const quint32 v4 = parsed.toIPv4Address();
            key.append(char(0));
            for (int shift = 24; shift >= 0; shift -= 8)
                key.append(char((v4 >> shift) & 0xff));
        } else if (parsed.protocol() == QAbstractSocket::IPv6Protocol) {
            const Q_IPV6ADDR v6 = parsed.toIPv6Address();
            key.append(char(1));
            key.append(reinterpret_cast<const char *>(v6.c), 16);
        } else {
            key.append(char(2));
            key.append(address.toLower().toUtf8());
        }
        return key;
    }
    if (column == ResultsModel::StateColumn)
        return int(state);
    if (!r)
        return QVariant();
    switch (column) {
    case ResultsModel::StatusColumn: return int(r->status);
    case ResultsModel::RttMinColumn: return optionalVariant(r->rttMinMs);
    case ResultsModel::RttAvgColumn: return optionalVariant(r->rttAvgMs);
    case ResultsModel::RttMaxColumn: return optionalVariant(r->rttMaxMs);
    case ResultsModel::LossColumn: return optionalVariant(r->lossPercent());
    case ResultsModel::TtlColumn: return r->ttl ? QVariant(*r->ttl) : QVariant();
    default: {
        const QString text = display(address, state, r, column).toString();
        return text.isEmpty() ? QVariant() : QVariant(text.toLower());
    }
    }
}

QVariant ResultCells::foreground(RowState state, const HostResult *r, int column)
{
    if (column == ResultsModel::StatusColumn && r) {
        switch (r->status) {
        case HostResult::Status::Alive: return QBrush(kAlive);
        case HostResult::Status::Dead: return QBrush(kQuiet);
        case HostResult::Status::Error: return QBrush(kError);
        case HostResult::Status::Cancelled: return QBrush(kQuiet);
        }
    }
    if (column == ResultsModel::StateColumn && state != RowState::Finished)
        return QBrush(state == RowState::Running ? kRunning : kQuiet);
    if (column == ResultsModel::ErrorColumn)
        return QBrush(kError);
    return QVariant();
}

QVariant ResultCells::alignment(int column)
{
    if (column >= ResultsModel::RttMinColumn && column <= ResultsModel::TtlColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return QVariant();
}

QVariant ResultCells::toolTip(const HostResult *r, int column)
{
    if ((column == ResultsModel::ErrorColumn || column == ResultsModel::StatusColumn) && r && !r->error.isEmpty())
        return r->error;
    return QVariant();
}

} // namespace ps
