#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QString>

// The children of every thread of process `parent` (0: this process), from /proc. Worker
// processes are started from the pool's manager thread, and /proc lists children per thread.
inline QList<qint64> childPids(qint64 parent = 0)
{
    QList<qint64> pids;
    const QDir tasks(parent > 0 ? QStringLiteral("/proc/%1/task").arg(parent) : QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile children(tasks.filePath(task + QStringLiteral("/children")));
        if (!children.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &pid : children.readAll().split(' ')) {
            if (!pid.trimmed().isEmpty())
                pids.append(pid.trimmed().toLongLong());
        }
    }
    return pids;
}
