#include "executor.h"

#include "errors.h"
#include "exceptioncodec.h"

#include <QCborArray>
#include <QCborMap>

namespace ps {

MapResult Executor::map(const QString &task, const QList<QCborValue> &items, int timeoutMs,
                        int chunkSize)
{
    if (chunkSize < 1)
        throw std::invalid_argument("chunkSize must be at least 1");
    if (!supportsChunks())
        chunkSize = 1;
    std::vector<Future<QCborValue>> futures;
    futures.reserve(std::size_t(items.size() / chunkSize + 1));
    try {
        for (qsizetype i = 0; i < items.size(); i += chunkSize) {
            if (chunkSize == 1) {
                futures.push_back(submit(task, items.at(i)));
            } else {
                QCborMap chunk;
                chunk.insert(QStringLiteral("task"), task);
                QCborArray chunkItems;
                for (qsizetype j = i; j < std::min(items.size(), i + chunkSize); ++j)
                    chunkItems.append(items.at(j));
                chunk.insert(QStringLiteral("items"), chunkItems);
                futures.push_back(submit(QStringLiteral("__chunk__"), chunk));
            }
        }
    } catch (...) {
        for (auto &f : futures)
            f.cancel();
        throw;
    }
    return MapResult(std::move(futures), chunkSize, items.size(), timeoutMs);
}

MapResult::MapResult(std::vector<Future<QCborValue>> futures, int chunkSize,
                     qsizetype itemCount, int timeoutMs)
    : m_futures(std::move(futures)),
      m_chunkSize(chunkSize),
      m_itemCount(itemCount),
      m_unbounded(timeoutMs < 0),
      m_deadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, timeoutMs)))
{}

MapResult::~MapResult()
{
    cancelRemaining();
}

int MapResult::remainingMs() const
{
    if (m_unbounded)
        return -1;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        m_deadline - std::chrono::steady_clock::now());
    return int(std::max<qint64>(0, left.count()));
}

void MapResult::cancelRemaining()
{
    const std::size_t firstUnyielded = std::size_t(m_position / m_chunkSize)
        + (m_position % m_chunkSize ? 1 : 0);
    for (std::size_t i = firstUnyielded; i < m_futures.size(); ++i)
        m_futures[i].cancel();
    m_position = m_itemCount;
}

bool MapResult::next(QCborValue *out)
{
    if (m_position >= m_itemCount)
        return false;
    const Future<QCborValue> &future = m_futures[std::size_t(m_position / m_chunkSize)];
    try {
        const QCborValue value = future.result(remainingMs());
        if (m_chunkSize == 1) {
            *out = value;
        } else {
            const QCborMap outcome = value.toArray().at(m_position % m_chunkSize).toMap();
            if (outcome.contains(QStringLiteral("e")))
                std::rethrow_exception(decodeException(outcome.value(QStringLiteral("e")).toMap()));
            *out = outcome.value(QStringLiteral("v"));
        }
    } catch (...) {
        ++m_position;
        cancelRemaining();
        throw;
    }
    ++m_position;
    return true;
}

QList<QCborValue> MapResult::toList()
{
    QList<QCborValue> values;
    QCborValue v;
    while (next(&v))
        values.append(v);
    return values;
}

} // namespace ps
