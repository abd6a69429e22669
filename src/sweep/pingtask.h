#pragma once

#include "taskregistry.h"

#include <memory>

namespace ps {

// The executor tasks a sweep runs, registered by name so that both executor modes (and
// pingsweep-worker) run the same code: "ping" takes a ProbeRequest and gives a HostResult,
// both as CBOR.
inline const QString kPingTask = QStringLiteral("ping");

void registerSweepTasks(TaskRegistry &registry);
std::shared_ptr<const TaskRegistry> sweepTaskRegistry();

} // namespace ps
