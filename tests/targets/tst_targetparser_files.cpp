#include "targetfilereader.h"
#include "tst_targetparser.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace ps;
using namespace Qt::StringLiterals;

void TestTargetParser::fileLines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("issues");   // line:column:token
    QTest::addColumn<QList<int>>("skipped");   // line numbers

    const QStringList none;
    const QList<int> noLines;

    // Target lines are taken whole.
    QTest::newRow("plain list, one address per line")
        << u"10.0.0.1\n10.0.0.2\n2001:db8::1\n"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"2001:db8::1"_s} << none << noLines;
    QTest::newRow("blank lines and comments are neither used nor skipped")
        << u"# inventory\n\n10.0.0.1   # gateway\n   \n#10.0.0.2\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("several targets and an exclusion on one line")
        << u"10.0.0.0/29, 10.0.0.9-10 !10.0.0.1"_s
        << QStringList{u"10.0.0.2"_s, u"10.0.0.3"_s, u"10.0.0.4"_s, u"10.0.0.5"_s, u"10.0.0.6"_s, u"10.0.0.9"_s, u"10.0.0.10"_s}
        << none << noLines;
    QTest::newRow("exclusion on a later line removes earlier targets")
        << u"10.0.0.0/30\n!10.0.0.1\n"_s << QStringList{u"10.0.0.2"_s} << none << noLines;
    QTest::newRow("host name alone on a line")
        << u"db1.example.org\nrouter\n"_s << QStringList{u"db1.example.org"_s, u"router"_s} << none << noLines;
    QTest::newRow("several host names with dots on one line")
        << u"db1.example.org, db2.example.org"_s << QStringList{u"db1.example.org"_s, u"db2.example.org"_s} << none << noLines;
    QTest::newRow("host name exclusion on its own line")
        << u"db1.example.org\ndb2.example.org\n!db1.example.org"_s << QStringList{u"db2.example.org"_s} << none << noLines;
    QTest::newRow("several names without dots are words, not hosts")
        << u"db1 db2\n"_s << none << none << QList<int>{1};
    QTest::newRow("a line of prose is skipped") << u"Please scan these tomorrow:\n10.0.0.1"_s
                                                << QStringList{u"10.0.0.1"_s} << none << QList<int>{1};
    QTest::newRow("range written with spaces on a target line")
        << u"10.0.0.1 - 10.0.0.3"_s << addressRange(u"10.0.0."_s, 1, 3) << none << noLines;

    // Errors: address-like tokens that are not valid, on otherwise-target lines.
    QTest::newRow("bad line beside good lines: the good ones are kept")
        << u"10.0.0.1\n300.1.1.1\n10.0.0.2\n"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s}
        << QStringList{u"2:1:300.1.1.1"_s} << noLines;
    QTest::newRow("typo on a target line named by line and column, the rest kept")
        << u"10.0.0.1\n10.0.0.2, 10.0.0.300, 10.0.0.3"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"10.0.0.3"_s}
        << QStringList{u"2:11:10.0.0.300"_s} << noLines;
    QTest::newRow("CIDR prefix too long on its own line") << u"10.0.0.0/33"_s << none << QStringList{u"1:1:10.0.0.0/33"_s} << noLines;
    QTest::newRow("IPv6 typo on its own line") << u"2001:db8::1::2"_s << none << QStringList{u"1:1:2001:db8::1::2"_s} << noLines;
    QTest::newRow("trailing dot after a CIDR block on its own line is punctuation, not a typo")
        << u"10.0.0.0/30."_s << addressRange(u"10.0.0."_s, 1, 2) << none << noLines;
    QTest::newRow("trailing comma and parenthesis after an address are punctuation")
        << u"10.0.0.1), 10.0.0.2;"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s} << none << noLines;
    QTest::newRow("CIDR block without its prefix is a typo, not an address")
        << u"10.0.0.0/"_s << none << QStringList{u"1:1:10.0.0.0/"_s} << noLines;
    QTest::newRow("dangling range dash is a typo") << u"10.0.0.1-"_s << none << QStringList{u"1:1:10.0.0.1-"_s} << noLines;
    QTest::newRow("version string 1.2.3 alone is skipped, not an error") << u"1.2.3"_s << none << none << QList<int>{1};
    QTest::newRow("MAC-like 0050.56a3.0001 alone is skipped") << u"0050.56a3.0001"_s << none << none << QList<int>{1};

    // Other lines: every address, range and CIDR literal, and nothing else.
    QTest::newRow("CSV header skipped, address column taken")
        << u"name,ip,owner\nweb,10.0.0.1,alice\ndb,10.0.0.2,bob\n"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s} << none
        << QList<int>{1};
    QTest::newRow("CSV with addresses in several columns")
        << u"10.0.0.1,web,10.0.0.2\nmail,2001:db8::25,\"10.0.0.3\"\n"_s
        << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"2001:db8::25"_s, u"10.0.0.3"_s} << none << noLines;
    QTest::newRow("CSV quoted field keeps its comma and '#'")
        << u"\"Smith, John #2\",\"10.0.0.1\",\"x\"\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("CSV quoted field with an escaped quote")
        << u"\"a \"\"b\"\" # c\",10.0.0.1"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("CSV quoted host name alone is a target line")
        << u"\"db1.example.org\"\n"_s << QStringList{u"db1.example.org"_s} << none << noLines;
    QTest::newRow("TSV row") << u"web\t10.0.0.1\t22\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("semicolon CSV with decimal commas")
        << u"web;10.0.0.1;1,5\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("hosts file line gives the address, not the names")
        << u"10.0.0.5   router.lan router\n::1 localhost ip6-localhost\n"_s << QStringList{u"10.0.0.5"_s, u"::1"_s}
        << none << noLines;
    QTest::newRow("Linux ip neigh: MAC with colons is not IPv6")
        << u"10.0.0.1 dev eth0 lladdr 00:50:56:a3:00:01 REACHABLE\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("Windows arp -a: MAC with dashes is not a range")
        << u"Interface: 10.0.0.20 --- 0x4\n  Internet Address      Physical Address      Type\n"
           u"  10.0.0.1              00-50-56-a3-00-01     dynamic\n"_s
        << QStringList{u"10.0.0.20"_s, u"10.0.0.1"_s} << none << QList<int>{2};
    QTest::newRow("Cisco show ip arp: 0050.56a3.0001 is not an address")
        << u"Internet  10.0.0.1   5   0050.56a3.0001  ARPA   Vlan10\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("Router#show is not a comment")
        << u"Router#show ip arp 10.0.0.9\n"_s << QStringList{u"10.0.0.9"_s} << none << noLines;
    QTest::newRow("nmap normal output")
        << u"Nmap scan report for web.example.org (10.0.0.1)\nHost is up (0.00042s latency).\n"_s
        << QStringList{u"10.0.0.1"_s} << none << QList<int>{2};
    QTest::newRow("nmap grepable output")
        << u"Host: 10.0.0.1 (web.example.org)\tStatus: Up\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("nmap XML attribute")
        << u"<address addr=\"10.0.0.1\" addrtype=\"ipv4\"/>\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("ifconfig: every address literal after a colon")
        << u"inet addr:192.0.2.10  Bcast:192.0.2.255  Mask:255.255.255.0\n"_s
        << QStringList{u"192.0.2.10"_s, u"192.0.2.255"_s, u"255.255.255.0"_s} << none << noLines;
    QTest::newRow("ip addr: CIDR literal expands")
        << u"    inet 192.0.2.9/30 brd 192.0.2.11 scope global eth0\n"_s
        << QStringList{u"192.0.2.9"_s, u"192.0.2.10"_s, u"192.0.2.11"_s} << none << noLines;
    QTest::newRow("e-mail prose with trailing punctuation")
        << u"Hi team, please ping 10.0.0.1, 10.0.0.2 and 192.0.2.0/30.\nThe gateway is 10.0.0.254.\nThanks!\n"_s
        << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"192.0.2.1"_s, u"192.0.2.2"_s, u"10.0.0.254"_s} << none
        << QList<int>{3};
    QTest::newRow("version string 1.2.3 in prose is not an address")
        << u"Upgraded to version 1.2.3 on 10.0.0.1\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("v1.2.3.4 is a version, not an address")
        << u"firmware v1.2.3.4 at 10.0.0.1\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("five-part number holds no address") << u"build 1.2.3.4.5 deployed\n"_s << none << none << QList<int>{1};
    QTest::newRow("invalid octet 300.1.1.1 in prose is not an address")
        << u"bad 300.1.1.1 good 10.0.0.1\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("reverse-DNS name holds no address")
        << u"1.0.0.10.in-addr.arpa PTR host\n"_s << none << none << QList<int>{1};
    QTest::newRow("hyphenated host name holds no address") << u"host-10.0.0.1 is down\n"_s << none << none << QList<int>{1};
    QTest::newRow("address with a port") << u"connect to 10.0.0.1:8080 failed\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("URLs with IPv4 and bracketed IPv6")
        << u"see http://10.0.0.1/status and https://[2001:db8::1]:8443/\n"_s
        << QStringList{u"10.0.0.1"_s, u"2001:db8::1"_s} << none << noLines;
    QTest::newRow("time stamps are not IPv6")
        << u"12:34:56.789 10.0.0.1 up\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("log line with an IPv6 address and zone")
        << u"Nov 25 09:44:01 kernel: neighbour fe80::1%eth0 lost\n"_s << QStringList{u"fe80::1%eth0"_s} << none << noLines;
    QTest::newRow("IPv6 followed by a colon in prose")
        << u"Address fe80::1: unreachable\n"_s << QStringList{u"fe80::1"_s} << none << noLines;
    QTest::newRow("IPv6 prefix in prose")
        << u"route 2001:db8::/127 via fe80::1\n"_s << QStringList{u"2001:db8::"_s, u"2001:db8::1"_s, u"fe80::1"_s} << none
        << noLines;
    QTest::newRow("IPv6 range in prose")
        << u"hosts 2001:db8::1-2001:db8::2 only\n"_s << QStringList{u"2001:db8::1"_s, u"2001:db8::2"_s} << none << noLines;
    QTest::newRow("range with spaces in prose")
        << u"scan 10.0.0.1 - 10.0.0.3 tonight\n"_s << addressRange(u"10.0.0."_s, 1, 3) << none << noLines;
    QTest::newRow("short range in prose") << u"hosts 10.0.0.1-3 only\n"_s << addressRange(u"10.0.0."_s, 1, 3) << none << noLines;
    QTest::newRow("nmap octet range in prose")
        << u"sweep 10.0.1-2.1 now\n"_s << QStringList{u"10.0.1.1"_s, u"10.0.2.1"_s} << none << noLines;
    QTest::newRow("address, dash and a count is not a short range")
        << u"10.0.0.1 - 5 hosts\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("dates are not ranges") << u"2023-10-05 backup of 10.0.0.1\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("255.255.255.255 in prose") << u"broadcast 255.255.255.255 seen\n"_s << QStringList{u"255.255.255.255"_s} << none << noLines;
    QTest::newRow("exclusion in a prose line")
        << u"all of 10.0.0.0/29 except !10.0.0.3\n"_s
        << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"10.0.0.4"_s, u"10.0.0.5"_s, u"10.0.0.6"_s} << none << noLines;
    QTest::newRow("exclamation mark glued to a word is punctuation, not an exclusion")
        << u"down!10.0.0.3 still\n"_s << QStringList{u"10.0.0.3"_s} << none << noLines;
    QTest::newRow("comment cuts a prose line") << u"web 10.0.0.1 # was 10.0.0.2\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("mixed address and host name line gives the address only")
        << u"10.0.0.1 router\n"_s << QStringList{u"10.0.0.1"_s} << none << noLines;
    QTest::newRow("non-breaking space separates") << u"web\u00a010.0.0.1\u00a0x"_s << QStringList{u"10.0.0.1"_s} << none << noLines;

    // Line ends.
    QTest::newRow("CRLF line ends count lines right")
        << u"10.0.0.1\r\nword word\r\n300.1.1.1\r\n"_s << QStringList{u"10.0.0.1"_s} << QStringList{u"3:1:300.1.1.1"_s}
        << QList<int>{2};
    QTest::newRow("CR line ends count lines right")
        << u"10.0.0.1\rword word\r300.1.1.1\r"_s << QStringList{u"10.0.0.1"_s} << QStringList{u"3:1:300.1.1.1"_s}
        << QList<int>{2};
    QTest::newRow("blank CRLF lines count") << u"\r\n\r\n300.1.1.1"_s << none << QStringList{u"3:1:300.1.1.1"_s} << noLines;
    QTest::newRow("empty file") << QString() << none << none << noLines;
    QTest::newRow("only comments") << u"# a\n  # b\n\t#c\n"_s << none << none << noLines;
}

