#include "jsonwriter.h"

#include "exportio.h"
#include "exportlog.h"
#include "resultcolumns.h"

#include <QIODevice>

namespace ps {

JsonWriter::JsonWriter(QJsonDocument::JsonFormat format) : m_format(format) {}

QJsonObject JsonWriter::toJson(const HostResult &result)
{
    // Typed from the CSV cells rather than from the fields, so both formats carry the same
    // (rounded) numbers and the same notion of "no value".
    const QStringList cells = resultCells(result);
    QJsonObject object;
    for (int i = 0; i < ResultColumnCount; ++i) {
        const auto column = ResultColumn(i);
        const QString &cell = cells.at(i);
        QJsonValue value;  // null
        if (!cell.isEmpty()) {
            switch (resultColumnKind(column)) {
            case ResultValueKind::Text: value = cell; break;
            case ResultValueKind::Integer: value = cell.toLongLong(); break;
            case ResultValueKind::Decimal: value = cell.toDouble(); break;
            }
        }
        object.insert(resultColumnName(column), value);
    }
    return object;
}

QJsonArray JsonWriter::toJson(const std::vector<HostResult> &results)
{
    QJsonArray array;
    for (const HostResult &result : results)
        array.append(toJson(result));
    return array;
}

bool JsonWriter::writeTo(QIODevice *device, const std::vector<HostResult> &results, QString *error) const
{
    if (!device || !device->isWritable()) {
        *error = QStringLiteral("the output is not open for writing");
        return false;
    }
    const QByteArray bytes = QJsonDocument(toJson(results)).toJson(m_format);
    return writeAll(device, bytes, error);
}

bool JsonWriter::write(QIODevice *device, const std::vector<HostResult> &results)
{
    m_errorString.clear();
    return writeTo(device, results, &m_errorString);
}

bool JsonWriter::writeFile(const QString &path, const std::vector<HostResult> &results)
{
    m_errorString.clear();
    const bool ok = writeFileAtomically(
        path, [&](QIODevice *device, QString *error) { return writeTo(device, results, error); }, &m_errorString);
    if (ok)
        qCDebug(lcExport) << "wrote" << results.size() << "results as JSON to" << path;
    return ok;
}

} // namespace ps
