#pragma once

#include <QString>

namespace ps {

// A target that reaches a command line or a resolver must look like an address or a host
// name: never an option (leading '-'), never white space, NUL or shell syntax. Returns an
// error message, empty when the target is acceptable.
QString validateProbeTarget(const QString &target);

} // namespace ps
