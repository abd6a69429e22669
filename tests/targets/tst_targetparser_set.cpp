#include "tst_targetparser.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace ps;
using namespace Qt::StringLiterals;

namespace {

TargetSet typed(const QString &text)
{
    const TargetParseResult result = TargetParser::parseTyped(text);
    if (!result.ok())
        qWarning("unexpected issue: %s", qPrintable(result.issues.front().toString()));
    return result.targets;
}

constexpr quint64 kSaturated = ~quint64(0);

} // namespace

void TestTargetParser::sizes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<quint64>("size");
    QTest::addColumn<bool>("exact");
    QTest::addColumn<QString>("sizeText");

    QTest::newRow("empty set") << QString() << quint64(0) << true << u"0"_s;
    QTest::newRow("/32 is one") << u"10.0.0.1/32"_s << quint64(1) << true << u"1"_s;
    QTest::newRow("/31 is two") << u"10.0.0.0/31"_s << quint64(2) << true << u"2"_s;
    QTest::newRow("/30 is two") << u"10.0.0.0/30"_s << quint64(2) << true << u"2"_s;
    QTest::newRow("/24 is 254") << u"10.0.0.0/24"_s << quint64(254) << true << u"254"_s;
    QTest::newRow("/8 counted, not expanded") << u"10.0.0.0/8"_s << quint64(16777214) << true << u"16777214"_s;
    QTest::newRow("/0 without network and broadcast") << u"0.0.0.0/0"_s << quint64(4294967294) << true << u"4294967294"_s;
    QTest::newRow("every IPv4 address") << u"0.0.0.0/0 0.0.0.0 255.255.255.255"_s << quint64(4294967296) << true
                                        << u"4294967296"_s;
    QTest::newRow("nmap octets 0-255 everywhere are every address")
        << u"0-255.0-255.0-255.0-255"_s << quint64(4294967296) << true << u"4294967296"_s;
    QTest::newRow("nmap octet ranges counted") << u"10.0.1-3.1-254"_s << quint64(762) << true << u"762"_s;
    QTest::newRow("255.255.255.255 is one") << u"255.255.255.255"_s << quint64(1) << true << u"1"_s;
    QTest::newRow("overlaps counted once") << u"10.0.0.0/24 10.0.0.1-10.0.0.10"_s << quint64(254) << true << u"254"_s;
    QTest::newRow("exclusion subtracts") << u"10.0.0.0/24 !10.0.0.0/25"_s << quint64(127) << true << u"127"_s;
    QTest::newRow("exclusion outside the set subtracts nothing") << u"10.0.0.0/30 !10.0.1.0/24"_s << quint64(2) << true << u"2"_s;
    QTest::newRow("same exclusion twice counted once") << u"10.0.0.0/24 !10.0.0.5 !10.0.0.5"_s << quint64(253) << true << u"253"_s;
    QTest::newRow("overlapping exclusions") << u"10.0.0.0/24 !10.0.0.1-10.0.0.10 !10.0.0.5-10.0.0.20"_s << quint64(234)
                                            << true << u"234"_s;
    QTest::newRow("exclusion first, targets after") << u"!10.0.0.1 10.0.0.0/30"_s << quint64(1) << true << u"1"_s;
    QTest::newRow("IPv6 /65 is exact") << u"2001:db8::/65"_s << quint64(9223372036854775808ull) << true
                                       << u"9223372036854775808"_s;
    QTest::newRow("IPv6 /64 saturates") << u"2001:db8::/64"_s << kSaturated << false << u"18446744073709551616"_s;
    QTest::newRow("::/0 saturates") << u"::/0"_s << kSaturated << false << u"340282366920938463463374607431768211456"_s;
    QTest::newRow("::/0 minus ::/1 still saturates") << u"::/0 !::/1"_s << kSaturated << false
                                                     << u"170141183460469231731687303715884105728"_s;
    QTest::newRow("::/0 minus all but two addresses is exact") << u"::/0 !::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffd"_s
                                                               << quint64(2) << true << u"2"_s;
    QTest::newRow("::/0 and IPv4 /0") << u"::/0 0.0.0.0/0"_s << kSaturated << false
                                      << u"340282366920938463463374607436063178750"_s;
    QTest::newRow("::/0 in two zones") << u"::/0 ::%eth0/0"_s << kSaturated << false
                                       << u"680564733841876926926749214863536422912"_s;
    QTest::newRow("host names counted once") << u"a.example b.example A.example"_s << quint64(2) << true << u"2"_s;
    QTest::newRow("excluded host name not counted") << u"a.example b.example !a.example"_s << quint64(1) << true << u"1"_s;
    QTest::newRow("host name excluded before it is added") << u"!a.example a.example"_s << quint64(0) << true << u"0"_s;
}

