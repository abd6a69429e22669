// Dead, refused, slow and unprivileged sweeps, end to end through pingsweep-cli, inside network
// namespaces this test creates and deletes (tests/support/netns.sh). Targets are 127.1.0.0/16
// inside the namespace; nothing outside it is ever probed.
#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <map>
#include <unistd.h>

namespace {

const QString kNetns = QStringLiteral(PS_SOURCE_DIR "/tests/support/netns.sh");
const QString kCli = QStringLiteral(PS_BIN_DIR "/pingsweep-cli");

struct Row
{
    QString status;
    QString line;
    double rttAvg = -1;
};

struct Sweep
{
    int exitCode = -1;
    std::map<QString, Row> rows;
    QString err;
};

int run(const QString &program, const QStringList &arguments, QString *output = nullptr)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PS_TEST_RESPONDER"), QStringLiteral(PS_BIN_DIR "/ps-test-responder"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// A namespace for one test, deleted when the test ends, pass or fail.
class Namespace
{
public:
    explicit Namespace(const QString &mode, int delayMs = 40)
        : m_name(QStringLiteral("ps-t%1-%2").arg(::getpid()).arg(++s_serial))
    {
        QString output;
        m_ok = run(kNetns, {QStringLiteral("up"), m_name, mode, QString::number(delayMs)}, &output) == 0;
        m_error = output;
    }
    ~Namespace() { run(kNetns, {QStringLiteral("down"), m_name}); }
    Q_DISABLE_COPY_MOVE(Namespace)

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QString name() const { return m_name; }
    bool openIcmp() { return run(kNetns, {QStringLiteral("open-icmp"), m_name}) == 0; }

    Sweep sweep(const QStringList &cliArguments, bool asNobody = false) const
    {
        QStringList arguments{QStringLiteral("netns"), QStringLiteral("exec"), m_name};
        if (asNobody) {
            arguments << QStringLiteral("setpriv") << QStringLiteral("--reuid=nobody")
                      << QStringLiteral("--regid=nogroup") << QStringLiteral("--clear-groups");
        }
        arguments << kCli << cliArguments;
        QProcess p;
        p.start(QStringLiteral("ip"), arguments);
        Sweep s;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            s.err = QStringLiteral("timed out");
            return s;
        }
        s.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        s.err = QString::fromLocal8Bit(p.readAllStandardError());
        for (const QString &line : QString::fromLocal8Bit(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
            const QStringList f = line.split(u' ', Qt::SkipEmptyParts);
            Row row{f.value(1), line, -1};
            const int rtt = f.indexOf(QStringLiteral("rtt"));
            if (rtt >= 0)
                row.rttAvg = f.value(rtt + 1).section(u'/', 1, 1).toDouble();
            s.rows[f.value(0)] = row;
        }
        return s;
    }

private:
    static inline int s_serial = 0;
    QString m_name;
    bool m_ok = false;
    QString m_error;
};

QStringList hostRange(int first, int last, int third = 0)
{
    QStringList hosts;
    for (int i = first; i <= last; ++i)
        hosts << QStringLiteral("127.1.%1.%2").arg(third).arg(i);
    return hosts;
}

#define REQUIRE_NAMESPACE(ns) \
    if (!(ns).ok()) \
        QSKIP(qPrintable(QStringLiteral("cannot create a network namespace here (needs root and iproute2/nftables): ") + (ns).error()))

} // namespace

