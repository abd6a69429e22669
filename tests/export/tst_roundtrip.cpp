#include "csvreader.h"
#include "csvwriter.h"
#include "sampleresults.h"

#include <QBuffer>
#include <QTest>

using ps::CsvOptions;
using ps::CsvReader;
using ps::CsvWriter;
using ps::HostResult;

Q_DECLARE_METATYPE(std::vector<ps::HostResult>)
Q_DECLARE_METATYPE(ps::CsvOptions)

namespace {

// Writes with `options`, reads back, and returns what came back (failing the test on errors).
std::vector<HostResult> roundTrip(const std::vector<HostResult> &results, const CsvOptions &options = {})
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(options);
    if (!writer.write(&buffer, results)) {
        qWarning("write failed: %s", qPrintable(writer.errorString()));
        return {};
    }
    CsvReader reader;
    std::vector<HostResult> back;
    if (!reader.parse(buffer.data(), &back)) {
        qWarning("read failed: %s\n%s", qPrintable(reader.errorString()), buffer.data().constData());
        return {};
    }
    if (reader.detectedOptions().delimiter != options.delimiter || reader.detectedOptions().bom != options.bom)
        qWarning("options not detected");
    return back;
}

} // namespace

class TestRoundTrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyField_data();
    void everyField();
    void hostileText_data();
    void hostileText();
    void everyOptionalFieldSetAlone_data();
    void everyOptionalFieldSetAlone();
    void finishedAtKeepsMilliseconds_data();
    void finishedAtKeepsMilliseconds();
    void rttPrecisionIsThreeDecimals();
    void manyRows();
};

void TestRoundTrip::everyField_data()
{
    QTest::addColumn<std::vector<HostResult>>("results");
    QTest::addColumn<CsvOptions>("options");
    const std::vector<HostResult> mixed = samples::mixed();
    for (const QChar delimiter : {QChar(u','), QChar(u';'), QChar(u'\t')}) {
        for (const bool bom : {false, true}) {
            const QString name = (delimiter == u'\t' ? QStringLiteral("tab") : QString(delimiter))
                + (bom ? QStringLiteral(" with BOM") : QString());
            QTest::newRow(qPrintable(QStringLiteral("all four statuses, ") + name)) << mixed << CsvOptions{delimiter, bom};
        }
    }
    QTest::newRow("no results at all") << std::vector<HostResult>() << CsvOptions();
}

void TestRoundTrip::everyField()
{
    QFETCH(std::vector<HostResult>, results);
    QFETCH(CsvOptions, options);
    QCOMPARE(roundTrip(results, options), results);
}

void TestRoundTrip::hostileText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("comma") << QStringLiteral("a,b");
    QTest::newRow("semicolon") << QStringLiteral("a;b");
    QTest::newRow("tab inside") << QStringLiteral("a\tb");
    QTest::newRow("quotes") << QStringLiteral("\"quoted\" and \"\"doubled\"\"");
    QTest::newRow("CRLF") << QStringLiteral("line1\r\nline2");
    QTest::newRow("LF only") << QStringLiteral("\n");
    QTest::newRow("CR only") << QStringLiteral("\r");
    QTest::newRow("trailing CRLF") << QStringLiteral("x\r\n");
    QTest::newRow("spaces around") << QStringLiteral("  padded  ");
    QTest::newRow("IDN") << QStringLiteral("straße.example");
    QTest::newRow("CJK") << QStringLiteral("例え.テスト");
    QTest::newRow("emoji") << QStringLiteral("🐧.example");
    QTest::newRow("BOM character inside") << QStringLiteral("\uFEFFx");
    QTest::newRow("NUL character") << QString(QChar(u'\0') + QStringLiteral("x"));
    QTest::newRow("= formula") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")");
    QTest::newRow("+ formula") << QStringLiteral("+1");
    QTest::newRow("- leading") << QStringLiteral("-evil");
    QTest::newRow("@ leading") << QStringLiteral("@SUM(A1:A2)");
    QTest::newRow("leading tab") << QStringLiteral("\t=1");
    QTest::newRow("leading CR") << QStringLiteral("\r=1");
    QTest::newRow("apostrophe then trigger") << QStringLiteral("'=x");
    QTest::newRow("apostrophes then trigger") << QStringLiteral("'''@x");
    QTest::newRow("apostrophe then text") << QStringLiteral("'x");
    QTest::newRow("only apostrophes") << QStringLiteral("''");
    QTest::newRow("just a trigger") << QStringLiteral("-");
}

void TestRoundTrip::hostileText()
{
    QFETCH(QString, text);
    // Every text column, and in the first and last column position.
    HostResult r = samples::alive();
    r.address = text;
    r.hostname = text;
    r.method = text;
    r.worker = text;
    r.error = text;
    for (const QChar delimiter : {QChar(u','), QChar(u';'), QChar(u'\t')}) {
        const std::vector<HostResult> back = roundTrip({r, samples::dead()}, CsvOptions{delimiter, false});
        QCOMPARE(back.size(), size_t(2));
        QCOMPARE(back.at(0), r);
        QCOMPARE(back.at(1), samples::dead());
    }
}

