// What pingsweep-worker loads. Each worker process pays, at every start, for each shared
// library it loads (page faults, relocations): Qt Network alone brings ten more libraries and
// about a millisecond (docs/performance.md). This keeps the worker's list from growing back.
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

class TestWorkerLinkage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void neededLibraries_data();
    void neededLibraries();
    void noLibrarySearchPath();

private:
    QStringList m_needed;
    QString m_dynamic;  // readelf's listing
};

void TestWorkerLinkage::initTestCase()
{
    const QString readelf = QStandardPaths::findExecutable(QStringLiteral("readelf"));
    if (readelf.isEmpty())
        QSKIP("no readelf (Debian: binutils)");
    QProcess process;
    process.start(readelf, {QStringLiteral("--dynamic"), QStringLiteral(PS_BIN_DIR "/pingsweep-worker")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    // " 0x0000000000000001 (NEEDED)  Shared library: [libQt6Core.so.6]"
    static const QRegularExpression needed(QStringLiteral(R"(\(NEEDED\)\s+Shared library: \[([^\]]+)\])"));
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    m_dynamic = out;
    for (const QRegularExpressionMatch &m : needed.globalMatch(out))
        m_needed.append(m.captured(1));
    QVERIFY2(!m_needed.isEmpty(), qPrintable(out));
}

void TestWorkerLinkage::neededLibraries_data()
{
    QTest::addColumn<QString>("library");
    QTest::addColumn<bool>("loaded");
    QTest::newRow("Qt Core: CBOR, the event loop") << QStringLiteral("libQt6Core.so.6") << true;
    QTest::newRow("Qt Network: its ten libraries, for nothing the worker needs")
        << QStringLiteral("libQt6Network.so.6") << false;
    QTest::newRow("Qt Concurrent: templates only") << QStringLiteral("libQt6Concurrent.so.6") << false;
    QTest::newRow("Qt Gui") << QStringLiteral("libQt6Gui.so.6") << false;
    QTest::newRow("Qt Widgets") << QStringLiteral("libQt6Widgets.so.6") << false;
}

void TestWorkerLinkage::neededLibraries()
{
    QFETCH(QString, library);
    QFETCH(bool, loaded);
    QVERIFY2(m_needed.contains(library) == loaded,
             qPrintable(QStringLiteral("%1 %2 in %3").arg(library, loaded ? QStringLiteral("missing") : QStringLiteral("present"),
                                                           m_needed.join(u' '))));
}

void TestWorkerLinkage::noLibrarySearchPath()
{
    // The worker may hold CAP_NET_RAW: it loads its libraries from the system's places only.
    // (CMake's RPATH placeholder, "::::", made it search the current directory: see the top
    // CMakeLists.txt.)
    QVERIFY2(!m_dynamic.contains(QLatin1String("(RUNPATH)")) && !m_dynamic.contains(QLatin1String("(RPATH)")),
             qPrintable(m_dynamic));
}

QTEST_GUILESS_MAIN(TestWorkerLinkage)
#include "tst_workerlinkage.moc"
