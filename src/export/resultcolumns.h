#pragma once

#include "hostresult.h"

#include <QStringList>

namespace ps {

// The export contract's columns, in order. This file is the only place that knows how a
// HostResult becomes cells and back; the CSV writer/reader and the JSON writer all go through
// it, so the two formats can never disagree about a value.
enum class ResultColumn : int {
    Address,
    Hostname,
    Status,
    Sent,
    Received,
    LossPct,
    RttMinMs,
    RttAvgMs,
    RttMaxMs,
    Ttl,
    Method,
    Worker,
    FinishedAt,
    Error,
};
inline constexpr int ResultColumnCount = 14;

// How a cell is typed in JSON: Text becomes a string, Integer and Decimal become numbers.
enum class ResultValueKind { Text, Integer, Decimal };

// loss_pct and the RTTs are written with this many decimals: 1 µs resolution is finer than any
// ping clock, and a fixed count keeps the column plain (no exponent, no locale, always '.').
inline constexpr int ResultDecimalPlaces = 3;

QString resultColumnName(ResultColumn column);
ResultValueKind resultColumnKind(ResultColumn column);
// "address", "hostname", …, "error": the CSV header and the JSON keys.
QStringList resultColumnNames();

// The 14 cells of one result, in column order, as plain text before any CSV quoting:
// - an empty cell means "no value" (no hostname, no RTT, loss_pct when nothing was sent, …);
// - status is alive/dead/error/cancelled; sent, received and ttl are whole numbers;
// - loss_pct and the RTTs have exactly ResultDecimalPlaces decimals and a '.' point, so a
//   value read back is the written value rounded to 1 µs (1.23456 ms comes back as 1.235);
// - finished_at is ISO 8601 in UTC with milliseconds, "2024-05-01T12:34:56.789Z", which is
//   QDateTime's full precision, so timestamps round-trip exactly.
QStringList resultCells(const HostResult &result);

// The inverse of resultCells(), with the checks that let the reader reject files that are not
// ours: a non-empty address, a known status, non-negative numbers in plain notation,
// received <= sent, loss_pct agreeing with sent/received, ttl 0..255 and a finished_at that
// names its zone ('Z' or an offset; converted to UTC). On failure returns false and sets
// *error to "column 'name': what is wrong".
bool resultFromCells(const QStringList &cells, HostResult *result, QString *error);

} // namespace ps
