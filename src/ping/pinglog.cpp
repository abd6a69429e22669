#include "pinglog.h"

Q_LOGGING_CATEGORY(lcPing, "pingsweep.ping")
