#include "csvreader.h"
#include "resultcolumns.h"
#include "sampleresults.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using ps::CsvReader;
using ps::HostResult;

namespace {

const QByteArray header = "address,hostname,status,sent,received,loss_pct,rtt_min_ms,rtt_avg_ms,rtt_max_ms,ttl,"
                          "method,worker,finished_at,error";
// samples::alive() as CsvWriter writes it.
const QByteArray aliveRow = "192.0.2.10,router.example.net,alive,3,2,33.333,0.412,1.500,12.345,64,icmp-raw,"
                            "pid 4242,2024-05-01T12:34:56.789Z,1 of 3 lost";

// A row with `cell` in the hostname column, written by hand (no writer involved).
QByteArray rowWithHostname(const QByteArray &cell)
{
    QList<QByteArray> cells = aliveRow.split(',');
    cells[1] = cell;
    return cells.join(',');
}

QByteArray replaceCell(QByteArray row, int column, const QByteArray &cell)
{
    QList<QByteArray> cells = row.split(',');
    cells[column] = cell;
    return cells.join(',');
}

QByteArray file(const QList<QByteArray> &rows, const QByteArray &lineEnd = "\r\n")
{
    QByteArray bytes = header + lineEnd;
    for (const QByteArray &row : rows)
        bytes += row + lineEnd;
    return bytes;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsOurRow();
    void headerOnlyIsEmpty();
    void delimitersAndBom_data();
    void delimitersAndBom();
    void lineEnds_data();
    void lineEnds();
    void quotedFields_data();
    void quotedFields();
    void neutralisedCells_data();
    void neutralisedCells();
    void finishedAtWithOffsetIsConvertedToUtc();
    void rejects_data();
    void rejects();
    void failureLeavesResultsUnchanged();
    void readsFromDevice();
    void unreadableDevice();
    void readFileReportsPath();
};

void TestCsvReader::readsOurRow()
{
    CsvReader reader;
    std::vector<HostResult> results;
    QVERIFY2(reader.parse(file({aliveRow}), &results), qPrintable(reader.errorString()));
    QCOMPARE(results.size(), size_t(1));
    QCOMPARE(results.front(), samples::alive());
    QVERIFY(reader.errorString().isEmpty());
}

void TestCsvReader::headerOnlyIsEmpty()
{
    CsvReader reader;
    std::vector<HostResult> results{samples::alive()};
    QVERIFY(reader.parse(header + "\r\n", &results));
    QVERIFY(results.empty());
    QVERIFY(reader.parse(header, &results));  // not even a line end
    QVERIFY(results.empty());
}

void TestCsvReader::delimitersAndBom_data()
{
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<bool>("bom");
    for (const bool bom : {false, true}) {
        const char *suffix = bom ? " with BOM" : "";
        QTest::addRow("comma%s", suffix) << QByteArray(",") << bom;
        QTest::addRow("semicolon%s", suffix) << QByteArray(";") << bom;
        QTest::addRow("tab%s", suffix) << QByteArray("\t") << bom;
    }
}

void TestCsvReader::delimitersAndBom()
{
    QFETCH(QByteArray, delimiter);
    QFETCH(bool, bom);
    QByteArray bytes = file({aliveRow, "192.0.2.11,,dead,3,0,100.000,,,,,system,thread 2,2024-05-01T12:34:57.000Z,no reply"});
    bytes.replace(',', delimiter);
    if (bom)
        bytes.prepend("\xEF\xBB\xBF");
    CsvReader reader;
    std::vector<HostResult> results;
    QVERIFY2(reader.parse(bytes, &results), qPrintable(reader.errorString()));
    QCOMPARE(results.size(), size_t(2));
    QCOMPARE(results.at(0), samples::alive());
    QCOMPARE(results.at(1), samples::dead());
    QCOMPARE(reader.detectedOptions().delimiter, QLatin1Char(delimiter.at(0)));
    QCOMPARE(reader.detectedOptions().bom, bom);
}

void TestCsvReader::lineEnds_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("CRLF (ours)") << file({aliveRow, aliveRow});
    QTest::newRow("bare LF (saved by a Unix tool)") << file({aliveRow, aliveRow}, "\n");
    QTest::newRow("no line end after the last record") << QByteArray(header + "\r\n" + aliveRow + "\r\n" + aliveRow);
    QTest::newRow("mixed CRLF and LF") << QByteArray(header + "\n" + aliveRow + "\r\n" + aliveRow + "\n");
}

