#include "targetslog.h"

// Debug output stays off unless asked for (QT_LOGGING_RULES="pingsweep.targets.debug=true"):
// pingsweep-cli --list-targets writes to a terminal or a pipe and must stay quiet.
Q_LOGGING_CATEGORY(lcTargets, "pingsweep.targets", QtInfoMsg)
