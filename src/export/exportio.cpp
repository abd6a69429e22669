#include "exportio.h"

#include "exportlog.h"

#include <QDir>
#include <QSaveFile>

namespace ps {

bool writeAll(QIODevice *device, const QByteArray &bytes, QString *error)
{
    // The classic write loop: a short count (a file hitting its size limit, say) is retried,
    // and the retry fails with the reason, which the short write itself does not carry.
    qint64 done = 0;
    while (done < bytes.size()) {
        const qint64 written = device->write(bytes.constData() + done, bytes.size() - done);
        if (written <= 0) {
            *error = QStringLiteral("write error: %1").arg(device->errorString());
            return false;
        }
        done += written;
    }
    return true;
}

bool writeFileAtomically(const QString &path, const std::function<bool(QIODevice *, QString *)> &writeBody,
                         QString *error)
{
    const QString shownPath = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    // QSaveFile never falls back to writing in place unless setDirectWriteFallback(true) is
    // called; that default is what keeps the old file intact when no temporary can be created.
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(shownPath, file.errorString());
        qCDebug(lcExport) << "open failed:" << *error;
        return false;
    }
    QString bodyError;
    if (!writeBody(&file, &bodyError)) {
        if (file.error() != QFileDevice::NoError) {
            // A buffered write that fails part-way reports only "Unknown error" (Qt 6.4);
            // flushing the rest fails again and records the system's reason, e.g. "No space
            // left on device". It only ever reaches the temporary file, discarded below.
            file.flush();
            bodyError = QStringLiteral("write error: %1").arg(file.errorString());
        }
        file.cancelWriting();  // commit() can no longer succeed; the destructor removes the temporary
        *error = QStringLiteral("cannot write %1: %2").arg(shownPath, bodyError);
        qCDebug(lcExport) << "write failed:" << *error;
        return false;
    }
    if (!file.commit()) {
        *error = QStringLiteral("cannot save %1: %2").arg(shownPath, file.errorString());
        qCDebug(lcExport) << "commit failed:" << *error;
        return false;
    }
    return true;
}

} // namespace ps
