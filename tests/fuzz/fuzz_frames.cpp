// libFuzzer target for the worker pipe's frame decoder: bytes a (possibly broken) worker
// process writes. Checks: the decoder never buffers more than one frame's worth, a failure
// has a reason, and every decoded message re-encodes to a frame that decodes the same.
#include "frame.h"

#include <QCborValue>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr quint32 kLimit = 4096;
    ps::FrameDecoder decoder(kLimit);
    // Feed in two pieces, as a pipe may deliver it.
    const size_t cut = size ? data[0] % (size + 1) : 0;
    const QByteArray all(reinterpret_cast<const char *>(data), qsizetype(size));
    decoder.feed(all.left(qsizetype(cut)));
    decoder.feed(all.mid(qsizetype(cut)));
    if (decoder.hasFailed() && decoder.errorString().isEmpty())
        std::abort();
    if (decoder.bufferedBytes() > qsizetype(kLimit) + 4)
        std::abort();
    QCborMap message;
    while (decoder.takeMessage(&message)) {
        ps::FrameDecoder again(kLimit * 64);
        if (!again.feed(ps::frame::encode(message)))
            std::abort();
        QCborMap roundTripped;
        if (!again.takeMessage(&roundTripped) || QCborValue(roundTripped).toCbor() != QCborValue(message).toCbor())
            std::abort();
    }
    return 0;
}
