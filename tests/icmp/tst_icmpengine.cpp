// The native ICMP engine, live on loopback only (127.0.0.0/8 and ::1): many probes in flight
// on one socket, replies matched to their hosts, counts and RTTs. Built twice: with the
// default engine (a loop per core) and with PS_ENGINE_LOOPS=1, where a sweep of more than
// 65,536 hosts must move on to the next echo identifier.
#include "icmpengine.h"
#include "icmpsocket.h"

#include <QHostAddress>
#include <QNetworkInterface>
#include <QTest>

#include <QtEndian>

#include <condition_variable>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <map>
#include <mutex>

using namespace ps;

namespace {

// Collects the engine's callbacks (they arrive on its thread).
class Results
{
public:
    IcmpEngine::Done collector()
    {
        return [this](const HostResult &r) {
            std::lock_guard lock(m_mutex);
            m_results[r.address] = r;
            m_cond.notify_all();
        };
    }
    bool waitFor(std::size_t count, int timeoutMs)
    {
        std::unique_lock lock(m_mutex);
        return m_cond.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_results.size() >= count; });
    }
    std::map<QString, HostResult> take()
    {
        std::lock_guard lock(m_mutex);
        return m_results;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cond;
    std::map<QString, HostResult> m_results;
};

ProbeRequest request(const QString &target, int count = 1, int timeoutMs = 1000, int intervalMs = 10)
{
    ProbeRequest r;
    r.target = target;
    r.count = count;
    r.timeoutMs = timeoutMs;
    r.intervalMs = intervalMs;
    return r;
}

SocketAddress address(const QString &literal)
{
    return SocketAddress::fromLiteral(literal).value();
}

bool hasIpv6Loopback()
{
    for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
        if (a == QHostAddress::LocalHostIPv6)
            return true;
    }
    return false;
}

} // namespace

class TestIcmpEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
#ifdef PS_ENGINE_LOOPS
        IcmpEngine::setLoopCount(PS_ENGINE_LOOPS);
