#include "pingtask.h"

#include "prober.h"

#include <QDateTime>

namespace ps {

void registerSweepTasks(TaskRegistry &registry)
{
    registry.addAsync(kPingTask, [](const QCborValue &argument, const TaskCompletion &done) {
        const ProbeRequest request = ProbeRequest::fromCbor(argument);
        Prober::probe(request, [done](const HostResult &probed) {
            HostResult result = probed;
            result.worker = done.worker();
            result.finishedAt = QDateTime::currentDateTimeUtc();
            done.setResult(result.toCbor());
        });
    });
}

std::shared_ptr<const TaskRegistry> sweepTaskRegistry()
{
    auto registry = std::make_shared<TaskRegistry>();
    registerSweepTasks(*registry);
    return registry;
}

} // namespace ps