void TestTargetParser::sizes()
{
    QFETCH(QString, input);
    QFETCH(quint64, size);
    QFETCH(bool, exact);
    QFETCH(QString, sizeText);

    QElapsedTimer timer;
    timer.start();
    const TargetSet set = typed(input);
    QCOMPARE(set.size(), size);
    QCOMPARE(set.isSizeExact(), exact);
    QCOMPARE(set.sizeText(), sizeText);
    QCOMPARE(set.isEmpty(), size == 0);
    QVERIFY2(timer.elapsed() < 1000, "size() must come from arithmetic, not from walking the set");
}

void TestTargetParser::cursorIsLazy_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("first");

    QTest::newRow("::/0 starts at ::") << u"::/0"_s << QStringList{u"::"_s, u"::1"_s, u"::2"_s};
    QTest::newRow("/8 starts after its network address") << u"10.0.0.0/8"_s
                                                         << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"10.0.0.3"_s};
    QTest::newRow("/0 starts at 0.0.0.1") << u"0.0.0.0/0"_s << QStringList{u"0.0.0.1"_s, u"0.0.0.2"_s};
    QTest::newRow("::/0 minus ::/1 starts at 8000::") << u"::/0 !::/1"_s << QStringList{u"8000::"_s, u"8000::1"_s};
    QTest::newRow("exclusion inside a /8 is stepped over")
        << u"10.0.0.0/8 !10.0.0.2-10.0.0.4"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.5"_s, u"10.0.0.6"_s};
    QTest::newRow("/64 after a host name") << u"host.example 2001:db8::/64"_s
                                           << QStringList{u"host.example"_s, u"2001:db8::"_s, u"2001:db8::1"_s};
    QTest::newRow("second /8 overlapping the first yields only the new part")
        << u"10.0.0.0/8 10.255.255.254-11.0.0.1"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s};
}

void TestTargetParser::cursorIsLazy()
{
    QFETCH(QString, input);
    QFETCH(QStringList, first);

    QElapsedTimer timer;
    timer.start();
    const TargetSet set = typed(input);
    QCOMPARE(targetsOf(set, quint64(first.size())), first);
    QVERIFY2(timer.elapsed() < 1000, "the first targets of a huge set must come without expanding it");
}

void TestTargetParser::cursorAgreesWithSize_data()
{
    QTest::addColumn<QString>("input");

    QTest::newRow("overlapping ranges and CIDR blocks") << u"10.0.0.0/22 10.0.1.0-10.0.5.3 10.0.3.7/29 10.0.0.0/31"_s;
    QTest::newRow("exclusions cutting runs into pieces")
        << u"10.0.0.0/20 !10.0.0.0/24 !10.0.2.5-10.0.3.9 !10.0.15.255 !10.0.8.0/22 10.0.0.7"_s;
    QTest::newRow("adjacent runs and duplicates")
        << u"10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.2 10.0.0.4-10.0.0.9 10.0.0.9-10.0.0.12"_s;
    QTest::newRow("IPv6 and zones") << u"2001:db8::/118 !2001:db8::100/120 fe80::/120 fe80::%eth0/121 fe80::5%eth0"_s;
    QTest::newRow("top of both spaces") << u"255.255.255.0/24 255.255.255.255 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120"_s;
    QTest::newRow("nmap ranges over a CIDR block") << u"10.0.0.0/23 10.0.0-3.1-254 !10.0.2.100-200"_s;
    QTest::newRow("host names with exclusions") << u"a.example b.example !c.example c.example a.example !b.example"_s;
}

void TestTargetParser::cursorAgreesWithSize()
{
    QFETCH(QString, input);

    const TargetSet set = typed(input);
    QVERIFY(set.isSizeExact());
    const std::vector<Target> all = set.toVector();
    QCOMPARE(quint64(all.size()), set.size());
    QSet<QString> seen;
    for (const Target &t : all) {
        QVERIFY2(!seen.contains(t.text), qPrintable(t.text));
        seen.insert(t.text);
    }
}

