#include "failingdevice.h"
#include "jsonwriter.h"
#include "resultcolumns.h"
#include "sampleresults.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using ps::HostResult;
using ps::JsonWriter;

namespace {

// Writes through the device API and parses the bytes back, as a consumer would.
QJsonArray writeAndParse(const std::vector<HostResult> &results,
                         QJsonDocument::JsonFormat format = QJsonDocument::Indented)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    JsonWriter writer(format);
    if (!writer.write(&buffer, results))
        qWarning("write failed: %s", qPrintable(writer.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(buffer.data(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        qWarning("not a JSON array: %s", qPrintable(error.errorString()));
    return doc.array();
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void arrayOfObjectsWithTheCsvKeys();
    void typedValues();
    void nullForNone();
    void numbersMatchTheCsv();
    void textIsNotNeutralised();
    void textIsEscaped_data();
    void textIsEscaped();
    void emptyArray();
    void compactFormat();
    void closedDeviceRejected();
    void failingDeviceReported();
};

void TestJsonWriter::arrayOfObjectsWithTheCsvKeys()
{
    const QJsonArray array = writeAndParse(samples::mixed());
    QCOMPARE(array.size(), qsizetype(samples::mixed().size()));
    QStringList expected = ps::resultColumnNames();
    expected.sort();  // QJsonObject keeps keys sorted
    for (const QJsonValue &value : array) {
        QVERIFY(value.isObject());
        QCOMPARE(value.toObject().keys(), expected);
    }
}

void TestJsonWriter::typedValues()
{
    const QJsonObject o = writeAndParse({samples::alive()}).at(0).toObject();
    QCOMPARE(o.value(QStringLiteral("address")), QJsonValue(QStringLiteral("192.0.2.10")));
    QCOMPARE(o.value(QStringLiteral("hostname")), QJsonValue(QStringLiteral("router.example.net")));
    QCOMPARE(o.value(QStringLiteral("status")), QJsonValue(QStringLiteral("alive")));
    QVERIFY(o.value(QStringLiteral("sent")).isDouble());  // JSON has one number type
    QCOMPARE(o.value(QStringLiteral("sent")).toInteger(), 3);
    QCOMPARE(o.value(QStringLiteral("received")).toInteger(), 2);
    QVERIFY(o.value(QStringLiteral("loss_pct")).isDouble());
    QCOMPARE(o.value(QStringLiteral("loss_pct")).toDouble(), 33.333);
    QCOMPARE(o.value(QStringLiteral("rtt_min_ms")).toDouble(), 0.412);
    QCOMPARE(o.value(QStringLiteral("rtt_avg_ms")).toDouble(), 1.5);
    QCOMPARE(o.value(QStringLiteral("rtt_max_ms")).toDouble(), 12.345);
    QCOMPARE(o.value(QStringLiteral("ttl")).toInteger(), 64);
    QCOMPARE(o.value(QStringLiteral("method")), QJsonValue(QStringLiteral("icmp-raw")));
    QCOMPARE(o.value(QStringLiteral("worker")), QJsonValue(QStringLiteral("pid 4242")));
    QCOMPARE(o.value(QStringLiteral("finished_at")), QJsonValue(QStringLiteral("2024-05-01T12:34:56.789Z")));
    QCOMPARE(o.value(QStringLiteral("error")), QJsonValue(QStringLiteral("1 of 3 lost")));
}

void TestJsonWriter::nullForNone()
{
    const QJsonObject o = writeAndParse({samples::cancelled()}).at(0).toObject();
    for (const char *key : {"hostname", "loss_pct", "rtt_min_ms", "rtt_avg_ms", "rtt_max_ms", "ttl", "method",
                            "worker", "finished_at", "error"}) {
        QVERIFY2(o.value(QLatin1String(key)).isNull(), key);
    }
    // Zero is a value, not "none".
    QCOMPARE(o.value(QStringLiteral("sent")), QJsonValue(0));
    QCOMPARE(o.value(QStringLiteral("received")), QJsonValue(0));
    QCOMPARE(o.value(QStringLiteral("status")), QJsonValue(QStringLiteral("cancelled")));

    HostResult zero = samples::cancelled();
    zero.rttMinMs = 0.0;
    zero.ttl = 0;
    const QJsonObject z = writeAndParse({zero}).at(0).toObject();
    QCOMPARE(z.value(QStringLiteral("rtt_min_ms")), QJsonValue(0.0));
    QCOMPARE(z.value(QStringLiteral("ttl")), QJsonValue(0));
}

void TestJsonWriter::numbersMatchTheCsv()
{
    // Rounded exactly as in the CSV, so both exports of one sweep agree.
    HostResult r = samples::alive();
    r.rttAvgMs = 1.23456;
    const QJsonObject o = JsonWriter::toJson(r);
    QCOMPARE(o.value(QStringLiteral("rtt_avg_ms")).toDouble(), 1.235);
    QCOMPARE(o.value(QStringLiteral("loss_pct")).toDouble(), 33.333);
    const QByteArray bytes = QJsonDocument(QJsonArray{o}).toJson(QJsonDocument::Compact);
    QVERIFY2(bytes.contains("\"rtt_avg_ms\":1.235"), bytes.constData());
    QVERIFY2(bytes.contains("\"sent\":3,"), bytes.constData());  // no ".0" on whole numbers
}

void TestJsonWriter::textIsNotNeutralised()
{
    const QJsonObject o = JsonWriter::toJson(samples::withHostname(QStringLiteral("=1+1")));
    QCOMPARE(o.value(QStringLiteral("hostname")), QJsonValue(QStringLiteral("=1+1")));
}

void TestJsonWriter::textIsEscaped_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("quotes and backslash") << QStringLiteral("a\"b\\c");
    QTest::newRow("CRLF and tab") << QStringLiteral("a\r\nb\tc");
    QTest::newRow("control character") << QString(QStringLiteral("a") + QChar(u'\x01'));
    QTest::newRow("non-ASCII") << QStringLiteral("bücher.例え.🐧");
    QTest::newRow("comma and semicolon") << QStringLiteral("a,b;c");
}

void TestJsonWriter::textIsEscaped()
{
    QFETCH(QString, text);
    HostResult r = samples::alive();
    r.hostname = text;
    r.error = text;
    const QJsonObject o = writeAndParse({r}).at(0).toObject();
    QCOMPARE(o.value(QStringLiteral("hostname")).toString(), text);
    QCOMPARE(o.value(QStringLiteral("error")).toString(), text);
}

void TestJsonWriter::emptyArray()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    JsonWriter writer(QJsonDocument::Compact);
    QVERIFY(writer.write(&buffer, {}));
    QCOMPARE(buffer.data(), QByteArray("[]"));
}

void TestJsonWriter::compactFormat()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    JsonWriter writer(QJsonDocument::Compact);
    QVERIFY(writer.write(&buffer, samples::mixed()));
    QVERIFY(!buffer.data().contains('\n'));
    QCOMPARE(writeAndParse(samples::mixed(), QJsonDocument::Compact), writeAndParse(samples::mixed()));
}

void TestJsonWriter::closedDeviceRejected()
{
    QBuffer closed;
    JsonWriter writer;
    QVERIFY(!writer.write(&closed, {samples::alive()}));
    QCOMPARE(writer.errorString(), QStringLiteral("the output is not open for writing"));
}

void TestJsonWriter::failingDeviceReported()
{
    FailingDevice device(10);
    device.open(QIODevice::WriteOnly);
    JsonWriter writer;
    QVERIFY(!writer.write(&device, samples::mixed()));
    QCOMPARE(writer.errorString(), QStringLiteral("write error: simulated disk full"));
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
