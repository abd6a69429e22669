#pragma once

#include "csvformat.h"
#include "hostresult.h"
#include "targetparser.h"

#include <QFuture>
#include <QString>
#include <QStringList>

#include <vector>

class QThreadPool;

namespace ps::filejobs {

// File work for the window, run on a pool the window owns so that a big file never blocks the
// GUI thread. Each returns a future; callers continue with .then(context, …).

struct TargetFile
{
    QString path;
    QString error;        // empty on success
    QString encoding;
    qint64 bytes = 0;
    TargetParseResult parsed;

    bool ok() const { return error.isEmpty(); }
};
QFuture<TargetFile> readTargets(QThreadPool *pool, const QString &path);
QFuture<QList<TargetFile>> readTargets(QThreadPool *pool, const QStringList &paths);

struct SweepFile
{
    QString path;
    QString error;
    std::vector<HostResult> results;

    bool ok() const { return error.isEmpty(); }
};
QFuture<SweepFile> readSweep(QThreadPool *pool, const QString &path);

struct Written
{
    QString path;
    QString error;
    int rows = 0;

    bool ok() const { return error.isEmpty(); }
};
// Atomic (QSaveFile): on failure the file that was there is left as it was.
QFuture<Written> writeCsv(QThreadPool *pool, const QString &path, std::vector<HostResult> results,
                          const CsvOptions &options = {});

} // namespace ps::filejobs