void TestTargetParser::fileLines()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, issues);
    QFETCH(QList<int>, skipped);

    const TargetParseResult result = TargetParser::parseFileText(text, u"f.txt"_s);
    QCOMPARE(targetsOf(result.targets), expected);
    QCOMPARE(issueKeys(result), issues);
    QList<int> skippedNumbers;
    for (const SkippedLine &line : result.skippedLines)
        skippedNumbers.append(line.line);
    QCOMPARE(skippedNumbers, skipped);
    QCOMPARE(result.skippedLineCount, int(skipped.size()));
    for (const TargetIssue &issue : result.issues)
        QCOMPARE(issue.source, u"f.txt"_s);
}

void TestTargetParser::skipReasons_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("reason");

    QTest::newRow("one word that is no target says why")
        << u"Thanks!"_s << u"'Thanks!' contains '!', which no address or host name has"_s;
    QTest::newRow("version string says it needs four numbers")
        << u"1.2.3"_s << u"'1.2.3' is not an IPv4 address: it needs four numbers separated by dots"_s;
    QTest::newRow("names without dots say dots are needed")
        << u"db1 db2"_s << u"several names on one line are read as host names only when every one contains a dot"_s;
    QTest::newRow("prose says words are not host names")
        << u"Nothing to see here!"_s
        << u"no address, range or CIDR block in it (words on such a line are not read as host names)"_s;
}

