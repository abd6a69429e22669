#pragma once

#include "csvformat.h"
#include "hostresult.h"

#include <QString>

#include <vector>

class QIODevice;

namespace ps {

// Writes results as the contract's CSV: the fixed header, one row per result, RFC 4180 quoting
// (a field holding the delimiter, '"', CR or LF is quoted, '"' doubled), CRLF after every
// record, UTF-8, formula cells neutralised (see csvformat.h). The GUI and the CLI both use it.
class CsvWriter final
{
public:
    explicit CsvWriter(const CsvOptions &options = {});

    // Writes to an open device (a file, stdout, a QBuffer in tests).
    bool write(QIODevice *device, const std::vector<HostResult> &results);
    // Writes through QSaveFile: on failure the previous file at `path` is left untouched.
    bool writeFile(const QString &path, const std::vector<HostResult> &results);

    // Why the last write failed; empty after a success.
    QString errorString() const { return m_errorString; }
    CsvOptions options() const { return m_options; }

    // One record, without its line end.
    static QString formatHeader(const CsvOptions &options = {});
    static QString formatRow(const HostResult &result, const CsvOptions &options = {});
    // One cell: neutralised, then quoted if needed.
    static QString formatField(const QString &cell, QChar delimiter = u',');

private:
    bool writeTo(QIODevice *device, const std::vector<HostResult> &results, QString *error) const;

    CsvOptions m_options;
    QString m_errorString;
};

} // namespace ps
