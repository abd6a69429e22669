#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

class QIODevice;

namespace ps {

// I/O shared by the CSV and JSON writers; not part of the public export API.

// Writes all of `bytes` or fails with "write error: <the device's reason>".
bool writeAll(QIODevice *device, const QByteArray &bytes, QString *error);

// Writes a file through QSaveFile: writeBody fills a temporary file beside `path`, which
// replaces `path` only once everything was written and flushed. On any failure (cannot create
// the temporary file, writeBody returns false, the final flush or rename fails) the temporary
// file is removed, the old file is left exactly as it was, and *error says why, naming `path`.
bool writeFileAtomically(const QString &path, const std::function<bool(QIODevice *device, QString *error)> &writeBody,
                         QString *error);

} // namespace ps
