#include "sweepoptions.h"

namespace ps {

QString executorModeName(ExecutorMode mode)
{
    return mode == ExecutorMode::Process ? QStringLiteral("process") : QStringLiteral("thread");
}

bool executorModeFromName(const QString &name, ExecutorMode *out)
{
    if (name == QLatin1String("thread") || name == QLatin1String("threads")) {
        *out = ExecutorMode::Thread;
        return true;
    }
    if (name == QLatin1String("process") || name == QLatin1String("processes")) {
        *out = ExecutorMode::Process;
        return true;
    }
    return false;
}

} // namespace ps