class TestNetns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modes_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("thread mode") << QStringLiteral("thread");
        QTest::newRow("process mode") << QStringLiteral("process");
    }

    void deadHostsAreReportedDead_data() { modes_data(); }
    void deadHostsAreReportedDead()
    {
        QFETCH(QString, mode);
        Namespace ns(QStringLiteral("dead"));
        REQUIRE_NAMESPACE(ns);
        const QStringList hosts = hostRange(1, 64);
        const Sweep s = ns.sweep(QStringList{QStringLiteral("-m"), mode, QStringLiteral("-t"), QStringLiteral("300")} + hosts);
        QCOMPARE(s.exitCode, 1);  // done, some host not alive
        QCOMPARE(int(s.rows.size()), 64);
        for (const QString &h : hosts) {
            QCOMPARE(s.rows.at(h).status, QStringLiteral("dead"));
            QVERIFY2(s.rows.at(h).line.contains(QStringLiteral("no reply within 300 ms")), qPrintable(s.rows.at(h).line));
        }
    }

    void oneInFourAlive_data() { modes_data(); }
    void oneInFourAlive()
    {
        QFETCH(QString, mode);
        Namespace ns(QStringLiteral("mixed"));
        REQUIRE_NAMESPACE(ns);
        const Sweep s = ns.sweep(QStringList{QStringLiteral("-m"), mode, QStringLiteral("-t"), QStringLiteral("300")} + hostRange(1, 32));
        QCOMPARE(int(s.rows.size()), 32);
        for (int i = 1; i <= 32; ++i) {
            const QString h = QStringLiteral("127.1.0.%1").arg(i);
            QCOMPARE(s.rows.at(h).status, i % 4 == 0 ? QStringLiteral("alive") : QStringLiteral("dead"));
        }
    }

    void icmpErrorIsTheReasonNotSilence()
    {
        Namespace ns(QStringLiteral("reject"));
        REQUIRE_NAMESPACE(ns);
        const Sweep s = ns.sweep({QStringLiteral("-t"), QStringLiteral("2000"), QStringLiteral("127.1.1.1"),
                                  QStringLiteral("127.1.1.2"), QStringLiteral("127.1.0.1")});
        QCOMPARE(s.rows.at(QStringLiteral("127.1.0.1")).status, QStringLiteral("alive"));
        for (const QString &h : QStringList{QStringLiteral("127.1.1.1"), QStringLiteral("127.1.1.2")}) {
            QCOMPARE(s.rows.at(h).status, QStringLiteral("dead"));
            QVERIFY2(s.rows.at(h).line.contains(QStringLiteral("host unreachable")), qPrintable(s.rows.at(h).line));
        }
    }

    void slowHostsReportTheirDelay_data() { modes_data(); }
    void slowHostsReportTheirDelay()
    {
        QFETCH(QString, mode);
        Namespace ns(QStringLiteral("delay"), 40);
        REQUIRE_NAMESPACE(ns);
        const Sweep s = ns.sweep(QStringList{QStringLiteral("-m"), mode, QStringLiteral("-c"), QStringLiteral("2"),
                                             QStringLiteral("-i"), QStringLiteral("50")} + hostRange(1, 16));
        QCOMPARE(s.exitCode, 0);
        QCOMPARE(int(s.rows.size()), 16);
        for (const auto &[host, row] : s.rows) {
            QCOMPARE(row.status, QStringLiteral("alive"));
            // Correctness, not speed: a user-space responder on a shared 2-core machine adds
            // scheduling noise; the ±2 ms figure is a benchmark goal (bench/).
            QVERIFY2(row.rttAvg >= 39.0 && row.rttAvg < 60.0, qPrintable(row.line));
        }
    }

    void unprivilegedUser_data()
    {
        QTest::addColumn<bool>("openGroupRange");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("method");
        QTest::newRow("ICMP sockets closed, thread mode: falls back to system ping")
            << false << QStringLiteral("thread") << QStringLiteral("system");
        QTest::newRow("ICMP sockets closed, process mode: falls back to system ping")
            << false << QStringLiteral("process") << QStringLiteral("system");
        QTest::newRow("ping_group_range open, thread mode: ICMP datagram sockets")
            << true << QStringLiteral("thread") << QStringLiteral("icmp-dgram");
        QTest::newRow("ping_group_range open, process mode: ICMP datagram sockets")
            << true << QStringLiteral("process") << QStringLiteral("icmp-dgram");
    }
    void unprivilegedUser()
    {
        QFETCH(bool, openGroupRange);
        QFETCH(QString, mode);
        QFETCH(QString, method);
        Namespace ns(QStringLiteral("mixed"));
        REQUIRE_NAMESPACE(ns);
        if (openGroupRange)
            QVERIFY(ns.openIcmp());
        const Sweep s = ns.sweep(QStringList{QStringLiteral("-v"), QStringLiteral("-m"), mode, QStringLiteral("-t"),
                                             QStringLiteral("500")} + hostRange(1, 8), true);
        QVERIFY2(s.rows.size() == 8, qPrintable(s.err));
        for (int i = 1; i <= 8; ++i) {
            const Row &row = s.rows.at(QStringLiteral("127.1.0.%1").arg(i));
            QCOMPARE(row.status, i % 4 == 0 ? QStringLiteral("alive") : QStringLiteral("dead"));
            QVERIFY2(row.line.contains(u' ' + method + u' ') || row.line.contains(u' ' + method + QStringLiteral("  ")),
                     qPrintable(row.line));
        }
        // -v says which method runs and why.
        QVERIFY2(s.err.contains(openGroupRange ? QStringLiteral("datagram") : QStringLiteral("ping_group_range")), qPrintable(s.err));
    }
};

QTEST_GUILESS_MAIN(TestNetns)
#include "tst_netns.moc"
