#include "targetfilereader.h"

#include "targetslog.h"

#include <QFile>
#include <QStringDecoder>

#include <optional>

namespace ps {

namespace {

// Windows tools (PowerShell's '>', some exports) write UTF-16 and not always with a BOM. Text
// that is mostly ASCII then has a zero in every other byte, which no 8-bit text has.
std::optional<QStringConverter::Encoding> bomlessUtf16(const QByteArray &data)
{
    const qsizetype sample = std::min<qsizetype>(data.size(), 4096) & ~qsizetype(1);
    if (sample < 4)
        return std::nullopt;
    qsizetype zeroEven = 0, zeroOdd = 0;
    for (qsizetype i = 0; i < sample; i += 2) {
        zeroEven += data[i] == 0 ? 1 : 0;
        zeroOdd += data[i + 1] == 0 ? 1 : 0;
    }
    const qsizetype pairs = sample / 2;
    if (zeroOdd * 10 >= pairs * 7 && zeroEven * 20 <= pairs)
        return QStringConverter::Utf16LE;
    if (zeroEven * 10 >= pairs * 7 && zeroOdd * 20 <= pairs)
        return QStringConverter::Utf16BE;
    return std::nullopt;
}

} // namespace

TargetFileReader::TargetFileReader(QString sourceName) : m_source(std::move(sourceName)) {}

QString TargetFileReader::decode(const QByteArray &data, QString *encoding)
{
    std::optional<QStringConverter::Encoding> detected = QStringConverter::encodingForData(data);
    if (!detected)
        detected = bomlessUtf16(data);
    if (detected) {
        QStringDecoder decoder(*detected);  // skips the BOM
        if (encoding)
            *encoding = QString::fromLatin1(QStringConverter::nameForEncoding(*detected));
        return decoder(data);
    }
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    QString text = utf8(data);
    if (!utf8.hasError()) {
        if (encoding)
            *encoding = QStringLiteral("UTF-8");
        return text;
    }
    if (encoding)
        *encoding = QStringLiteral("ISO-8859-1");
    return QString::fromLatin1(data);
}

bool TargetFileReader::read(const QString &fileName)
{
    if (m_source.isEmpty())
        m_source = fileName;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = file.errorString();
        return false;
    }
    return read(&file);
}

bool TargetFileReader::read(QIODevice *device)
{
    m_result = TargetParseResult();
    m_error.clear();
    if (!device->isOpen() && !device->open(QIODevice::ReadOnly)) {
        m_error = device->errorString();
        return false;
    }
    if (!device->isSequential() && device->size() > kMaxFileSize) {
        m_error = QStringLiteral("the file is larger than %1 MiB").arg(kMaxFileSize >> 20);
        return false;
    }
    const QByteArray data = device->readAll();
    if (data.size() > kMaxFileSize) {
        m_error = QStringLiteral("the input is larger than %1 MiB").arg(kMaxFileSize >> 20);
        return false;
    }
    const QString text = decode(data, &m_encoding);
    qCDebug(lcTargets, "read %s: %lld bytes as %s", qUtf8Printable(m_source), qlonglong(data.size()),
            qUtf8Printable(m_encoding));
    m_result = TargetParser::parseFileText(text, m_source);
    return true;
}

} // namespace ps
