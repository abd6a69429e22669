#include "prober.h"
#include "probetesthelpers.h"
#include "tcpprobe.h"
#include "testnetns.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <QTest>

using ps::HostResult;
using ps::ProbeRequest;
using ps::TcpProbe;

Q_DECLARE_METATYPE(ps::HostResult::Status)

namespace {

using Ports = QList<quint16>;

using ps::testing::describe;

ProbeRequest request(const QString &target, const Ports &ports, int count = 1, int timeoutMs = 1000,
                     int intervalMs = 50)
{
    ProbeRequest r = ps::testing::probeRequest(target, ps::ProbeMethod::Tcp, count, timeoutMs, intervalMs);
    r.tcpPorts = ports;
    return r;
}

// A port on `address` that nobody listens on: listen, note the port, stop listening.
quint16 closedPort(const QHostAddress &address)
{
    QTcpServer server;
    if (!server.listen(address, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// Inside the namespace: 127.1/16 drops everything (a host that is off), 127.2/16 rejects with
// ICMP host-unreachable (a router that knows it is gone); on ::1, port 9 drops and port 10
// rejects with ICMPv6 address-unreachable. Every other loopback address behaves normally.
const QString kRuleset = QStringLiteral(R"(
table inet pstest {
    chain input {
        type filter hook input priority 0; policy accept;
        ip daddr 127.1.0.0/16 drop
        ip daddr 127.2.0.0/16 reject with icmp type host-unreachable
        ip6 daddr ::1 tcp dport 9 drop
        ip6 daddr ::1 tcp dport 10 reject with icmpv6 type addr-unreachable
    }
}
)");

} // namespace

class TestTcpProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void answersOnLoopback_data();
    void answersOnLoopback();
    void attemptsAreSpacedByTheInterval();
    void refusedInput_data();
    void refusedInput();
    void proberRoutesTcpHere();

    void silenceAndRejectionInANamespace_data();
    void silenceAndRejectionInANamespace();
    void portsAreProbedInParallel();

private:
    std::unique_ptr<TestNetns> m_netns;
    QString m_netnsSkip;
};

void TestTcpProbe::initTestCase()
{
    m_netns = std::make_unique<TestNetns>(QStringLiteral("ps-tcp-%1").arg(QCoreApplication::applicationPid()));
    if (!m_netns->create(kRuleset, &m_netnsSkip))
        m_netns.reset();
}

void TestTcpProbe::cleanupTestCase()
{
    m_netns.reset();  // deletes the namespace
}

void TestTcpProbe::answersOnLoopback_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("listening");  // else: a closed port, answered with RST
    QTest::addColumn<bool>("alsoClosedPortFirst");

    QTest::newRow("IPv4: listening port connects → alive") << QStringLiteral("127.0.0.1") << true << false;
    QTest::newRow("IPv4: closed port refuses (RST) → alive") << QStringLiteral("127.0.0.1") << false << false;
    QTest::newRow("IPv4: one closed, one open → alive") << QStringLiteral("127.0.0.1") << true << true;
    QTest::newRow("IPv6: listening port on ::1 → alive") << QStringLiteral("::1") << true << false;
    QTest::newRow("IPv6: closed port on ::1 refuses → alive") << QStringLiteral("::1") << false << false;
}

void TestTcpProbe::answersOnLoopback()
{
    QFETCH(QString, target);
    QFETCH(bool, listening);
    QFETCH(bool, alsoClosedPortFirst);
    const QHostAddress address(target);
    QTcpServer server;
    if (!server.listen(address, 0)) {
        if (address.protocol() == QAbstractSocket::IPv6Protocol)
            QSKIP(qPrintable(QStringLiteral("::1 is not configured here: %1").arg(server.errorString())));
        QFAIL(qPrintable(server.errorString()));
    }
    Ports ports;
    if (alsoClosedPortFirst)
        ports << closedPort(address);
    if (listening) {
        ports << server.serverPort();
    } else {
        const quint16 port = server.serverPort();
        server.close();
        ports << port;
    }
    // The listen backlog completes the handshake in the kernel: no event loop, no accept().
    const HostResult result = TcpProbe::probe(request(target, ports, 3, 1000, 10));
    QVERIFY2(result.status == HostResult::Status::Alive, qPrintable(describe(result)));
    QCOMPARE(result.method, QStringLiteral("tcp"));
    QCOMPARE(result.address, target);
    QCOMPARE(result.sent, 3);
    QCOMPARE(result.received, 3);
    QVERIFY(result.rttMinMs && result.rttAvgMs && result.rttMaxMs);
    QVERIFY(*result.rttMinMs >= 0);
    QVERIFY(*result.rttMinMs <= *result.rttAvgMs && *result.rttAvgMs <= *result.rttMaxMs);
    QVERIFY(*result.rttMaxMs < 1000);
    QVERIFY(!result.ttl);
    QVERIFY(result.error.isEmpty());
}

void TestTcpProbe::attemptsAreSpacedByTheInterval()
{
    const quint16 port = closedPort(QHostAddress(QHostAddress::LocalHost));
    QVERIFY(port != 0);
    QElapsedTimer timer;
    timer.start();
    const HostResult result = TcpProbe::probe(request(QStringLiteral("127.0.0.1"), {port}, 3, 1000, 150));
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(result.received, 3);
    QVERIFY2(elapsed >= 290 && elapsed < 2000, qPrintable(QString::number(elapsed)));
}

void TestTcpProbe::refusedInput_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<Ports>("ports");
    QTest::addColumn<QString>("error");
    QTest::newRow("option-like target") << QStringLiteral("-f") << Ports{80} << QStringLiteral("starts with '-'");
    QTest::newRow("white space in target") << QStringLiteral("a b") << Ports{80} << QStringLiteral("character");
    QTest::newRow("no ports") << QStringLiteral("127.0.0.1") << Ports{} << QStringLiteral("no TCP ports");
    QTest::newRow("only port 0") << QStringLiteral("127.0.0.1") << Ports{0} << QStringLiteral("no TCP ports");
}

