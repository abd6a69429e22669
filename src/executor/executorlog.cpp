#include "executorlog.h"

Q_LOGGING_CATEGORY(lcExecutor, "pingsweep.executor")