void TestTargetParser::skipReasons()
{
    QFETCH(QString, line);
    QFETCH(QString, reason);

    const TargetParseResult result = TargetParser::parseFileText(line);
    QCOMPARE(result.skippedLines.size(), 1);
    QCOMPARE(result.skippedLines.front().reason, reason);
    QCOMPARE(result.skippedLines.front().text, line);
}

void TestTargetParser::decoding_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QStringList>("expected");

    const QString text = u"10.0.0.1\r\ndb1.example.org\n"_s;
    const QStringList expected{u"10.0.0.1"_s, u"db1.example.org"_s};
    auto utf16 = [&](bool littleEndian, bool bom) {
        QByteArray out;
        if (bom)
            out += littleEndian ? QByteArray("\xff\xfe", 2) : QByteArray("\xfe\xff", 2);
        for (const QChar c : text) {
            const char lo = char(c.unicode() & 0xff), hi = char(c.unicode() >> 8);
            out.append(littleEndian ? lo : hi).append(littleEndian ? hi : lo);
        }
        return out;
    };
    QTest::newRow("UTF-8 without BOM") << text.toUtf8() << u"UTF-8"_s << expected;
    QTest::newRow("UTF-8 with BOM") << QByteArray("\xef\xbb\xbf" + text.toUtf8()) << u"UTF-8"_s << expected;
    QTest::newRow("UTF-16 LE with BOM") << utf16(true, true) << u"UTF-16LE"_s << expected;
    QTest::newRow("UTF-16 BE with BOM") << utf16(false, true) << u"UTF-16BE"_s << expected;
    QTest::newRow("UTF-16 LE without BOM, as PowerShell may write it") << utf16(true, false) << u"UTF-16LE"_s << expected;
    QTest::newRow("UTF-8 prose with an accent")
        << u"caf\u00e9 10.0.0.1\n"_s.toUtf8() << u"UTF-8"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("Latin-1 when the bytes are not UTF-8")
        << QByteArray("caf\xe9 10.0.0.1\n") << u"ISO-8859-1"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("Latin-1 host name with a stray byte is not a host")
        << QByteArray("r\xe9seau.example\n10.0.0.2") << u"ISO-8859-1"_s << QStringList{u"10.0.0.2"_s};
    QTest::newRow("empty file") << QByteArray() << u"UTF-8"_s << QStringList();
}

