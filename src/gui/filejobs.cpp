#include "filejobs.h"

#include "csvreader.h"
#include "csvwriter.h"
#include "targetfilereader.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace ps::filejobs {

namespace {

TargetFile readTargetFile(const QString &path)
{
    TargetFile file;
    file.path = path;
    file.bytes = QFileInfo(path).size();
    TargetFileReader reader(QFileInfo(path).fileName());
    if (!reader.read(path)) {
        file.error = reader.errorString();
        return file;
    }
    file.encoding = reader.encoding();
    file.parsed = reader.takeResult();
    return file;
}

} // namespace

QFuture<TargetFile> readTargets(QThreadPool *pool, const QString &path)
{
    return QtConcurrent::run(pool, readTargetFile, path);
}

QFuture<QList<TargetFile>> readTargets(QThreadPool *pool, const QStringList &paths)
{
    return QtConcurrent::run(pool, [paths] {
        QList<TargetFile> files;
        for (const QString &path : paths)
            files.append(readTargetFile(path));
        return files;
    });
}

QFuture<SweepFile> readSweep(QThreadPool *pool, const QString &path)
{
    return QtConcurrent::run(pool, [path] {
        SweepFile file;
        file.path = path;
        CsvReader reader;
        if (!reader.readFile(path, &file.results))
            file.error = reader.errorString();
        return file;
    });
}

QFuture<Written> writeCsv(QThreadPool *pool, const QString &path, std::vector<HostResult> results,
                          const CsvOptions &options)
{
    return QtConcurrent::run(pool, [path, results = std::move(results), options] {
        Written written;
        written.path = path;
        written.rows = int(results.size());
        CsvWriter writer(options);
        if (!writer.writeFile(path, results))
            written.error = writer.errorString();
        return written;
    });
}

} // namespace ps::filejobs
