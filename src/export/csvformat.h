#pragma once

#include <QChar>
#include <QString>

namespace ps {

// How a results CSV is laid out beyond the fixed contract (header, RFC 4180 quoting, CRLF,
// UTF-8). The reader detects both from the file, so any combination loads back.
struct CsvOptions
{
    QChar delimiter = u',';  // ',', ';' or '\t': spreadsheets in comma-decimal locales want ';'
    bool bom = false;        // a UTF-8 byte order mark, so Excel does not guess a legacy codepage
};

bool isSupportedCsvDelimiter(QChar delimiter);

// Formula-injection defence (OWASP "CSV Injection"). Hostnames come from DNS and are untrusted;
// a spreadsheet runs a cell that starts with = + - @ TAB or CR as a formula.
//
// The rule, applied to every cell (numbers never start with a trigger, as none is negative):
// - writing: a cell whose first character, after any leading apostrophes, is one of those
//   triggers gets one more ' in front: "=1+2" → "'=1+2", "'=x" → "''=x", "-x" → "'-x".
//   Spreadsheets show the apostrophe-prefixed cell as text.
// - reading: a cell of that same shape ('s then a trigger) loses exactly one leading '.
// Cells the writer leaves alone (no trigger after the apostrophes, e.g. "'abc" or "a=b") are
// never touched by the reader, so every string round-trips unchanged. A raw "=x" cell from
// another tool is read as "=x" too.
QString neutraliseCsvFormula(const QString &cell);
QString restoreCsvFormula(const QString &cell);

} // namespace ps
