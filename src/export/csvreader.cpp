#include "csvreader.h"

#include "exportlog.h"
#include "resultcolumns.h"

#include <QDir>
#include <QFile>
#include <QStringDecoder>

namespace ps {

namespace {

constexpr char16_t byteOrderMark = 0xFEFF;

QString expectedHeaderMessage()
{
    return QStringLiteral("not a PingSweep results file: expected the header \"%1\" (separated by ',', ';' or tab)")
        .arg(resultColumnNames().join(u','));
}

// Invalid UTF-8 is reported with its line. UTF-8 never uses the byte 0x0A inside a multi-byte
// sequence, so decoding line by line finds the same error the whole-file decode did.
int firstInvalidUtf8Line(const QByteArray &data)
{
    int line = 1;
    for (const QByteArray &chunk : data.split('\n')) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(chunk);
        if (decoder.hasError())
            return line;
        ++line;
    }
    return line;
}

} // namespace

bool CsvReader::fail(const QString &message)
{
    m_errorString = message;
    return false;
}

bool CsvReader::failAtLine(int line, const QString &message)
{
    return fail(QStringLiteral("line %1: %2").arg(line).arg(message));
}

bool CsvReader::read(QIODevice *device, std::vector<HostResult> *results)
{
    m_errorString.clear();
    if (!device || !device->isReadable())
        return fail(QStringLiteral("the input is not open for reading"));
    return parse(device->readAll(), results);
}

bool CsvReader::readFile(const QString &path, std::vector<HostResult> *results)
{
    m_errorString.clear();
    const QString shownPath = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open %1: %2").arg(shownPath, file.errorString()));
    if (!read(&file, results)) {
        m_errorString = QStringLiteral("%1: %2").arg(shownPath, m_errorString);
        return false;
    }
    qCDebug(lcExport) << "read" << results->size() << "results from" << path;
    return true;
}

bool CsvReader::parse(const QByteArray &data, std::vector<HostResult> *results)
{
    m_errorString.clear();
    // ConvertInitialBom keeps a BOM in the text so it is seen (and recorded) below rather than
    // skipped silently; Stateless because the whole file is decoded at once.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder.decode(data);
    if (decoder.hasError())
        return failAtLine(firstInvalidUtf8Line(data),
                          QStringLiteral("not a PingSweep results file: the text is not valid UTF-8"));
    CsvOptions detected;
    if (text.startsWith(QChar(byteOrderMark))) {
        detected.bom = true;
        text.remove(0, 1);
    }

    // The header holds no quotes, so its first physical line is the whole record.
    const qsizetype headerEnd = text.indexOf(u'\n');
    QStringView header = QStringView(text).left(headerEnd < 0 ? text.size() : headerEnd);
    if (header.endsWith(u'\r'))
        header.chop(1);
    const QStringList names = resultColumnNames();
    const qsizetype afterFirstName = names.first().size();
    const QChar delimiter = header.size() > afterFirstName ? header.at(afterFirstName) : QChar();
    if (!isSupportedCsvDelimiter(delimiter) || header != names.join(delimiter))
        return failAtLine(1, expectedHeaderMessage());
    detected.delimiter = delimiter;

    std::vector<HostResult> parsed;
    if (headerEnd >= 0 && !parseRecords(text.mid(headerEnd + 1), delimiter, &parsed))
        return false;
    m_detected = detected;
    *results = std::move(parsed);
    return true;
}

// RFC 4180 records after the header; `text` starts on line 2.
bool CsvReader::parseRecords(const QString &text, QChar delimiter, std::vector<HostResult> *results)
{
    const qsizetype n = text.size();
    qsizetype pos = 0;
    int line = 2;
    QStringList fields;
    while (pos < n) {
        const int recordLine = line;
        fields.clear();
        for (;;) {  // one field per pass
            QString field;
            if (pos < n && text.at(pos) == u'"') {
                ++pos;
                for (;;) {
                    if (pos >= n)
                        return failAtLine(recordLine, QStringLiteral("a quoted field is not closed"));
                    const QChar c = text.at(pos++);
                    if (c == u'"') {
                        if (pos < n && text.at(pos) == u'"') {
                            field += u'"';
                            ++pos;
                            continue;
                        }
                        break;
                    }
                    if (c == u'\n')
                        ++line;
                    field += c;
                }
            } else {
                const qsizetype start = pos;
                while (pos < n) {
                    const QChar c = text.at(pos);
                    if (c == delimiter || c == u'\r' || c == u'\n')
                        break;
                    if (c == u'"')
                        return failAtLine(line, QStringLiteral("a '\"' inside a field that is not quoted"));
                    ++pos;
                }
                field = text.mid(start, pos - start);
            }
            fields.append(restoreCsvFormula(field));

            if (pos >= n)
                break;
            const QChar c = text.at(pos);
            if (c == delimiter) {
                ++pos;
                continue;
            }
            if (c == u'\n') {
                ++pos;
                ++line;
                break;
            }
            if (c == u'\r') {
                if (pos + 1 < n && text.at(pos + 1) == u'\n') {
                    pos += 2;
                    ++line;
                    break;
                }
                return failAtLine(line, QStringLiteral("a carriage return without a line feed outside quotes"));
            }
            // Only reachable right after a closing quote.
            return failAtLine(line, QStringLiteral("unexpected text after a closing quote"));
        }

        HostResult result;
        QString error;
        if (!resultFromCells(fields, &result, &error))
            return failAtLine(recordLine, error);
        results->push_back(std::move(result));
    }
    return true;
}

} // namespace ps