void TestCsvReader::lineEnds()
{
    QFETCH(QByteArray, bytes);
    CsvReader reader;
    std::vector<HostResult> results;
    QVERIFY2(reader.parse(bytes, &results), qPrintable(reader.errorString()));
    QCOMPARE(results.size(), size_t(2));
    QCOMPARE(results.at(1), samples::alive());
}

void TestCsvReader::quotedFields_data()
{
    QTest::addColumn<QByteArray>("cell");
    QTest::addColumn<QString>("hostname");
    QTest::newRow("quoted plain text") << QByteArray("\"abc\"") << QStringLiteral("abc");
    QTest::newRow("quoted empty") << QByteArray("\"\"") << QString();
    QTest::newRow("embedded comma") << QByteArray("\"a,b\"") << QStringLiteral("a,b");
    QTest::newRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\"") << QStringLiteral("say \"hi\"");
    QTest::newRow("only a quote") << QByteArray("\"\"\"\"") << QStringLiteral("\"");
    QTest::newRow("embedded CRLF") << QByteArray("\"a\r\nb\"") << QStringLiteral("a\r\nb");
    QTest::newRow("embedded LF") << QByteArray("\"a\nb\"") << QStringLiteral("a\nb");
    QTest::newRow("embedded lone CR") << QByteArray("\"a\rb\"") << QStringLiteral("a\rb");
    QTest::newRow("several embedded line ends") << QByteArray("\"\r\n\r\n\n\"") << QStringLiteral("\r\n\r\n\n");
    QTest::newRow("UTF-8 IDN") << QByteArray("b\xC3\xBC" "cher.example") << QStringLiteral("bücher.example");
    QTest::newRow("UTF-8 CJK quoted") << QByteArray("\"\xE4\xBE\x8B,\"") << QStringLiteral("例,");
    QTest::newRow("emoji (outside the BMP)") << QByteArray("\xF0\x9F\x90\xA7") << QStringLiteral("🐧");
}

void TestCsvReader::quotedFields()
{
    QFETCH(QByteArray, cell);
    QFETCH(QString, hostname);
    CsvReader reader;
    std::vector<HostResult> results;
    // Followed by a second row, so a misparsed line end would shift it.
    QVERIFY2(reader.parse(file({rowWithHostname(cell), aliveRow}), &results), qPrintable(reader.errorString()));
    QCOMPARE(results.size(), size_t(2));
    QCOMPARE(results.at(0), samples::withHostname(hostname));
    QCOMPARE(results.at(1), samples::alive());
}

void TestCsvReader::neutralisedCells_data()
{
    QTest::addColumn<QByteArray>("cell");
    QTest::addColumn<QString>("hostname");
    QTest::newRow("'= loses its apostrophe") << QByteArray("'=1+1") << QStringLiteral("=1+1");
    QTest::newRow("'+ loses its apostrophe") << QByteArray("'+1") << QStringLiteral("+1");
    QTest::newRow("'- loses its apostrophe") << QByteArray("'-x") << QStringLiteral("-x");
    QTest::newRow("'@ loses its apostrophe") << QByteArray("'@x") << QStringLiteral("@x");
    QTest::newRow("'TAB loses its apostrophe") << QByteArray("'\tx") << QStringLiteral("\tx");
    QTest::newRow("'CR (quoted) loses its apostrophe") << QByteArray("\"'\rx\"") << QStringLiteral("\rx");
    QTest::newRow("''= loses one apostrophe") << QByteArray("''=x") << QStringLiteral("'=x");
    QTest::newRow("'abc is kept: not something we neutralised") << QByteArray("'abc") << QStringLiteral("'abc");
    QTest::newRow("lone apostrophe is kept") << QByteArray("'") << QStringLiteral("'");
    QTest::newRow("raw = from another tool is kept") << QByteArray("=x") << QStringLiteral("=x");
}

