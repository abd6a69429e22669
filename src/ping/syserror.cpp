#include "syserror.h"

#include <cstring>

namespace ps {

namespace {
// strerror_r() comes in a GNU (returns char *) and an XSI (returns int) flavour: overloads
// pick whichever the C library declares.
[[maybe_unused]] QString strerrorResult(int, const char *buffer)
{
    return QString::fromLocal8Bit(buffer);
}
[[maybe_unused]] QString strerrorResult(const char *text, const char *)
{
    return QString::fromLocal8Bit(text);
}
} // namespace

QString errnoText(int error)
{
    char buffer[256] = {};
    return strerrorResult(strerror_r(error, buffer, sizeof buffer), buffer);
}

} // namespace ps