void TestTcpProbe::refusedInput()
{
    QFETCH(QString, target);
    QFETCH(Ports, ports);
    QFETCH(QString, error);
    const HostResult result = TcpProbe::probe(request(target, ports));
    QCOMPARE(result.status, HostResult::Status::Error);
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
    QCOMPARE(result.sent, 0);
}

void TestTcpProbe::proberRoutesTcpHere()
{
    const quint16 port = closedPort(QHostAddress(QHostAddress::LocalHost));
    HostResult result;
    int calls = 0;
    ps::Prober::probe(request(QStringLiteral("127.0.0.1"), {port}), [&](const HostResult &r) {
        result = r;
        ++calls;
    });
    QCOMPARE(calls, 1);
    QCOMPARE(result.method, QStringLiteral("tcp"));
    QCOMPARE(result.status, HostResult::Status::Alive);
}

void TestTcpProbe::silenceAndRejectionInANamespace_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<Ports>("ports");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<HostResult::Status>("status");
    QTest::addColumn<QString>("error");  // a part of the message

    QTest::newRow("IPv4: SYNs dropped on all ports → dead, timed out")
        << QStringLiteral("127.1.0.1") << Ports{80, 443, 22} << 2 << 300 << HostResult::Status::Dead
        << QStringLiteral("no answer on TCP ports 80, 443, 22 within 300 ms (timed out)");
    QTest::newRow("IPv4: ICMP host unreachable → error with the first port's reason")
        << QStringLiteral("127.2.0.1") << Ports{80, 443, 22} << 2 << 300 << HostResult::Status::Error
        << QStringLiteral("port 80: No route to host");
    QTest::newRow("IPv6: SYNs to ::1 port 9 dropped → dead")
        << QStringLiteral("::1") << Ports{9} << 2 << 300 << HostResult::Status::Dead
        << QStringLiteral("no answer on TCP port 9 within 300 ms (timed out)");
    // Linux acts on the ICMPv6 error only for the SYN it retransmits one RTO (1 s) later, so
    // this row waits longer than the others.
    QTest::newRow("IPv6: ICMPv6 address unreachable → error")
        << QStringLiteral("::1") << Ports{10} << 1 << 2500 << HostResult::Status::Error
        << QStringLiteral("port 10: No route to host");
    QTest::newRow("IPv6: one port silent, another refused → alive")
        << QStringLiteral("::1") << Ports{9, 1} << 2 << 300 << HostResult::Status::Alive << QString();
    QTest::newRow("unknown host → error, nothing sent")
        << QStringLiteral("nonexistent.invalid") << Ports{80} << 2 << 300 << HostResult::Status::Error
        << QStringLiteral("cannot resolve nonexistent.invalid: ");
    QTest::newRow("hostname localhost resolves, closed port refuses → alive")
        << QStringLiteral("localhost") << Ports{1} << 2 << 300 << HostResult::Status::Alive << QString();
}

void TestTcpProbe::silenceAndRejectionInANamespace()
{
    QFETCH(QString, target);
    QFETCH(Ports, ports);
    QFETCH(int, count);
    QFETCH(int, timeoutMs);
    QFETCH(HostResult::Status, status);
    QFETCH(QString, error);
    if (!m_netns)
        QSKIP(qPrintable(m_netnsSkip));
    if (target == u"::1" && !m_netns->hasIpv6Loopback())
        QSKIP("::1 is not configured in the test namespace (IPv6 disabled?)");
    HostResult result;
    QString why;
    QVERIFY2(m_netns->runInside([&] { result = TcpProbe::probe(request(target, ports, count, timeoutMs, 50)); }, &why),
             qPrintable(why));
    QVERIFY2(result.status == status, qPrintable(describe(result)));
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
    if (status == HostResult::Status::Error && target.startsWith(u"nonexistent")) {
        QCOMPARE(result.sent, 0);
        return;
    }
    QCOMPARE(result.sent, count);
    QCOMPARE(result.received, status == HostResult::Status::Alive ? count : 0);
    QCOMPARE(result.rttAvgMs.has_value(), status == HostResult::Status::Alive);
}

void TestTcpProbe::portsAreProbedInParallel()
{
    if (!m_netns)
        QSKIP(qPrintable(m_netnsSkip));
    HostResult result;
    qint64 elapsed = 0;
    QString why;
    QVERIFY2(m_netns->runInside([&] {
        QElapsedTimer timer;
        timer.start();
        result = TcpProbe::probe(request(QStringLiteral("127.1.0.1"), {80, 443, 22, 8080}, 1, 400));
        elapsed = timer.elapsed();
    }, &why), qPrintable(why));
    QCOMPARE(result.status, HostResult::Status::Dead);
    // Four silent ports in one 400 ms wait, not four waits one after the other.
    QVERIFY2(elapsed >= 390 && elapsed < 1200, qPrintable(QString::number(elapsed)));
}

QTEST_GUILESS_MAIN(TestTcpProbe)
#include "tst_ping_tcpprobe.moc"