void TestTargetParser::decoding()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);
    QFETCH(QStringList, expected);

    QBuffer buffer(&bytes);
    TargetFileReader reader(u"buffer"_s);
    QVERIFY(reader.read(&buffer));
    QCOMPARE(reader.encoding(), encoding);
    QCOMPARE(targetsOf(reader.result().targets), expected);
    QVERIFY(reader.result().ok());
}

void TestTargetParser::readerReportsUnreadableFile()
{
    TargetFileReader reader;
    QVERIFY(!reader.read(u"/nonexistent/targets.txt"_s));
    QVERIFY(!reader.errorString().isEmpty());

    // A BOM does not shift columns, and the file name names the issue.
    QByteArray bytes("\xef\xbb\xbf" "300.1.1.1");
    QBuffer buffer(&bytes);
    TargetFileReader named(u"hosts.txt"_s);
    QVERIFY(named.read(&buffer));
    QCOMPARE(named.result().issues.size(), 1);
    QCOMPARE(named.result().issues.front().toString(),
             u"hosts.txt: line 1, column 1: '300.1.1.1' is not an IPv4 address: 300 is more than 255"_s);
}

void TestTargetParser::garbageFileOfTenMegabytes()
{
    // Half random bytes, half random "address-ish" ASCII (digits, dots, colons, separators,
    // letters), with known lines planted in it; generated, never committed.
    QRandomGenerator random(20241125);
    const QByteArray alphabet("0123456789....::::abcdefxyz-/!#%\",; \t\r\n");
    QByteArray data;
    data.reserve(10 << 20);
    QStringList planted;
    while (data.size() < (10 << 20)) {
        const bool binary = data.size() < (5 << 20);
        for (int i = 0; i < 4096; ++i)
            data += binary ? char(random.bounded(256)) : alphabet.at(random.bounded(int(alphabet.size())));
        const QString address = u"172.16.%1.%2"_s.arg(planted.size() / 250).arg(planted.size() % 250 + 1);
        planted.append(address);
        data += "\n" + address.toLatin1() + "\n";
    }
    QBuffer buffer(&data);
    TargetFileReader reader(u"garbage"_s);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(reader.read(&buffer));
    qInfo("10 MB of garbage parsed in %lld ms", qlonglong(timer.elapsed()));
    const TargetParseResult &result = reader.result();
    for (const QString &address : std::as_const(planted))
        QVERIFY2(result.targets.contains({address, QHostAddress(address)}), qPrintable(address));
    QVERIFY(result.issues.size() <= TargetParseResult::kMaxReported);
    QVERIFY(result.skippedLines.size() <= TargetParseResult::kMaxReported);
    QVERIFY(result.skippedLineCount >= result.skippedLines.size());
}