void TestRoundTrip::everyOptionalFieldSetAlone_data()
{
    QTest::addColumn<HostResult>("result");
    const HostResult bare = samples::cancelled();  // every optional field empty
    HostResult r = bare;
    r.hostname = QStringLiteral("h.example");
    QTest::newRow("hostname only") << r;
    r = bare;
    r.sent = 4;
    QTest::newRow("sent only (loss 100%)") << r;
    r = bare;
    r.rttMinMs = 0.0;
    QTest::newRow("rtt_min 0.000 is a value, not empty") << r;
    r = bare;
    r.rttAvgMs = 99999.999;
    QTest::newRow("rtt_avg only") << r;
    r = bare;
    r.rttMaxMs = 0.001;
    QTest::newRow("rtt_max only") << r;
    r = bare;
    r.ttl = 0;
    QTest::newRow("ttl 0 is a value, not empty") << r;
    r = bare;
    r.ttl = 255;
    QTest::newRow("ttl 255") << r;
    r = bare;
    r.method = QStringLiteral("tcp");
    QTest::newRow("method only") << r;
    r = bare;
    r.worker = QStringLiteral("pid 1");
    QTest::newRow("worker only") << r;
    r = bare;
    r.finishedAt = samples::finishedAt();
    QTest::newRow("finished_at only") << r;
    r = bare;
    r.error = QStringLiteral("timeout");
    QTest::newRow("error only") << r;
    QTest::newRow("none set") << bare;
    QTest::newRow("all set") << samples::alive();
}

void TestRoundTrip::everyOptionalFieldSetAlone()
{
    QFETCH(HostResult, result);
    const std::vector<HostResult> back = roundTrip({result});
    QCOMPARE(back.size(), size_t(1));
    QCOMPARE(back.front(), result);
    // Spelled out, since operator== would hide which optional changed shape.
    QCOMPARE(back.front().rttMinMs.has_value(), result.rttMinMs.has_value());
    QCOMPARE(back.front().ttl.has_value(), result.ttl.has_value());
    QCOMPARE(back.front().finishedAt.isValid(), result.finishedAt.isValid());
}

void TestRoundTrip::finishedAtKeepsMilliseconds_data()
{
    QTest::addColumn<QDateTime>("when");
    QTest::newRow("milliseconds") << samples::finishedAt(1714566896789);
    QTest::newRow("one millisecond past the second") << samples::finishedAt(1714566896001);
    QTest::newRow("whole second") << samples::finishedAt(1714566896000);
    QTest::newRow("epoch") << samples::finishedAt(0);
    QTest::newRow("before the epoch") << samples::finishedAt(-1);
    QTest::newRow("year 9999") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
    QTest::newRow("given with an offset, same instant") << samples::finishedAt().toOffsetFromUtc(-5 * 3600);
    QTest::newRow("given in local time, same instant") << samples::finishedAt().toLocalTime();
}

void TestRoundTrip::finishedAtKeepsMilliseconds()
{
    QFETCH(QDateTime, when);
    HostResult r = samples::alive();
    r.finishedAt = when;
    const std::vector<HostResult> back = roundTrip({r});
    QCOMPARE(back.size(), size_t(1));
    QCOMPARE(back.front().finishedAt, when);  // the same instant …
    QCOMPARE(back.front().finishedAt.toMSecsSinceEpoch(), when.toMSecsSinceEpoch());
    QCOMPARE(back.front().finishedAt.timeSpec(), Qt::UTC);  // … read back in UTC
}

void TestRoundTrip::rttPrecisionIsThreeDecimals()
{
    // The documented precision: values come back rounded to 1 µs, and then stay put.
    HostResult r = samples::alive();
    r.rttMinMs = 0.41249;
    r.rttAvgMs = 1.23456;
    r.rttMaxMs = 12.3455001;
    const std::vector<HostResult> once = roundTrip({r});
    QCOMPARE(once.size(), size_t(1));
    QCOMPARE(*once.front().rttMinMs, 0.412);
    QCOMPARE(*once.front().rttAvgMs, 1.235);
    QCOMPARE(*once.front().rttMaxMs, 12.346);
    QCOMPARE(roundTrip(once), once);
}

void TestRoundTrip::manyRows()
{
    std::vector<HostResult> results;
    for (int i = 0; i < 2000; ++i) {
        HostResult r = i % 3 ? samples::alive() : samples::dead();
        r.address = QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256);
        r.finishedAt = samples::finishedAt(1714566896000 + i);
        if (r.rttAvgMs)
            r.rttAvgMs = i / 1000.0;
        results.push_back(r);
    }
    QCOMPARE(roundTrip(results, CsvOptions{u';', true}), results);
}

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"
