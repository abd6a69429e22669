#include "reversedns.h"

#include <QDateTime>
#include <QHostAddress>
#include <QHostInfo>
#include <QTimer>

namespace ps {

ReverseDns::ReverseDns(int timeoutMs, QObject *parent)
    : QObject(parent), m_timeoutMs(std::max(1, timeoutMs)), m_timer(new QTimer(this))
{
    m_timer->setInterval(std::clamp(m_timeoutMs / 4, 20, 250));
    connect(m_timer, &QTimer::timeout, this, &ReverseDns::expire);
}

ReverseDns::~ReverseDns()
{
    for (auto it = m_pending.constBegin(); it != m_pending.constEnd(); ++it)
        QHostInfo::abortHostLookup(it.key());
}

void ReverseDns::resolve(const HostResult &result, Done done)
{
    const QHostAddress address(result.address);
    if (address.isNull() || !result.hostname.isEmpty()) {
        done(result);
        return;
    }
    const int id = QHostInfo::lookupHost(address.toString(), this, &ReverseDns::onLookedUp);
    m_pending.insert(id, {result, std::move(done), QDateTime::currentMSecsSinceEpoch() + m_timeoutMs});
    if (!m_timer->isActive())
        m_timer->start();
}

void ReverseDns::onLookedUp(const QHostInfo &info)
{
    const auto it = m_pending.find(info.lookupId());
    if (it == m_pending.end())
        return;  // timed out already
    Pending p = std::move(it.value());
    m_pending.erase(it);
    // A reverse lookup that finds no name gives the address back as the "name": not a name.
    if (info.error() == QHostInfo::NoError && info.hostName() != p.result.address)
        p.result.hostname = info.hostName();
    p.done(p.result);
}

void ReverseDns::expire()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<int> expired;
    for (auto it = m_pending.constBegin(); it != m_pending.constEnd(); ++it) {
        if (it->deadline <= now)
            expired.append(it.key());
    }
    for (int id : expired) {
        QHostInfo::abortHostLookup(id);
        Pending p = m_pending.take(id);
        p.done(p.result);
    }
    if (m_pending.isEmpty())
        m_timer->stop();
}

void ReverseDns::flush()
{
    const QList<int> ids = m_pending.keys();
    for (int id : ids) {
        QHostInfo::abortHostLookup(id);
        Pending p = m_pending.take(id);
        p.done(p.result);
    }
    m_timer->stop();
}

} // namespace ps
