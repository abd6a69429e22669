#include "csvwriter.h"
#include "failingdevice.h"
#include "resultcolumns.h"
#include "sampleresults.h"

#include <QBuffer>
#include <QTest>

#include <limits>

using ps::CsvOptions;
using ps::CsvWriter;
using ps::HostResult;

class TestCsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerIsTheContract_data();
    void headerIsTheContract();
    void field_data();
    void field();
    void rowFormatsEveryColumn();
    void emptyCellsWhereThereIsNoValue();
    void numbersArePlain();
    void finishedAtIsUtcWithMilliseconds();
    void hostnameCells_data();
    void hostnameCells();
    void fileUsesCrlfAndUtf8();
    void bomOnlyWhenAsked();
    void semicolonAndTabDelimiters();
    void unsupportedDelimiterRejected();
    void closedDeviceRejected();
    void failingDeviceStopsAndReports();
};

void TestCsvWriter::headerIsTheContract_data()
{
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<QString>("header");
    const QString names = QStringLiteral("address,hostname,status,sent,received,loss_pct,rtt_min_ms,rtt_avg_ms,"
                                         "rtt_max_ms,ttl,method,worker,finished_at,error");
    QTest::newRow("comma: exactly the issue's header") << QChar(u',') << names;
    QTest::newRow("semicolon") << QChar(u';') << QString(names).replace(u',', u';');
    QTest::newRow("tab") << QChar(u'\t') << QString(names).replace(u',', u'\t');
}

void TestCsvWriter::headerIsTheContract()
{
    QFETCH(QChar, delimiter);
    QFETCH(QString, header);
    QCOMPARE(CsvWriter::formatHeader(CsvOptions{delimiter, false}), header);
    QCOMPARE(ps::resultColumnNames().size(), ps::ResultColumnCount);
}

void TestCsvWriter::field_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<QString>("expected");

    const QChar comma = u',';
    QTest::newRow("plain text stays bare") << QStringLiteral("icmp-raw") << comma << QStringLiteral("icmp-raw");
    QTest::newRow("empty stays empty") << QString() << comma << QString();
    QTest::newRow("comma is quoted") << QStringLiteral("a,b") << comma << QStringLiteral("\"a,b\"");
    QTest::newRow("quote is doubled and quoted") << QStringLiteral("say \"hi\"") << comma
                                                 << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("lone quote") << QStringLiteral("\"") << comma << QStringLiteral("\"\"\"\"");
    QTest::newRow("CRLF inside is quoted verbatim") << QStringLiteral("line1\r\nline2") << comma
                                                    << QStringLiteral("\"line1\r\nline2\"");
    QTest::newRow("LF inside is quoted") << QStringLiteral("a\nb") << comma << QStringLiteral("\"a\nb\"");
    QTest::newRow("CR inside is quoted") << QStringLiteral("a\rb") << comma << QStringLiteral("\"a\rb\"");
    QTest::newRow("semicolon is bare with comma delimiter") << QStringLiteral("a;b") << comma
                                                            << QStringLiteral("a;b");
    QTest::newRow("semicolon is quoted with semicolon delimiter")
        << QStringLiteral("a;b") << QChar(u';') << QStringLiteral("\"a;b\"");
    QTest::newRow("comma is bare with semicolon delimiter") << QStringLiteral("a,b") << QChar(u';')
                                                            << QStringLiteral("a,b");
    QTest::newRow("tab is quoted with tab delimiter") << QStringLiteral("a\tb") << QChar(u'\t')
                                                      << QStringLiteral("\"a\tb\"");
    QTest::newRow("leading/trailing spaces are kept bare") << QStringLiteral(" a ") << comma
                                                           << QStringLiteral(" a ");
    QTest::newRow("non-ASCII is bare") << QStringLiteral("münchen.example") << comma
                                       << QStringLiteral("münchen.example");

    // Formula injection (OWASP): one apostrophe in front, and quoted when the result needs it.
    QTest::newRow("= formula neutralised") << QStringLiteral("=HYPERLINK(\"x\")") << comma
                                           << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
    QTest::newRow("= cmd neutralised") << QStringLiteral("=cmd|' /C calc'!A0") << comma
                                       << QStringLiteral("'=cmd|' /C calc'!A0");
    QTest::newRow("+ neutralised") << QStringLiteral("+1") << comma << QStringLiteral("'+1");
    QTest::newRow("- neutralised") << QStringLiteral("-2+3") << comma << QStringLiteral("'-2+3");
    QTest::newRow("@ neutralised") << QStringLiteral("@SUM(A1)") << comma << QStringLiteral("'@SUM(A1)");
    QTest::newRow("leading tab neutralised and bare with comma")
        << QStringLiteral("\t=1") << comma << QStringLiteral("'\t=1");
    QTest::newRow("leading tab neutralised and quoted with tab")
        << QStringLiteral("\tx") << QChar(u'\t') << QStringLiteral("\"'\tx\"");
    QTest::newRow("leading CR neutralised and quoted") << QStringLiteral("\r=1") << comma
                                                       << QStringLiteral("\"'\r=1\"");
    QTest::newRow("trigger later in the cell is harmless") << QStringLiteral("a=b-c") << comma
                                                           << QStringLiteral("a=b-c");
    QTest::newRow("apostrophe before a trigger gets one more") << QStringLiteral("'=x") << comma
                                                               << QStringLiteral("''=x");
    QTest::newRow("two apostrophes before a trigger get one more") << QStringLiteral("''-x") << comma
                                                                   << QStringLiteral("'''-x");
    QTest::newRow("apostrophe before text is left alone") << QStringLiteral("'abc") << comma
                                                          << QStringLiteral("'abc");
    QTest::newRow("only apostrophes are left alone") << QStringLiteral("''") << comma << QStringLiteral("''");
}