void TestTargetParser::fuzzRegressions_data()
{
    QTest::addColumn<QByteArray>("bytes");

    // Inputs the fuzzer (tests/fuzz/fuzz_targets.cpp) or review found worth keeping.
    QTest::newRow("IPv6 run longer than any address") << QByteArray(200, ':');
    QTest::newRow("zone id running to the end of the line") << QByteArray("fe80::1%" + QByteArray(100, 'a'));
    QTest::newRow("unterminated quote") << QByteArray("\"10.0.0.1, 10.0.0.2");
    QTest::newRow("quote that closes at the line end") << QByteArray("\"\"\"");
    QTest::newRow("range to the top of IPv6") << QByteArray("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff !::/1");
    QTest::newRow("dash and bang only") << QByteArray("- ! -! !- !!10.0.0.1 --");
    QTest::newRow("lone UTF-16 BOM") << QByteArray("\xff\xfe", 2);
    QTest::newRow("odd byte after a UTF-16 BOM") << QByteArray("\xff\xfe\x31", 3);
    QTest::newRow("NUL bytes") << QByteArray("10.0.0.1\0\0\0 10.0.0.2", 20);
}

void TestTargetParser::fuzzRegressions()
{
    QFETCH(QByteArray, bytes);

    QBuffer buffer(&bytes);
    TargetFileReader reader;
    QVERIFY(reader.read(&buffer));
    const TargetSet &set = reader.result().targets;
    const std::vector<Target> all = set.toVector(100000);
    if (set.size() <= 100000)
        QCOMPARE(quint64(all.size()), set.size());
    const TargetParseResult typed = TargetParser::parseTyped(TargetFileReader::decode(bytes));
    QVERIFY(typed.targets.toVector(1000).size() <= 1000);
}
