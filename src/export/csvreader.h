#pragma once

#include "csvformat.h"
#include "hostresult.h"

#include <QByteArray>
#include <QString>

#include <vector>

class QIODevice;

namespace ps {

// Loads a results CSV written by CsvWriter (the GUI's Open, later comparisons) and rejects
// anything else with a message a user can act on.
//
// Accepted: UTF-8 with or without a BOM; the delimiter ',', ';' or tab, detected from the
// header; CRLF or bare LF line ends (a file saved by a Unix tool); RFC 4180 quoted fields,
// which may hold the delimiter, doubled quotes, CR and LF; no line end after the last record.
// Rejected, with the physical line where the record starts ("line 7: …"): a header other than
// the contract's, invalid UTF-8, a bare CR or a stray '"' outside quotes, an unclosed quote,
// a record without exactly 14 fields (blank lines included), a value that fails the checks in
// resultFromCells(). Neutralised formula cells are restored (see csvformat.h).
class CsvReader final
{
public:
    // Reads the rest of an open device. On failure *results is left unchanged.
    bool read(QIODevice *device, std::vector<HostResult> *results);
    // As read(); messages start with the file name.
    bool readFile(const QString &path, std::vector<HostResult> *results);
    // The parser itself, on bytes already in memory (the fuzz target's entry point).
    bool parse(const QByteArray &data, std::vector<HostResult> *results);

    // Why the last read failed; empty after a success.
    QString errorString() const { return m_errorString; }
    // The delimiter and BOM the last successfully read file used, so it can be saved alike.
    CsvOptions detectedOptions() const { return m_detected; }

private:
    bool fail(const QString &message);
    bool failAtLine(int line, const QString &message);
    bool parseRecords(const QString &text, QChar delimiter, std::vector<HostResult> *results);

    QString m_errorString;
    CsvOptions m_detected;
};

} // namespace ps
