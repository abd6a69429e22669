#pragma once

#include "taskregistry.h"

namespace ps {

// Synthetic tasks for the executor's tests, registered by pingsweep-worker only when it is
// started with --test-tasks (and by thread-mode tests directly):
//   echo(v) → v            add([a, b]) → a + b      square(n) → n²
//   sleep(ms) → ms         pid() → process id       throw({type, message}) throws that type
//   crash() aborts         exit(code) exits         garbage() writes junk to stdout
//   oversized() writes a frame header claiming 1 GiB   hang() sleeps for 60 s
//   fail-init() throws (as an initializer)
void registerTestTasks(TaskRegistry &registry);

} // namespace ps