void TestCsvReader::neutralisedCells()
{
    QFETCH(QByteArray, cell);
    QFETCH(QString, hostname);
    CsvReader reader;
    std::vector<HostResult> results;
    QVERIFY2(reader.parse(file({rowWithHostname(cell)}), &results), qPrintable(reader.errorString()));
    QCOMPARE(results.size(), size_t(1));
    QCOMPARE(results.front().hostname, hostname);
}

void TestCsvReader::finishedAtWithOffsetIsConvertedToUtc()
{
    CsvReader reader;
    std::vector<HostResult> results;
    QVERIFY2(reader.parse(file({replaceCell(aliveRow, 12, "2024-05-01T14:34:56.789+02:00")}), &results),
             qPrintable(reader.errorString()));
    QCOMPARE(results.size(), size_t(1));
    QCOMPARE(results.front().finishedAt, samples::finishedAt());
    QCOMPARE(results.front().finishedAt.timeSpec(), Qt::UTC);
}

void TestCsvReader::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");

    const QString notOurs = QStringLiteral("line 1: not a PingSweep results file: expected the header \"") +
        QString::fromLatin1(header) + QStringLiteral("\" (separated by ',', ';' or tab)");
    QTest::newRow("empty file") << QByteArray() << notOurs;
    QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF") << notOurs;
    QTest::newRow("someone else's CSV") << QByteArray("Name,IP\r\nrouter,192.0.2.1\r\n") << notOurs;
    QTest::newRow("header with an extra column") << QByteArray(header + ",extra\r\n") << notOurs;
    QTest::newRow("header missing a column") << QByteArray(header).replace(",ttl", "") << notOurs;
    QTest::newRow("header in another case") << QByteArray(header).toUpper() << notOurs;
    QTest::newRow("header with mixed delimiters") << QByteArray(header).replace(",sent", ";sent") << notOurs;
    QTest::newRow("pipe delimiter") << QByteArray(header).replace(',', '|') << notOurs;
    QTest::newRow("quoted header") << QByteArray("\"address\"" + header.mid(7)) << notOurs;
    QTest::newRow("two BOMs") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF" + header) << notOurs;
    QTest::newRow("UTF-16 file") << QByteArray("\xFF\xFE" "a\0d\0", 6)
                                 << QStringLiteral("line 1: not a PingSweep results file: the text is not valid UTF-8");
    QTest::newRow("Latin-1 hostname reported with its line")
        << file({aliveRow, rowWithHostname("k\xF6ln")})
        << QStringLiteral("line 3: not a PingSweep results file: the text is not valid UTF-8");

    QTest::newRow("too few fields") << file({aliveRow, "192.0.2.1,x,alive"})
                                    << QStringLiteral("line 3: expected 14 fields, found 3");
    QTest::newRow("too many fields") << file({aliveRow + ",extra"})
                                     << QStringLiteral("line 2: expected 14 fields, found 15");
    QTest::newRow("blank line") << file({aliveRow, "", aliveRow}) << QStringLiteral("line 3: expected 14 fields, found 1");
    QTest::newRow("line number counts lines inside quoted fields")
        << file({rowWithHostname("\"a\r\nb\r\nc\""), "bad"}) << QStringLiteral("line 5: expected 14 fields, found 1");
    QTest::newRow("unclosed quote reported where the record starts")
        << file({aliveRow, rowWithHostname("\"never closed")})
        << QStringLiteral("line 3: a quoted field is not closed");
    QTest::newRow("text after a closing quote") << file({rowWithHostname("\"a\"b")})
                                                << QStringLiteral("line 2: unexpected text after a closing quote");
    QTest::newRow("quote inside an unquoted field") << file({rowWithHostname("a\"b")})
                                                    << QStringLiteral("line 2: a '\"' inside a field that is not quoted");
    QTest::newRow("bare CR outside quotes") << file({rowWithHostname("a\rb")})
                                            << QStringLiteral("line 2: a carriage return without a line feed outside quotes");

    QTest::newRow("empty address") << file({replaceCell(aliveRow, 0, "")})
                                   << QStringLiteral("line 2: column 'address': must not be empty, found ''");
    QTest::newRow("unknown status") << file({replaceCell(aliveRow, 2, "up")})
                                    << QStringLiteral("line 2: column 'status': expected alive, dead, error or cancelled, found 'up'");
    QTest::newRow("status in another case") << file({replaceCell(aliveRow, 2, "Alive")})
                                            << QStringLiteral("line 2: column 'status': expected alive, dead, error or cancelled, found 'Alive'");
    QTest::newRow("sent not a number") << file({replaceCell(aliveRow, 3, "three")})
                                       << QStringLiteral("line 2: column 'sent': expected a whole number, found 'three'");
    QTest::newRow("sent with a sign") << file({replaceCell(aliveRow, 3, "+3")})
                                      << QStringLiteral("line 2: column 'sent': expected a whole number, found '+3'");
    QTest::newRow("sent empty") << file({replaceCell(aliveRow, 3, "")})
                                << QStringLiteral("line 2: column 'sent': expected a whole number, found ''");
    QTest::newRow("sent overflowing int") << file({replaceCell(aliveRow, 3, "99999999999")})
                                          << QStringLiteral("line 2: column 'sent': expected a whole number, found '99999999999'");
    QTest::newRow("received more than sent") << file({replaceCell(aliveRow, 4, "4")})
                                             << QStringLiteral("line 2: column 'received': more replies than the 3 sent, found '4'");
    QTest::newRow("loss disagrees with sent/received") << file({replaceCell(aliveRow, 5, "50.000")})
                                                       << QStringLiteral("line 2: column 'loss_pct': does not match 2 of 3 received, found '50.000'");
    QTest::newRow("loss missing") << file({replaceCell(aliveRow, 5, "")})
                                  << QStringLiteral("line 2: column 'loss_pct': expected a value since packets were sent, found ''");
    QTest::newRow("loss with a unit") << file({replaceCell(aliveRow, 5, "33.333%")})
                                      << QStringLiteral("line 2: column 'loss_pct': expected a plain decimal number such as 12.345 or an empty cell, found '33.333%'");
    QTest::newRow("RTT with a decimal comma") << file({replaceCell(aliveRow, 6, "\"0,412\"")})
                                              << QStringLiteral("line 2: column 'rtt_min_ms': expected a plain decimal number such as 12.345 or an empty cell, found '0,412'");
    QTest::newRow("RTT with a unit") << file({replaceCell(aliveRow, 7, "1.5ms")})
                                     << QStringLiteral("line 2: column 'rtt_avg_ms': expected a plain decimal number such as 12.345 or an empty cell, found '1.5ms'");
    QTest::newRow("RTT in exponent notation") << file({replaceCell(aliveRow, 8, "1e3")})
                                              << QStringLiteral("line 2: column 'rtt_max_ms': expected a plain decimal number such as 12.345 or an empty cell, found '1e3'");
    QTest::newRow("negative RTT") << file({replaceCell(aliveRow, 8, "'-1.000")})
                                  << QStringLiteral("line 2: column 'rtt_max_ms': expected a plain decimal number such as 12.345 or an empty cell, found '-1.000'");
    QTest::newRow("RTT nan") << file({replaceCell(aliveRow, 8, "nan")})
                             << QStringLiteral("line 2: column 'rtt_max_ms': expected a plain decimal number such as 12.345 or an empty cell, found 'nan'");
    QTest::newRow("TTL above 255") << file({replaceCell(aliveRow, 9, "256")})
                                   << QStringLiteral("line 2: column 'ttl': expected a whole number from 0 to 255 or an empty cell, found '256'");
    QTest::newRow("time without a zone") << file({replaceCell(aliveRow, 12, "2024-05-01T12:34:56.789")})
                                         << QStringLiteral("line 2: column 'finished_at': expected an ISO 8601 time with a zone such as 2024-05-01T12:34:56.789Z, found '2024-05-01T12:34:56.789'");
    QTest::newRow("time pushed past year 9999 by its offset")
        << file({replaceCell(aliveRow, 12, "9999-12-31T23:30:00.000-01:00")})
        << QStringLiteral("line 2: column 'finished_at': the year is out of range in UTC, found '9999-12-31T23:30:00.000-01:00'");
    QTest::newRow("time not ISO") << file({replaceCell(aliveRow, 12, "01/05/2024 12:34")})
                                  << QStringLiteral("line 2: column 'finished_at': expected an ISO 8601 time with a zone such as 2024-05-01T12:34:56.789Z, found '01/05/2024 12:34'");
    QTest::newRow("control characters in the message are masked")
        << file({replaceCell(aliveRow, 2, "\"\x1b[2J\r\n\"")})
        << QStringLiteral("line 2: column 'status': expected alive, dead, error or cancelled, found '?[2J?" "?'");  // split: "??'" is a trigraph
    QTest::newRow("long values are shortened in the message")
        << file({replaceCell(aliveRow, 2, QByteArray(100, 'x'))})
        << QString(QStringLiteral("line 2: column 'status': expected alive, dead, error or cancelled, found '")
                   + QString(40, u'x') + QStringLiteral("...'"));
}

