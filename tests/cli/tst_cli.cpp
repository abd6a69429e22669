// pingsweep-cli end to end on loopback: rows, exit codes, version/help, bad input.
#include "csvreader.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments, int timeoutMs = 60000, const QByteArray &input = QByteArray())
{
    QProcess process;
    process.start(QStringLiteral(PS_BIN_DIR "/pingsweep-cli"), arguments);
    if (!input.isNull()) {
        process.write(input);
        process.closeWriteChannel();
    }
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvListsHostsInTargetOrder();
    void jsonHasTypedValues();
    void outputFileIsWrittenAtomically();
    void aliveOnlyAndStdinTargets();
    void badFileLineIsNamed();
    void interruptKeepsFinishedRowsInCsv();

    void sweepsLoopbackSlash28_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("thread mode: 14 hosts alive") << QStringLiteral("thread");
        QTest::newRow("process mode: the same 14 hosts alive") << QStringLiteral("process");
    }
    void sweepsLoopbackSlash28()
    {
        QFETCH(QString, mode);
        const Run run = runCli({QStringLiteral("--mode"), mode, QStringLiteral("127.0.0.0/28")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList rows = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 14);  // /28 without network and broadcast
        QSet<QString> addresses;
        for (const QString &row : rows) {
            const QStringList fields = row.split(u' ', Qt::SkipEmptyParts);
            QCOMPARE(fields.value(1), QStringLiteral("alive"));
            addresses.insert(fields.value(0));
        }
        QSet<QString> expected;
        for (int i = 1; i <= 14; ++i)
            expected.insert(QStringLiteral("127.0.0.%1").arg(i));
        QCOMPARE(addresses, expected);
        QVERIFY2(run.err.contains(QStringLiteral("14 of 14 hosts alive")), qPrintable(run.err));
    }

    void versionAndHelp_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--version names the program and version")
            << QStringLiteral("--version") << QStringLiteral("pingsweep-cli " PINGSWEEP_VERSION);
        QTest::newRow("--help lists the options") << QStringLiteral("--help") << QStringLiteral("--mode");
    }
    void versionAndHelp()
    {
        QFETCH(QString, option);
        QFETCH(QString, expected);
        const Run run = runCli({option});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(expected), qPrintable(run.out));
    }

    void badInputExitsTwoAndNamesIt_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed address named with its position")
            << QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("300.1.1.1")} << QStringLiteral("'300.1.1.1'");
        QTest::newRow("unknown mode") << QStringList{QStringLiteral("--mode"), QStringLiteral("fork"), QStringLiteral("127.0.0.1")}
                                      << QStringLiteral("--mode");
        QTest::newRow("zero workers") << QStringList{QStringLiteral("-w"), QStringLiteral("0"), QStringLiteral("127.0.0.1")}
                                      << QStringLiteral("--workers");
        QTest::newRow("no targets") << QStringList{} << QStringLiteral("no targets");
        QTest::newRow("too many targets for --max-targets")
            << QStringList{QStringLiteral("--max-targets"), QStringLiteral("10"), QStringLiteral("127.0.0.0/24")}
            << QStringLiteral("254 targets");
    }
    void badInputExitsTwoAndNamesIt()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());  // nothing was probed
    }
};

void TestCli::csvListsHostsInTargetOrder()
{
    const Run run = runCli({QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("127.0.0.9"),
                            QStringLiteral("127.0.0.0/30"), QStringLiteral("127.0.0.3")});
    QCOMPARE(run.exitCode, 0);
    QByteArray bytes = run.out.toUtf8();
    QVERIFY2(bytes.startsWith("address,hostname,status,sent,received,loss_pct,rtt_min_ms,rtt_avg_ms,rtt_max_ms,ttl,method,worker,finished_at,error\r\n"),
             bytes.constData());
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    std::vector<ps::HostResult> rows;
    ps::CsvReader reader;
    QVERIFY2(reader.read(&buffer, &rows), qPrintable(reader.errorString()));
    QStringList order;
    for (const ps::HostResult &r : rows) {
        order << r.address;
        QCOMPARE(r.status, ps::HostResult::Status::Alive);
        QVERIFY(r.finishedAt.isValid());
    }
    QCOMPARE(order, (QStringList{QStringLiteral("127.0.0.9"), QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2"),
                                 QStringLiteral("127.0.0.3")}));  // input order, duplicates folded
}

void TestCli::jsonHasTypedValues()
{
    const Run run = runCli({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("127.0.0.1")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray rows = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.at(0).toObject();
    QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("alive"));
    QVERIFY(row.value(QStringLiteral("sent")).isDouble());
    QVERIFY(row.value(QStringLiteral("rtt_avg_ms")).isDouble());
    QVERIFY(row.value(QStringLiteral("hostname")).isNull());
}

void TestCli::outputFileIsWrittenAtomically()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sweep.csv"));
    Run run = runCli({QStringLiteral("-q"), QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-o"), path,
                      QStringLiteral("127.0.0.0/29")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());  // the rows went to the file
    ps::CsvReader reader;
    std::vector<ps::HostResult> rows;
    QVERIFY2(reader.readFile(path, &rows), qPrintable(reader.errorString()));
    QCOMPARE(int(rows.size()), 6);
    // A failing export (an unwritable place) says why and leaves nothing half-written.
    run = runCli({QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-o"),
                  dir.filePath(QStringLiteral("missing-dir/sweep.csv")), QStringLiteral("127.0.0.1")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("missing-dir/sweep.csv")), qPrintable(run.err));
    QVERIFY(reader.readFile(path, &rows));  // the earlier file is still whole
    QCOMPARE(int(rows.size()), 6);
}

void TestCli::aliveOnlyAndStdinTargets()
{
    const Run run = runCli({QStringLiteral("-a"), QStringLiteral("-f"), QStringLiteral("-")}, 60000,
                           QByteArray("# loopback hosts\n127.0.0.1, 127.0.0.2\nrouter 127.0.0.3 up\n"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.split(u'\n', Qt::SkipEmptyParts).size(), 3);
}

void TestCli::badFileLineIsNamed()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("targets.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("127.0.0.1\n127.0.0.300\n");
    file.close();
    const Run run = runCli({QStringLiteral("-f"), file.fileName()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("line 2")) && run.err.contains(QStringLiteral("127.0.0.300")), qPrintable(run.err));
}

void TestCli::interruptKeepsFinishedRowsInCsv()
{
    QProcess process;
    process.start(QStringLiteral(PS_BIN_DIR "/pingsweep-cli"),
                  {QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-c"), QStringLiteral("3"),
                   QStringLiteral("-i"), QStringLiteral("1000"), QStringLiteral("127.0.0.0/18")});
    QVERIFY(process.waitForStarted());
    QTest::qWait(1500);  // the first window of hosts has answered its first probe
    QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 1);
    QByteArray bytes = process.readAllStandardOutput();
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    std::vector<ps::HostResult> rows;
    ps::CsvReader reader;
    QVERIFY2(reader.read(&buffer, &rows), qPrintable(reader.errorString()));
    QCOMPARE(int(rows.size()), 16382);  // every target has a row: finished or cancelled
    int cancelled = 0;
    int alive = 0;
    for (const ps::HostResult &r : rows) {
        cancelled += r.status == ps::HostResult::Status::Cancelled;
        alive += r.isAlive();
    }
    QVERIFY(cancelled > 0);
    QVERIFY(alive > 0);
    QCOMPARE(alive + cancelled, 16382);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
