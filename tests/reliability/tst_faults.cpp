// Fault injection, end to end through pingsweep-cli on loopback: a worker killed mid-sweep, a
// missing worker binary, too few file descriptors for the workers asked for, hostile targets,
// and an interrupt in the middle of a large sweep. Nothing is lost, nothing gets in.
#include "childprocesses.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QString kCli = QStringLiteral(PS_BIN_DIR "/pingsweep-cli");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QStringList rows() const { return out.split(u'\n', Qt::SkipEmptyParts); }
    int count(const QString &status) const
    {
        int n = 0;
        for (const QString &row : rows())
            n += row.split(u' ', Qt::SkipEmptyParts).value(1) == status;
        return n;
    }
};

Run finish(QProcess &p, int timeoutMs = 60000)
{
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err += QString::fromUtf8(p.readAllStandardError());
    return r;
}

Run runCli(const QStringList &arguments, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kCli, arguments);
    return finish(p);
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWorkerFailsOnlyItsHosts()
    {
        // Two workers, each host probed 4 times 250 ms apart: a second-long sweep in which a
        // SIGKILL lands while the victim holds probes.
        QProcess p;
        p.start(kCli, {QStringLiteral("-m"), QStringLiteral("process"), QStringLiteral("-w"), QStringLiteral("2"),
                       QStringLiteral("-c"), QStringLiteral("4"), QStringLiteral("-i"), QStringLiteral("250"),
                       QStringLiteral("127.0.0.0/26")});
        QVERIFY(p.waitForStarted());
        QList<qint64> workers;
        QTRY_VERIFY_WITH_TIMEOUT((workers = childPids(p.processId())).size() >= 1, 5000);
        QTest::qWait(300);
        QCOMPARE(::kill(pid_t(workers.constFirst()), SIGKILL), 0);
        const Run r = finish(p);
        QCOMPARE(r.rows().size(), 62);  // every host has its row: nothing lost
        const int crashed = r.count(QStringLiteral("error"));
        QVERIFY2(crashed > 0, qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("crashed (signal 9)")), qPrintable(r.out));
        QCOMPARE(r.count(QStringLiteral("alive")) + crashed, 62);
        QCOMPARE(r.exitCode, 1);  // done, not every host alive
    }

    void missingWorkerBinaryIsAClearErrorNotACrash()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PINGSWEEP_WORKER"), QStringLiteral("/nonexistent/pingsweep-worker"));
        const Run r = runCli({QStringLiteral("-m"), QStringLiteral("process"), QStringLiteral("127.0.0.0/29")}, env);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.rows().size(), 6);
        QCOMPARE(r.count(QStringLiteral("error")), 6);
        QVERIFY2(r.out.contains(QStringLiteral("/nonexistent/pingsweep-worker")), qPrintable(r.out));
    }

    void descriptorLimitDegradesGracefully()
    {
        // 500 workers asked for under `ulimit -n 256`: fewer workers, a warning, all results.
        QProcess p;
        p.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), QStringLiteral("ulimit -n 256 && exec \"$0\" -m process -w 500 127.0.0.0/28"), kCli});
        const Run r = finish(p);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.count(QStringLiteral("alive")), 14);
        QVERIFY2(r.err.contains(QStringLiteral("open-file limit (256)")), qPrintable(r.err));
    }

    void hostileTargetsAreRefused_data()
    {
        QTest::addColumn<QString>("target");
        QTest::newRow("an option in a target's place") << QStringLiteral("-f");
        QTest::newRow("--help as a target after --") << QStringLiteral("--help");
        QTest::newRow("shell command substitution") << QStringLiteral("$(touch${IFS}/tmp/ps-hostile-target)");
        QTest::newRow("shell separator") << QStringLiteral("127.0.0.1;touch /tmp/ps-hostile-target");
        QTest::newRow("very long name") << QString(4000, u'a');
        QTest::newRow("the whole IPv4 space") << QStringLiteral("0.0.0.0/0");
    }
    void hostileTargetsAreRefused()
    {
        QFETCH(QString, target);
        QFile::remove(QStringLiteral("/tmp/ps-hostile-target"));
        const Run r = runCli({QStringLiteral("--"), target});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());  // nothing was probed
        QVERIFY(!r.err.isEmpty());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/ps-hostile-target")));  // nothing ran
    }

    void nulBytesInATargetFileAreReported()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("targets.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        static const char content[] = "127.0.0.1\n127.0.\0.2\n127.0.0.3\n";
        file.write(content, sizeof content - 1);  // the NUL inside is part of the data
        file.close();
        const Run r = runCli({QStringLiteral("-f"), file.fileName()});
        // The good lines are swept; the NUL line is reported by number and never a target.
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.count(QStringLiteral("alive")), 2);
        QCOMPARE(r.rows().size(), 2);
        QVERIFY2(r.err.contains(QStringLiteral("line 2 skipped")), qPrintable(r.err));
    }

    void interruptMidSweepKeepsFinishedRows()
    {
        // 65,534 hosts, each probed twice a second apart: SIGINT arrives mid-sweep.
        QProcess p;
        p.start(kCli, {QStringLiteral("-c"), QStringLiteral("2"), QStringLiteral("-i"), QStringLiteral("1000"),
                       QStringLiteral("127.0.0.0/16")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(p.bytesAvailable() > 0 || p.waitForReadyRead(100), 20000);
        QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
        const Run r = finish(p, 30000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("interrupted")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("(stopped)")), qPrintable(r.err));
        QVERIFY(r.count(QStringLiteral("alive")) > 0);
        QVERIFY(r.count(QStringLiteral("alive")) < 65534);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