void TestCsvWriter::field()
{
    QFETCH(QString, cell);
    QFETCH(QChar, delimiter);
    QFETCH(QString, expected);
    QCOMPARE(CsvWriter::formatField(cell, delimiter), expected);
}

void TestCsvWriter::rowFormatsEveryColumn()
{
    QCOMPARE(CsvWriter::formatRow(samples::alive()),
             QStringLiteral("192.0.2.10,router.example.net,alive,3,2,33.333,0.412,1.500,12.345,64,icmp-raw,"
                            "pid 4242,2024-05-01T12:34:56.789Z,1 of 3 lost"));
}

void TestCsvWriter::emptyCellsWhereThereIsNoValue()
{
    QCOMPARE(CsvWriter::formatRow(samples::dead()),
             QStringLiteral("192.0.2.11,,dead,3,0,100.000,,,,,system,thread 2,2024-05-01T12:34:57.000Z,no reply"));
    // Nothing sent: no loss either; no time: empty finished_at.
    QCOMPARE(CsvWriter::formatRow(samples::cancelled()), QStringLiteral("2001:db8::1,,cancelled,0,0,,,,,,,,,"));
}

void TestCsvWriter::numbersArePlain()
{
    HostResult r = samples::alive();
    r.sent = 1000000;
    r.received = 999999;
    r.rttMinMs = 0.0001;       // rounds to 0.000, not "1e-04"
    r.rttAvgMs = 123456.7896;  // no thousands separator, no exponent
    r.rttMaxMs = std::numeric_limits<double>::quiet_NaN();  // not a measurement: empty
    r.ttl = 255;
    const QStringList cells = ps::resultCells(r);
    QCOMPARE(cells.at(int(ps::ResultColumn::Sent)), QStringLiteral("1000000"));
    QCOMPARE(cells.at(int(ps::ResultColumn::LossPct)), QStringLiteral("0.000"));
    QCOMPARE(cells.at(int(ps::ResultColumn::RttMinMs)), QStringLiteral("0.000"));
    QCOMPARE(cells.at(int(ps::ResultColumn::RttAvgMs)), QStringLiteral("123456.790"));
    QCOMPARE(cells.at(int(ps::ResultColumn::RttMaxMs)), QString());
    QCOMPARE(cells.at(int(ps::ResultColumn::Ttl)), QStringLiteral("255"));
}

void TestCsvWriter::finishedAtIsUtcWithMilliseconds()
{
    HostResult r = samples::alive();
    // The same instant expressed in UTC+02:00 is still written in UTC.
    r.finishedAt = samples::finishedAt().toOffsetFromUtc(2 * 3600);
    QCOMPARE(ps::resultCells(r).at(int(ps::ResultColumn::FinishedAt)), QStringLiteral("2024-05-01T12:34:56.789Z"));
    r.finishedAt = QDateTime();
    QCOMPARE(ps::resultCells(r).at(int(ps::ResultColumn::FinishedAt)), QString());
}

