#pragma once

#include "targetparser.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace ps {

// Reads a target file in whatever encoding it came in and parses it with the file rules
// (TargetParser::parseFileText). Takes a QIODevice so tests and stdin need no real file.
class TargetFileReader
{
public:
    // sourceName names the file in issues; read(fileName) uses the file name when it is empty.
    explicit TargetFileReader(QString sourceName = QString());

    bool read(const QString &fileName);
    bool read(QIODevice *device);  // opened for reading if it is not open; read to the end

    const TargetParseResult &result() const { return m_result; }
    TargetParseResult takeResult() { return std::move(m_result); }
    QString encoding() const { return m_encoding; }  // "UTF-8", "UTF-16LE", "ISO-8859-1", …
    QString errorString() const { return m_error; }

    // UTF-8 with or without BOM, UTF-16/32 with BOM, UTF-16 without BOM when it is plainly
    // that (every other byte zero), else Latin-1, which cannot fail.
    static QString decode(const QByteArray &data, QString *encoding = nullptr);

    static constexpr qint64 kMaxFileSize = qint64(256) << 20;

private:
    QString m_source;
    TargetParseResult m_result;
    QString m_encoding;
    QString m_error;
};

} // namespace ps
