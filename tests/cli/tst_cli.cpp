// pingsweep-cli end to end on loopback: rows, exit codes, version/help, bad input.
#include <QProcess>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments, int timeoutMs = 60000)
{
    QProcess process;
    process.start(QStringLiteral(PS_BIN_DIR "/pingsweep-cli"), arguments);
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

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