void TestCsvWriter::hostnameCells_data()
{
    QTest::addColumn<QString>("hostname");
    QTest::addColumn<QString>("cell");
    QTest::newRow("IDN hostname in UTF-8") << QStringLiteral("bücher.example") << QStringLiteral("bücher.example");
    QTest::newRow("CJK hostname") << QStringLiteral("例え.テスト") << QStringLiteral("例え.テスト");
    QTest::newRow("DNS name starting with '-'") << QStringLiteral("-evil.example") << QStringLiteral("'-evil.example");
    QTest::newRow("PTR record carrying a formula") << QStringLiteral("=1+1") << QStringLiteral("'=1+1");
    QTest::newRow("PTR record with comma and quote") << QStringLiteral("a,\"b\"") << QStringLiteral("\"a,\"\"b\"\"\"");
}

void TestCsvWriter::hostnameCells()
{
    QFETCH(QString, hostname);
    QFETCH(QString, cell);
    const QString row = CsvWriter::formatRow(samples::withHostname(hostname));
    QVERIFY2(row.startsWith(QStringLiteral("192.0.2.10,") + cell + u','), qPrintable(row));
}

void TestCsvWriter::fileUsesCrlfAndUtf8()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer;
    std::vector<HostResult> results = samples::mixed();
    results.push_back(samples::withHostname(QStringLiteral("köln\r\nline")));
    QVERIFY2(writer.write(&buffer, results), qPrintable(writer.errorString()));
    QVERIFY(writer.errorString().isEmpty());
    const QByteArray bytes = buffer.data();

    QVERIFY(bytes.startsWith("address,hostname,status,"));
    QVERIFY(bytes.endsWith("\r\n"));
    // Every record ends in CRLF: 1 header + 5 rows, plus the CRLF quoted inside the hostname.
    QCOMPARE(bytes.count("\r\n"), 1 + 5 + 1);
    QCOMPARE(bytes.count('\n'), bytes.count("\r\n"));
    QVERIFY(bytes.contains("\"k\xC3\xB6ln\r\nline\""));  // ö as UTF-8, quoted with its CRLF
}

void TestCsvWriter::bomOnlyWhenAsked()
{
    for (const bool bom : {false, true}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(CsvOptions{u',', bom});
        QVERIFY(writer.write(&buffer, {}));
        QCOMPARE(buffer.data().startsWith("\xEF\xBB\xBF" "address,"), bom);
        QCOMPARE(buffer.data().startsWith("address,"), !bom);
    }
}

void TestCsvWriter::semicolonAndTabDelimiters()
{
    for (const QChar delimiter : {QChar(u';'), QChar(u'\t')}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(CsvOptions{delimiter, false});
        QVERIFY(writer.write(&buffer, {samples::alive()}));
        const QList<QByteArray> lines = buffer.data().split('\n');
        QCOMPARE(lines.size(), 3);  // header, row, empty after the final CRLF
        QCOMPARE(lines.at(1).count(char(delimiter.unicode())), ps::ResultColumnCount - 1);
        QVERIFY(lines.at(1).contains("12.345"));  // '.' decimals whatever the delimiter
    }
}

void TestCsvWriter::unsupportedDelimiterRejected()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(CsvOptions{u'"', false});
    QVERIFY(!writer.write(&buffer, {samples::alive()}));
    QVERIFY2(writer.errorString().contains(QStringLiteral("delimiter")), qPrintable(writer.errorString()));
    QVERIFY(buffer.data().isEmpty());
}

void TestCsvWriter::closedDeviceRejected()
{
    QBuffer buffer;
    CsvWriter writer;
    QVERIFY(!writer.write(&buffer, {samples::alive()}));
    QVERIFY(!writer.errorString().isEmpty());
    QVERIFY(!writer.write(nullptr, {}));
}

void TestCsvWriter::failingDeviceStopsAndReports()
{
    std::vector<HostResult> many(500, samples::alive());
    FailingDevice device(1000);  // fails a few rows in
    device.open(QIODevice::WriteOnly);
    CsvWriter writer;
    QVERIFY(!writer.write(&device, many));
    QCOMPARE(writer.errorString(), QStringLiteral("write error: simulated disk full"));
    QVERIFY(device.written.size() <= 1000);

    // A later success clears the old message.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(writer.write(&buffer, many));
    QVERIFY(writer.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
