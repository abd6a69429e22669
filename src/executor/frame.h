#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QString>

#include <deque>

namespace ps {

// The worker pipe's framing: a 4-byte big-endian length, then one CBOR map. Both ends use it.
namespace frame {
constexpr quint32 kDefaultMaxFrameBytes = 16 * 1024 * 1024;
// Tasks ("run") and outcomes ("done") travel in batches of at most this many per frame, so a
// batch stays far below the frame limit unless single values are already large.
constexpr int kMaxItemsPerFrame = 512;

QByteArray encode(const QCborMap &message);
} // namespace frame

// Turns a byte stream into messages. Bytes that are not our frames (an oversized length,
// invalid CBOR, a non-map) put the decoder into a failed state with a reason, and it never
// buffers more than one frame's worth: a worker writing garbage cannot grow our memory.
class FrameDecoder
{
public:
    explicit FrameDecoder(quint32 maxFrameBytes = frame::kDefaultMaxFrameBytes)
        : m_maxFrameBytes(maxFrameBytes)
    {}

    // Appends bytes and decodes every complete frame. False once the stream is invalid.
    bool feed(const QByteArray &bytes);
    bool takeMessage(QCborMap *out);
    bool hasFailed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    qsizetype bufferedBytes() const { return m_buffer.size(); }

private:
    quint32 m_maxFrameBytes;
    QByteArray m_buffer;
    std::deque<QCborMap> m_messages;
    QString m_error;
};

} // namespace ps