void TestTargetParser::mergeAndExclude_data()
{
    QTest::addColumn<QStringList>("sources");
    QTest::addColumn<QString>("excludes");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("second source appends after the first, without duplicates")
        << QStringList{u"10.0.0.2"_s, u"10.0.0.1 10.0.0.2"_s} << QString() << QStringList{u"10.0.0.2"_s, u"10.0.0.1"_s};
    QTest::newRow("exclusion in one source removes targets of another")
        << QStringList{u"!10.0.0.1"_s, u"10.0.0.0/30"_s} << QString() << QStringList{u"10.0.0.2"_s};
    QTest::newRow("--exclude removes from every source")
        << QStringList{u"10.0.0.0/30"_s, u"10.0.1.1 ::1"_s} << u"10.0.0.1, 10.0.1.1"_s
        << QStringList{u"10.0.0.2"_s, u"::1"_s};
    QTest::newRow("--exclude with its own exclusion removes only the difference")
        << QStringList{u"10.0.0.0/29"_s} << u"10.0.0.0/29 !10.0.0.3"_s << QStringList{u"10.0.0.3"_s};
    QTest::newRow("--exclude of a CIDR block takes its network and broadcast too")
        << QStringList{u"10.0.0.0-10.0.0.8"_s} << u"10.0.0.0/29"_s << QStringList{u"10.0.0.8"_s};
    QTest::newRow("--exclude of a host name") << QStringList{u"a.example b.example"_s} << u"B.example"_s
                                              << QStringList{u"a.example"_s};
    QTest::newRow("--exclude of everything") << QStringList{u"10.0.0.1"_s, u"::1"_s} << u"0.0.0.0/0 0.0.0.0 255.255.255.255 ::/0"_s
                                             << QStringList();
    QTest::newRow("merging huge sets stays lazy") << QStringList{u"::/0"_s, u"10.0.0.0/8"_s} << u"::/1"_s
                                                  << QStringList{u"8000::"_s, u"8000::1"_s};
}

void TestTargetParser::mergeAndExclude()
{
    QFETCH(QStringList, sources);
    QFETCH(QString, excludes);
    QFETCH(QStringList, expected);

    TargetSet all;
    for (const QString &source : sources)
        all.merge(typed(source));
    const TargetParseResult exclusions = TargetParser::parseExclusions(excludes);
    QVERIFY(exclusions.ok());
    all.exclude(exclusions.targets);
    QCOMPARE(targetsOf(all, quint64(expected.size()) + (all.isSizeExact() ? 1 : 0)), expected);
    if (all.isSizeExact())
        QCOMPARE(all.size(), quint64(expected.size()));
}

void TestTargetParser::movedFromSetIsEmptyAndUsable()
{
    TargetSet source = typed(u"10.0.0.0/30 ::1 host.example"_s);
    TargetSet target;
    target.merge(std::move(source));
    QCOMPARE(targetsOf(target), (QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"::1"_s, u"host.example"_s}));
    QVERIFY(source.isEmpty());
    QCOMPARE(source.size(), quint64(0));
    QCOMPARE(targetsOf(source), QStringList());
    source.merge(typed(u"10.0.0.9"_s));
    QCOMPARE(targetsOf(source), QStringList{u"10.0.0.9"_s});

    TargetSet second = typed(u"!10.0.0.1 10.0.0.5"_s);
    target.merge(std::move(second));  // not empty: a real merge, exclusions taken over
    QCOMPARE(targetsOf(target), (QStringList{u"10.0.0.2"_s, u"::1"_s, u"host.example"_s, u"10.0.0.5"_s}));

    target.merge(target);  // merging a set with itself changes nothing
    QCOMPARE(target.size(), quint64(4));
    target.exclude(target);  // excluding a set from itself empties it
    QVERIFY(target.isEmpty());
    QCOMPARE(targetsOf(target), QStringList());
}

void TestTargetParser::benchmarkMillionLines()
{
    // A million distinct addresses in scattered order (no two neighbours adjacent), so neither
    // de-duplication nor run merging gets an easy ride.
    QString text;
    text.reserve(16 << 20);
    for (quint32 i = 0; i < 1000000; ++i) {
        const quint32 host = (i * 2654435761u) & 0xffffffu;  // a bijection on 24 bits
        text += u"127."_s + QString::number(host >> 16) + u'.' + QString::number((host >> 8) & 0xff) + u'.'
            + QString::number(host & 0xff) + u'\n';
    }
    TargetParseResult result;
    QBENCHMARK_ONCE {
        result = TargetParser::parseFileText(text);
    }
    QCOMPARE(result.targets.size(), quint64(1000000));
    QVERIFY(result.ok());
}
