#include "probetesthelpers.h"
#include "systemping.h"
#include "targetvalidation.h"
#include "testnetns.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QTemporaryDir>
#include <QTest>

using ps::HostResult;
using ps::PingFlavor;
using ps::ProbeRequest;
using ps::SystemPing;

Q_DECLARE_METATYPE(ps::PingFlavor)
Q_DECLARE_METATYPE(ps::HostResult::Status)

namespace {

using ps::testing::describe;

ProbeRequest request(const QString &target, int count = 1, int timeoutMs = 1000, int intervalMs = 200)
{
    return ps::testing::probeRequest(target, ps::ProbeMethod::SystemPing, count, timeoutMs, intervalMs);
}

// Inside the namespace 127.1/16 swallows echo requests and 127.2/16 answers them with ICMP
// host-unreachable; nothing else is touched.
const QString kRuleset = QStringLiteral(R"(
table inet pstest {
    chain input {
        type filter hook input priority 0; policy accept;
        ip daddr 127.1.0.0/16 drop
        ip daddr 127.2.0.0/16 reject with icmp type host-unreachable
    }
}
)");

} // namespace

class TestSystemPing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void arguments_data();
    void arguments();
    void hostileTargetsNeverReachTheCommandLine_data();
    void hostileTargetsNeverReachTheCommandLine();
    void busyboxIsRecognisedThroughItsLink();

    void loopbackIsAlive_data();
    void loopbackIsAlive();
    void silenceAndRejectionInANamespace_data();
    void silenceAndRejectionInANamespace();

private:
    std::unique_ptr<TestNetns> m_netns;
    QString m_netnsSkip;
};

void TestSystemPing::initTestCase()
{
    if (SystemPing::program().isEmpty())
        qWarning("no ping command: the probing tests will skip");
    m_netns = std::make_unique<TestNetns>(
        QStringLiteral("ps-ping-%1").arg(QCoreApplication::applicationPid()));
    if (!m_netns->create(kRuleset, &m_netnsSkip))
        m_netns.reset();
}

void TestSystemPing::cleanupTestCase()
{
    m_netns.reset();  // deletes the namespace
}

void TestSystemPing::arguments_data()
{
    QTest::addColumn<PingFlavor>("flavor");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<QStringList>("expected");

    const auto args = [](std::initializer_list<const char *> list) {
        QStringList out;
        for (const char *a : list)
            out << QString::fromLatin1(a);
        return out;
    };
    QTest::newRow("iputils: one probe, -W in seconds, target after --")
        << PingFlavor::LinuxIputils << QStringLiteral("127.0.0.1") << 1 << 1000 << 1000
        << args({"-n", "-c", "1", "-W", "1.000", "--", "127.0.0.1"});
    QTest::newRow("iputils: IPv6 literal gets -6, interval in seconds")
        << PingFlavor::LinuxIputils << QStringLiteral("::1") << 2 << 500 << 300
        << args({"-n", "-c", "2", "-W", "0.500", "-i", "0.300", "-6", "--", "::1"});
    QTest::newRow("iputils: scoped link-local is IPv6 too")
        << PingFlavor::LinuxIputils << QStringLiteral("fe80::1%lo") << 1 << 1000 << 1000
        << args({"-n", "-c", "1", "-W", "1.000", "-6", "--", "fe80::1%lo"});
    QTest::newRow("iputils: interval below 200 ms is raised to 200 ms")
        << PingFlavor::LinuxIputils << QStringLiteral("127.0.0.1") << 3 << 250 << 50
        << args({"-n", "-c", "3", "-W", "0.250", "-i", "0.200", "--", "127.0.0.1"});
    QTest::newRow("iputils: hostname gets no family flag")
        << PingFlavor::LinuxIputils << QStringLiteral("localhost") << 1 << 1000 << 1000
        << args({"-n", "-c", "1", "-W", "1.000", "--", "localhost"});
    QTest::newRow("busybox: -W rounded up to whole seconds")
        << PingFlavor::BusyBox << QStringLiteral("127.0.0.1") << 1 << 1500 << 1000
        << args({"-c", "1", "-W", "2", "--", "127.0.0.1"});
    QTest::newRow("busybox: IPv6 literal gets -6")
        << PingFlavor::BusyBox << QStringLiteral("::1") << 2 << 300 << 1000
        << args({"-c", "2", "-W", "1", "-i", "1.000", "-6", "--", "::1"});
    QTest::newRow("bsd: -W in milliseconds, interval at least 1 s")
        << PingFlavor::Bsd << QStringLiteral("192.0.2.1") << 2 << 800 << 300
        << args({"-n", "-c", "2", "-W", "800", "-i", "1.000", "--", "192.0.2.1"});
    QTest::newRow("windows: -n count, -w ms, no --")
        << PingFlavor::Windows << QStringLiteral("192.0.2.1") << 2 << 800 << 1000
        << args({"-n", "2", "-w", "800", "192.0.2.1"});
}

void TestSystemPing::arguments()
{
    QFETCH(PingFlavor, flavor);
    QFETCH(QString, target);
    QFETCH(int, count);
    QFETCH(int, timeoutMs);
    QFETCH(int, intervalMs);
    QFETCH(QStringList, expected);
    const QStringList args = SystemPing::arguments(request(target, count, timeoutMs, intervalMs), flavor);
    QCOMPARE(args, expected);
    QCOMPARE(args.last(), target);  // one argument, never split, never re-parsed by a shell
}

