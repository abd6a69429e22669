// libFuzzer target for the ICMP reply parser: bytes from the network, trusted by nobody.
// Checks beyond "no crash, no sanitizer report": a rejection always says why, and an IPv4 reply
// that is accepted carries a valid checksum.
#include "icmppacket.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace ps::icmp;
    const char *bytes = reinterpret_cast<const char *>(data);
    const int length = int(std::min<size_t>(size, 1 << 16));
    for (Family family : {Family::V4, Family::V6}) {
        for (bool withIpHeader : {true, false}) {
            const Reply r = parse(family, bytes, length, withIpHeader);
            if (r.kind == Reply::Kind::Invalid && r.why.isEmpty())
                std::abort();
            if (r.kind != Reply::Kind::Invalid && family == Family::V4) {
                const int offset = withIpHeader ? (data[0] & 0x0f) * 4 : 0;
                if (checksum(bytes + offset, length - offset) != 0)
                    std::abort();
            }
        }
    }
    return 0;
}
