#include "resultcolumns.h"

#include <QLatin1String>

#include <cmath>

namespace ps {

namespace {

struct ColumnSpec
{
    QLatin1String name;
    ResultValueKind kind;
};

// Indexed by ResultColumn; the order is the contract.
constexpr ColumnSpec columnSpecs[ResultColumnCount] = {
    {QLatin1String("address"), ResultValueKind::Text},
    {QLatin1String("hostname"), ResultValueKind::Text},
    {QLatin1String("status"), ResultValueKind::Text},
    {QLatin1String("sent"), ResultValueKind::Integer},
    {QLatin1String("received"), ResultValueKind::Integer},
    {QLatin1String("loss_pct"), ResultValueKind::Decimal},
    {QLatin1String("rtt_min_ms"), ResultValueKind::Decimal},
    {QLatin1String("rtt_avg_ms"), ResultValueKind::Decimal},
    {QLatin1String("rtt_max_ms"), ResultValueKind::Decimal},
    {QLatin1String("ttl"), ResultValueKind::Integer},
    {QLatin1String("method"), ResultValueKind::Text},
    {QLatin1String("worker"), ResultValueKind::Text},
    {QLatin1String("finished_at"), ResultValueKind::Text},
    {QLatin1String("error"), ResultValueKind::Text},
};

QString decimalCell(const std::optional<double> &value)
{
    // NaN or infinity cannot be written as a plain number; they carry no measurement either.
    if (!value || !std::isfinite(*value))
        return QString();
    return QString::number(*value, 'f', ResultDecimalPlaces);
}

// Values from the file end up in error messages shown in a dialog or on a terminal: keep them
// short and free of control characters (a hostile cell could otherwise rewrite the line).
QString forMessage(const QString &value)
{
    constexpr qsizetype maxLength = 40;
    QString shown = value.left(maxLength);
    for (QChar &c : shown) {
        if (c.category() == QChar::Other_Control)
            c = u'?';
    }
    if (value.size() > maxLength)
        shown += QStringLiteral("...");
    return u'\'' + shown + u'\'';
}

bool isAsciiDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// Plain notation only: digits with an optional '.' fraction. No sign (negative values never
// occur in our columns), no exponent, no spaces, no "nan"/"inf".
bool parseDecimal(const QString &text, double *value)
{
    const qsizetype dot = text.indexOf(u'.');
    const bool plain = dot < 0 ? isAsciiDigits(text)
                               : isAsciiDigits(QStringView(text).left(dot))
                                     && isAsciiDigits(QStringView(text).mid(dot + 1));
    if (!plain)
        return false;
    bool ok = false;
    *value = text.toDouble(&ok);
    return ok && std::isfinite(*value);
}

bool parseCount(const QString &text, int *value)
{
    bool ok = false;
    *value = text.toInt(&ok);
    return ok && isAsciiDigits(text);
}

} // namespace

QString resultColumnName(ResultColumn column)
{
    return columnSpecs[int(column)].name;
}

ResultValueKind resultColumnKind(ResultColumn column)
{
    return columnSpecs[int(column)].kind;
}

QStringList resultColumnNames()
{
    QStringList names;
    names.reserve(ResultColumnCount);
    for (const ColumnSpec &spec : columnSpecs)
        names.append(spec.name);
    return names;
}

QStringList resultCells(const HostResult &r)
{
    QStringList cells(ResultColumnCount);
    auto set = [&cells](ResultColumn column, const QString &value) { cells[int(column)] = value; };
    set(ResultColumn::Address, r.address);
    set(ResultColumn::Hostname, r.hostname);
    set(ResultColumn::Status, HostResult::statusName(r.status));
    set(ResultColumn::Sent, QString::number(r.sent));
    set(ResultColumn::Received, QString::number(r.received));
    set(ResultColumn::LossPct, decimalCell(r.lossPercent()));
    set(ResultColumn::RttMinMs, decimalCell(r.rttMinMs));
    set(ResultColumn::RttAvgMs, decimalCell(r.rttAvgMs));
    set(ResultColumn::RttMaxMs, decimalCell(r.rttMaxMs));
    set(ResultColumn::Ttl, r.ttl ? QString::number(*r.ttl) : QString());
    set(ResultColumn::Method, r.method);
    set(ResultColumn::Worker, r.worker);
    set(ResultColumn::FinishedAt,
        r.finishedAt.isValid() ? r.finishedAt.toUTC().toString(Qt::ISODateWithMs) : QString());
    set(ResultColumn::Error, r.error);
    return cells;
}

bool resultFromCells(const QStringList &cells, HostResult *result, QString *error)
{
    if (cells.size() != ResultColumnCount) {
        *error = QStringLiteral("expected %1 fields, found %2").arg(ResultColumnCount).arg(cells.size());
        return false;
    }
    auto cell = [&cells](ResultColumn column) -> const QString & { return cells.at(int(column)); };
    auto fail = [&](ResultColumn column, const QString &what) {
        *error = QStringLiteral("column '%1': %2, found %3")
                     .arg(resultColumnName(column), what, forMessage(cell(column)));
        return false;
    };
    auto decimal = [&](ResultColumn column, std::optional<double> *value) {
        if (cell(column).isEmpty()) {
            value->reset();
            return true;
        }
        double v = 0;
        if (!parseDecimal(cell(column), &v))
            return fail(column, QStringLiteral("expected a plain decimal number such as 12.345 or an empty cell"));
        *value = v;
        return true;
    };

    HostResult r;
    r.address = cell(ResultColumn::Address);
    if (r.address.isEmpty())
        return fail(ResultColumn::Address, QStringLiteral("must not be empty"));
    r.hostname = cell(ResultColumn::Hostname);

    const std::optional<HostResult::Status> status = HostResult::statusFromName(cell(ResultColumn::Status));
    if (!status)
        return fail(ResultColumn::Status, QStringLiteral("expected alive, dead, error or cancelled"));
    r.status = *status;

    if (!parseCount(cell(ResultColumn::Sent), &r.sent))
        return fail(ResultColumn::Sent, QStringLiteral("expected a whole number"));
    if (!parseCount(cell(ResultColumn::Received), &r.received))
        return fail(ResultColumn::Received, QStringLiteral("expected a whole number"));
    if (r.received > r.sent)
        return fail(ResultColumn::Received, QStringLiteral("more replies than the %1 sent").arg(r.sent));

    // loss_pct is derived, so it is not stored; it is checked because a value that disagrees
    // with sent/received means the file was edited or is not ours.
    std::optional<double> loss;
    if (!decimal(ResultColumn::LossPct, &loss))
        return false;
    const std::optional<double> expectedLoss = r.lossPercent();
    if (loss.has_value() != expectedLoss.has_value())
        return fail(ResultColumn::LossPct, expectedLoss ? QStringLiteral("expected a value since packets were sent")
                                                        : QStringLiteral("expected an empty cell since nothing was sent"));
    // Half of the last written digit, plus slack for the binary representation.
    const double tolerance = 0.5 * std::pow(10.0, -ResultDecimalPlaces) + 1e-9;
    if (loss && std::abs(*loss - *expectedLoss) > tolerance)
        return fail(ResultColumn::LossPct,
                    QStringLiteral("does not match %1 of %2 received").arg(r.received).arg(r.sent));

    if (!decimal(ResultColumn::RttMinMs, &r.rttMinMs) || !decimal(ResultColumn::RttAvgMs, &r.rttAvgMs)
        || !decimal(ResultColumn::RttMaxMs, &r.rttMaxMs))
        return false;

    if (!cell(ResultColumn::Ttl).isEmpty()) {
        int ttl = 0;
        if (!parseCount(cell(ResultColumn::Ttl), &ttl) || ttl > 255)
            return fail(ResultColumn::Ttl, QStringLiteral("expected a whole number from 0 to 255 or an empty cell"));
        r.ttl = ttl;
    }

    r.method = cell(ResultColumn::Method);
    r.worker = cell(ResultColumn::Worker);

    if (!cell(ResultColumn::FinishedAt).isEmpty()) {
        const QDateTime when = QDateTime::fromString(cell(ResultColumn::FinishedAt), Qt::ISODateWithMs);
        // A time without 'Z' or an offset would silently take this machine's zone.
        if (!when.isValid() || when.timeSpec() == Qt::LocalTime)
            return fail(ResultColumn::FinishedAt,
                        QStringLiteral("expected an ISO 8601 time with a zone such as 2024-05-01T12:34:56.789Z"));
        r.finishedAt = when.toUTC();
        // An offset can push the year past what ISO 8601 (and so the writer) can express.
        const int year = r.finishedAt.date().year();
        if (year < 1 || year > 9999)
            return fail(ResultColumn::FinishedAt, QStringLiteral("the year is out of range in UTC"));
    }

    r.error = cell(ResultColumn::Error);
    *result = std::move(r);
    return true;
}

} // namespace ps