void TestSystemPing::hostileTargetsNeverReachTheCommandLine_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("option: -f (flood)") << QStringLiteral("-f");
    QTest::newRow("option: --help") << QStringLiteral("--help");
    QTest::newRow("command substitution $(id)") << QStringLiteral("$(id)");
    QTest::newRow("backticks `id`") << QStringLiteral("`id`");
    QTest::newRow("white space: a b") << QStringLiteral("a b");
    QTest::newRow("command separator ;") << QStringLiteral("127.0.0.1;id");
    QTest::newRow("embedded NUL") << QString::fromUtf16(u"127.0.0.1\0-f", 12);
    QTest::newRow("newline") << QStringLiteral("127.0.0.1\n-f");
    QTest::newRow("windows option /t") << QStringLiteral("/t");
    QTest::newRow("empty") << QString();
}

void TestSystemPing::hostileTargetsNeverReachTheCommandLine()
{
    QFETCH(QString, target);
    const QString reason = ps::validateProbeTarget(target);
    QVERIFY2(!reason.isEmpty(), "the validator must reject it");
    QElapsedTimer timer;
    timer.start();
    const HostResult result = SystemPing::probe(request(target));
    QCOMPARE(result.status, HostResult::Status::Error);
    QCOMPARE(result.error, reason);  // refused by validation, before any process is started
    QCOMPARE(result.sent, 0);
    QCOMPARE(result.method, QStringLiteral("system"));
    QVERIFY(timer.elapsed() < 500);
}

void TestSystemPing::busyboxIsRecognisedThroughItsLink()
{
    const QString busybox = QStandardPaths::findExecutable(QStringLiteral("busybox"));
    if (busybox.isEmpty())
        QSKIP("busybox is not installed (apt-get install -y busybox)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString link = dir.filePath(QStringLiteral("ping"));
    QVERIFY(QFile::link(busybox, link));
    QVERIFY(SystemPing::flavorOf(link) == PingFlavor::BusyBox);
    QVERIFY(SystemPing::flavorOf(busybox) == PingFlavor::BusyBox);
}

void TestSystemPing::loopbackIsAlive_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("IPv4 127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("IPv6 ::1") << QStringLiteral("::1");
}

void TestSystemPing::loopbackIsAlive()
{
    QFETCH(QString, target);
    if (SystemPing::program().isEmpty())
        QSKIP("no ping command on this machine");
    if (target == u"::1" && !QNetworkInterface::allAddresses().contains(QHostAddress(QHostAddress::LocalHostIPv6)))
        QSKIP("::1 is not configured on this machine");
    const HostResult result = SystemPing::probe(request(target, 2, 1000, 200));
    QVERIFY2(result.status == HostResult::Status::Alive, qPrintable(describe(result)));
    QCOMPARE(result.sent, 2);
    QCOMPARE(result.received, 2);
    QCOMPARE(result.method, QStringLiteral("system"));
    QVERIFY(result.ttl.has_value());
    QVERIFY(result.rttMinMs && result.rttAvgMs && result.rttMaxMs);
    QVERIFY(*result.rttMinMs <= *result.rttAvgMs && *result.rttAvgMs <= *result.rttMaxMs);
    QVERIFY(result.error.isEmpty());
}

void TestSystemPing::silenceAndRejectionInANamespace_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<HostResult::Status>("status");
    QTest::addColumn<int>("sent");
    QTest::addColumn<QString>("error");

    QTest::newRow("dropped echo requests: dead, no reply")
        << QStringLiteral("127.1.0.1") << HostResult::Status::Dead << 2 << QStringLiteral("no reply");
    QTest::newRow("ICMP host unreachable: dead, with the router's words")
        << QStringLiteral("127.2.0.1") << HostResult::Status::Dead << 2
        << QStringLiteral("Destination Host Unreachable (from 127.2.0.1)");
    QTest::newRow("unknown host: error, nothing sent")
        << QStringLiteral("nonexistent.invalid") << HostResult::Status::Error << 0
        << QStringLiteral("nonexistent.invalid: Temporary failure in name resolution");
    QTest::newRow("loopback still answers inside")
        << QStringLiteral("127.0.0.1") << HostResult::Status::Alive << 2 << QString();
}

void TestSystemPing::silenceAndRejectionInANamespace()
{
    QFETCH(QString, target);
    QFETCH(HostResult::Status, status);
    QFETCH(int, sent);
    QFETCH(QString, error);
    if (SystemPing::program().isEmpty())
        QSKIP("no ping command on this machine");
    if (!m_netns)
        QSKIP(qPrintable(m_netnsSkip));
    HostResult result;
    QString why;
    QVERIFY2(m_netns->runInside([&] { result = SystemPing::probe(request(target, 2, 300, 200)); }, &why),
             qPrintable(why));
    QVERIFY2(result.status == status, qPrintable(describe(result)));
    QCOMPARE(result.sent, sent);
    QCOMPARE(result.received, status == HostResult::Status::Alive ? 2 : 0);
    if (error.contains(u"name resolution") && !result.error.contains(u"name resolution")) {
        // nsswitch may answer from elsewhere (e.g. systemd-resolved's "Name or service not
        // known"); what matters is that it is an error without a probe.
        QVERIFY2(result.error.contains(u"nonexistent.invalid"), qPrintable(result.error));
        return;
    }
    QCOMPARE(result.error, error);
}

QTEST_GUILESS_MAIN(TestSystemPing)
#include "tst_systemping.moc"
