#pragma once

#include <QString>

namespace ps {

// The text of an errno value, thread-safely: strerror() shares one buffer between threads,
// and probes fail on many threads at once.
QString errnoText(int error);

} // namespace ps
