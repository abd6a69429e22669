#include "csvwriter.h"

#include "exportio.h"
#include "exportlog.h"
#include "resultcolumns.h"

#include <QIODevice>

namespace ps {

namespace {

const QByteArray utf8Bom("\xEF\xBB\xBF");

QString joinRecord(const QStringList &cells, QChar delimiter)
{
    QString record;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            record += delimiter;
        record += CsvWriter::formatField(cells.at(i), delimiter);
    }
    return record;
}

} // namespace

CsvWriter::CsvWriter(const CsvOptions &options) : m_options(options) {}

QString CsvWriter::formatField(const QString &cell, QChar delimiter)
{
    QString text = neutraliseCsvFormula(cell);
    const bool needsQuotes = text.contains(delimiter) || text.contains(u'"') || text.contains(u'\r')
        || text.contains(u'\n');
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString CsvWriter::formatHeader(const CsvOptions &options)
{
    return joinRecord(resultColumnNames(), options.delimiter);
}

QString CsvWriter::formatRow(const HostResult &result, const CsvOptions &options)
{
    return joinRecord(resultCells(result), options.delimiter);
}

bool CsvWriter::writeTo(QIODevice *device, const std::vector<HostResult> &results, QString *error) const
{
    if (!isSupportedCsvDelimiter(m_options.delimiter)) {
        *error = QStringLiteral("unsupported CSV delimiter: use ',', ';' or tab");
        return false;
    }
    if (!device || !device->isWritable()) {
        *error = QStringLiteral("the output is not open for writing");
        return false;
    }
    if (m_options.bom && !writeAll(device, utf8Bom, error))
        return false;
    const QString lineEnd = QStringLiteral("\r\n");
    if (!writeAll(device, QString(formatHeader(m_options) + lineEnd).toUtf8(), error))
        return false;
    // Row by row, so a failing device stops the export early and memory stays flat.
    for (const HostResult &result : results) {
        if (!writeAll(device, QString(formatRow(result, m_options) + lineEnd).toUtf8(), error))
            return false;
    }
    return true;
}

bool CsvWriter::write(QIODevice *device, const std::vector<HostResult> &results)
{
    m_errorString.clear();
    return writeTo(device, results, &m_errorString);
}

bool CsvWriter::writeFile(const QString &path, const std::vector<HostResult> &results)
{
    m_errorString.clear();
    const bool ok = writeFileAtomically(
        path, [&](QIODevice *device, QString *error) { return writeTo(device, results, error); }, &m_errorString);
    if (ok)
        qCDebug(lcExport) << "wrote" << results.size() << "results as CSV to" << path;
    return ok;
}

} // namespace ps
