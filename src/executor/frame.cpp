#include "frame.h"

#include <QCborParserError>
#include <QCborValue>
#include <QtEndian>

namespace ps {

QByteArray frame::encode(const QCborMap &message)
{
    const QByteArray payload = QCborValue(message).toCbor();
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(payload.size()), out.data());
    out.append(payload);
    return out;
}

bool FrameDecoder::feed(const QByteArray &bytes)
{
    if (hasFailed())
        return false;
    m_buffer.append(bytes);
    qsizetype offset = 0;
    while (m_buffer.size() - offset >= 4) {
        const quint32 length = qFromBigEndian<quint32>(m_buffer.constData() + offset);
        if (length > m_maxFrameBytes) {
            m_error = QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                          .arg(length)
                          .arg(m_maxFrameBytes);
            m_buffer.clear();
            return false;
        }
        if (m_buffer.size() - offset - 4 < qsizetype(length))
            break;
        QCborParserError parseError;
        const QCborValue value = QCborValue::fromCbor(
            QByteArrayView(m_buffer.constData() + offset + 4, qsizetype(length)).toByteArray(),
            &parseError);
        if (parseError.error != QCborError::NoError || !value.isMap()) {
            m_error = parseError.error != QCborError::NoError
                ? QStringLiteral("invalid CBOR in frame: %1").arg(parseError.errorString())
                : QStringLiteral("frame is not a CBOR map");
            m_buffer.clear();
            return false;
        }
        m_messages.push_back(value.toMap());
        offset += 4 + qsizetype(length);
    }
    m_buffer.remove(0, offset);
    return true;
}

bool FrameDecoder::takeMessage(QCborMap *out)
{
    if (m_messages.empty())
        return false;
    *out = m_messages.front();
    m_messages.pop_front();
    return true;
}

} // namespace ps
