#include "exportlog.h"

// Debug output (each file written or read) is off unless asked for with
// QT_LOGGING_RULES="pingsweep.export.debug=true": the callers already report failures.
Q_LOGGING_CATEGORY(lcExport, "pingsweep.export", QtInfoMsg)