void TestCsvReader::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    CsvReader reader;
    std::vector<HostResult> results;
    QVERIFY(!reader.parse(bytes, &results));
    QCOMPARE(reader.errorString(), message);
    QVERIFY(results.empty());
}

void TestCsvReader::failureLeavesResultsUnchanged()
{
    CsvReader reader;
    std::vector<HostResult> results{samples::cancelled()};
    QVERIFY(!reader.parse(file({aliveRow, "broken"}), &results));
    QCOMPARE(results.size(), size_t(1));
    QCOMPARE(results.front(), samples::cancelled());
}

void TestCsvReader::readsFromDevice()
{
    QByteArray bytes = file({aliveRow});
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader;
    std::vector<HostResult> results;
    QVERIFY2(reader.read(&buffer, &results), qPrintable(reader.errorString()));
    QCOMPARE(results.size(), size_t(1));
}

void TestCsvReader::unreadableDevice()
{
    QBuffer closed;
    CsvReader reader;
    std::vector<HostResult> results;
    QVERIFY(!reader.read(&closed, &results));
    QCOMPARE(reader.errorString(), QStringLiteral("the input is not open for reading"));
    QVERIFY(!reader.read(nullptr, &results));
}

void TestCsvReader::readFileReportsPath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CsvReader reader;
    std::vector<HostResult> results;

    const QString missing = dir.filePath(QStringLiteral("missing.csv"));
    QVERIFY(!reader.readFile(missing, &results));
    QVERIFY2(reader.errorString().startsWith(QStringLiteral("cannot open ") + missing + QStringLiteral(": ")),
             qPrintable(reader.errorString()));

    const QString foreign = dir.filePath(QStringLiteral("foreign.csv"));
    QFile out(foreign);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(file({aliveRow, "1,2,3"}));
    out.close();
    QVERIFY(!reader.readFile(foreign, &results));
    QCOMPARE(reader.errorString(), foreign + QStringLiteral(": line 3: expected 14 fields, found 3"));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