#endif
        if (IcmpSocket::availability(icmp::Family::V4).kind == IcmpSocket::Kind::None)
            QSKIP("no ICMP socket may be opened here (not root, ping_group_range closed): the engine is tested in the netns suite as well");
    }

    void wholeSlash24InFlightAtOnce()
    {
        Results results;
        for (int i = 1; i <= 254; ++i) {
            const QString target = QStringLiteral("127.0.0.%1").arg(i);
            IcmpEngine::instance().probe(request(target), address(target), results.collector());
        }
        QVERIFY(results.waitFor(254, 10000));
        for (const auto &[address, r] : results.take()) {
            QVERIFY2(r.isAlive(), qPrintable(address + u' ' + r.error));
            QCOMPARE(r.sent, 1);
            QCOMPARE(r.received, 1);
            QVERIFY(r.rttMinMs.has_value() && *r.rttMinMs >= 0 && *r.rttMinMs < 1000);
            QCOMPARE(r.ttl.value_or(-1), 64);
            QVERIFY(r.method.startsWith(QStringLiteral("icmp-")));
        }
    }

    void countProbesPerHostWithInterval()
    {
        Results results;
        IcmpEngine::instance().probe(request(QStringLiteral("127.0.0.7"), 3, 1000, 20),
                                     address(QStringLiteral("127.0.0.7")), results.collector());
        QVERIFY(results.waitFor(1, 10000));
        const HostResult r = results.take().at(QStringLiteral("127.0.0.7"));
        QCOMPARE(r.sent, 3);
        QCOMPARE(r.received, 3);
        QCOMPARE(r.lossPercent().value_or(-1), 0.0);
        QVERIFY(*r.rttMinMs <= *r.rttAvgMs && *r.rttAvgMs <= *r.rttMaxMs);
    }

    void ipv6Loopback()
    {
        if (!hasIpv6Loopback())
            QSKIP("::1 is not configured on this machine");
        if (IcmpSocket::availability(icmp::Family::V6).kind == IcmpSocket::Kind::None)
            QSKIP("no ICMPv6 socket may be opened here");
        Results results;
        IcmpEngine::instance().probe(request(QStringLiteral("::1"), 2), address(QStringLiteral("::1")), results.collector());
        QVERIFY(results.waitFor(1, 10000));
        const HostResult r = results.take().at(QStringLiteral("::1"));
        QVERIFY2(r.isAlive(), qPrintable(r.error));
        QCOMPARE(r.received, 2);
        QCOMPARE(r.ttl.value_or(-1), 64);  // hop limit
    }

    void moreThanASlash16AllAnswered()
    {
        // 127.0.0.0–127.1.0.255: 65,792 hosts, more than one identifier's 65,536 sequence
        // numbers (fping 5.1 loses the 65,536th host). With one loop this crosses to the next
        // identifier; with a loop per core it spreads them.
        constexpr int kHosts = 65536 + 256;
        Results results;
        const quint32 first = QHostAddress(QStringLiteral("127.0.0.0")).toIPv4Address();
        for (int i = 0; i < kHosts; ++i) {
            const SocketAddress host = SocketAddress::fromIpv4(first + quint32(i));
            IcmpEngine::instance().probe(request(host.toString(), 1, 5000), host, results.collector());
        }
        QVERIFY(results.waitFor(kHosts, 120000));
        int alive = 0;
        QString firstDown;
        for (const auto &[address, r] : results.take()) {
            alive += r.isAlive();
            if (!r.isAlive() && firstDown.isEmpty())
                firstDown = address + u' ' + r.error;
        }
        QVERIFY2(alive == kHosts, qPrintable(QStringLiteral("%1 of %2 alive; first down: %3").arg(alive).arg(kHosts).arg(firstDown)));
    }

    void identifierFilterDropsOtherRepliesOnly()
    {
        // A raw socket given identifiers [40000, 40010) receives echo replies to those and not
        // to others (every raw ICMP socket on the host would otherwise get every reply).
        if (IcmpSocket::availability(icmp::Family::V4).kind != IcmpSocket::Kind::Raw)
            QSKIP("needs a raw ICMP socket (root or CAP_NET_RAW)");
        IcmpSocket::Kind kind;
        QString error;
        const int filtered = IcmpSocket::open(icmp::Family::V4, &kind, &error, {40000, 10});
        QVERIFY2(filtered >= 0, qPrintable(error));
        auto echo = [filtered](quint16 identifier, quint16 sequence) {
            const QByteArray packet = icmp::buildEchoRequest(icmp::Family::V4, identifier, sequence);
            sockaddr_in to{};
            to.sin_family = AF_INET;
            to.sin_addr.s_addr = qToBigEndian(QHostAddress(QStringLiteral("127.0.0.9")).toIPv4Address());
            return ::sendto(filtered, packet.constData(), std::size_t(packet.size()), 0,
                            reinterpret_cast<const sockaddr *>(&to), sizeof to) == packet.size();
        };
        // Sequence numbers of our own: other processes' engines (tests running in parallel)
        // may hold identifiers in this range too, and their replies pass the filter rightly.
        QVERIFY(echo(39999, 0xbee1));  // below the range
        QVERIFY(echo(40010, 0xbee2));  // just above it
        QVERIFY(echo(40005, 0xbee3));  // inside
        QList<quint16> identifiers;
        char buffer[2048];
        for (int i = 0; i < 1024; ++i) {  // bounded: at most 1,024 reads, until 200 ms of quiet
            pollfd p{filtered, POLLIN, 0};
            if (::poll(&p, 1, 200) <= 0)
                break;
            const ssize_t n = ::recv(filtered, buffer, sizeof buffer, 0);
            const icmp::Reply reply = icmp::parse(icmp::Family::V4, buffer, int(n), true);
            const bool ours = (reply.identifier == 39999 && reply.sequence == 0xbee1)
                || (reply.identifier == 40010 && reply.sequence == 0xbee2)
                || (reply.identifier == 40005 && reply.sequence == 0xbee3);
            if (reply.kind == icmp::Reply::Kind::EchoReply && ours)
                identifiers.append(reply.identifier);
        }
        ::close(filtered);
        QCOMPARE(identifiers, QList<quint16>{40005});
    }

    void concurrentSubmittersAllAnswered()
    {
        // Probes registered from several threads at once (as executor tasks do).
        Results results;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([t, &results] {
                for (int i = 0; i < 64; ++i) {
                    const QString target = QStringLiteral("127.0.%1.%2").arg(10 + t).arg(i + 1);
                    IcmpEngine::instance().probe(request(target), address(target), results.collector());
                }
            });
        }
        for (auto &th : threads)
            th.join();
        QVERIFY(results.waitFor(256, 10000));
        int alive = 0;
        for (const auto &entry : results.take())
            alive += entry.second.isAlive();
        QCOMPARE(alive, 256);
    }
};

QTEST_GUILESS_MAIN(TestIcmpEngine)
#include "tst_icmpengine.moc"
