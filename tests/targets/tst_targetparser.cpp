#include "tst_targetparser.h"

#include <QTest>

using namespace ps;
using namespace Qt::StringLiterals;

QStringList targetsOf(const TargetSet &set, quint64 limit)
{
    QStringList texts;
    for (const Target &t : set.toVector(limit))
        texts.append(t.text);
    return texts;
}

QStringList issueKeys(const TargetParseResult &result)
{
    QStringList keys;
    for (const TargetIssue &issue : result.issues)
        keys.append(QStringLiteral("%1:%2:%3").arg(issue.line).arg(issue.column).arg(issue.token));
    return keys;
}

QStringList addressRange(const QString &prefix, int first, int last)
{
    QStringList list;
    for (int i = first; i <= last; ++i)
        list.append(prefix + QString::number(i));
    return list;
}

void TestTargetParser::typedTargets_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("expected");

    const QStringList none;
    QTest::newRow("IPv4 address") << u"10.0.0.1"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("255.255.255.255 is an address") << u"255.255.255.255"_s << QStringList{u"255.255.255.255"_s};
    QTest::newRow("0.0.0.0 is an address") << u"0.0.0.0"_s << QStringList{u"0.0.0.0"_s};
    QTest::newRow("zero-padded octets are decimal, not octal") << u"010.000.000.001"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("IPv6 address in canonical form") << u"2001:DB8:0:0:0:0:0:1"_s << QStringList{u"2001:db8::1"_s};
    QTest::newRow("IPv6 loopback") << u"::1"_s << QStringList{u"::1"_s};
    QTest::newRow("IPv6 zone id kept") << u"fe80::1%eth0"_s << QStringList{u"fe80::1%eth0"_s};
    QTest::newRow("IPv6 zone id with a dash") << u"fe80::1%br-lan"_s << QStringList{u"fe80::1%br-lan"_s};
    QTest::newRow("one IPv6 address in two zones is three targets")
        << u"fe80::1%eth0 fe80::1%eth1 fe80::1"_s
        << QStringList{u"fe80::1%eth0"_s, u"fe80::1%eth1"_s, u"fe80::1"_s};
    QTest::newRow("IPv4-mapped IPv6 stays IPv6") << u"::ffff:10.0.0.1"_s << QStringList{u"::ffff:10.0.0.1"_s};
    QTest::newRow("host name") << u"db1.example.org"_s << QStringList{u"db1.example.org"_s};
    QTest::newRow("single-label host name") << u"router"_s << QStringList{u"router"_s};
    QTest::newRow("host names lower-cased and de-duplicated")
        << u"DB1.Example.org db1.example.ORG"_s << QStringList{u"db1.example.org"_s};
    QTest::newRow("fully qualified name keeps its trailing dot") << u"router."_s << QStringList{u"router."_s};
    QTest::newRow("host name of 253 characters")
        << QString(QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(63, u'c') + u'.' + QString(61, u'd'))
        << QStringList{QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(63, u'c') + u'.' + QString(61, u'd')};

    QTest::newRow("full range 10.0.0.1-10.0.0.4") << u"10.0.0.1-10.0.0.4"_s << addressRange(u"10.0.0."_s, 1, 4);
    QTest::newRow("full range with spaces around the dash") << u"10.0.0.1 - 10.0.0.3"_s << addressRange(u"10.0.0."_s, 1, 3);
    QTest::newRow("full range with a space before the dash") << u"10.0.0.1 -10.0.0.3"_s << addressRange(u"10.0.0."_s, 1, 3);
    QTest::newRow("full range with a space after the dash") << u"10.0.0.1- 10.0.0.3"_s << addressRange(u"10.0.0."_s, 1, 3);
    QTest::newRow("full range with tabs around the dash") << u"10.0.0.1\t-\t10.0.0.3"_s << addressRange(u"10.0.0."_s, 1, 3);
    QTest::newRow("reversed full range normalised") << u"10.0.0.3-10.0.0.1"_s << addressRange(u"10.0.0."_s, 1, 3);
    QTest::newRow("full range across an octet boundary")
        << u"10.0.0.254-10.0.1.1"_s
        << QStringList{u"10.0.0.254"_s, u"10.0.0.255"_s, u"10.0.1.0"_s, u"10.0.1.1"_s};
    QTest::newRow("range of one address") << u"10.0.0.7-10.0.0.7"_s << QStringList{u"10.0.0.7"_s};
    QTest::newRow("short range 10.0.0.1-3") << u"10.0.0.1-3"_s << addressRange(u"10.0.0."_s, 1, 3);
    QTest::newRow("reversed short range normalised") << u"10.0.0.3-1"_s << addressRange(u"10.0.0."_s, 1, 3);
    QTest::newRow("short range to 255") << u"10.0.0.253-255"_s << addressRange(u"10.0.0."_s, 253, 255);
    QTest::newRow("nmap octet ranges, last octet fastest")
        << u"10.0.1-2.1-2"_s << QStringList{u"10.0.1.1"_s, u"10.0.1.2"_s, u"10.0.2.1"_s, u"10.0.2.2"_s};
    QTest::newRow("nmap range in the first octet") << u"1-2.0.0.1"_s << QStringList{u"1.0.0.1"_s, u"2.0.0.1"_s};
    QTest::newRow("nmap reversed octet range normalised")
        << u"10.0.2-1.1"_s << QStringList{u"10.0.1.1"_s, u"10.0.2.1"_s};
    QTest::newRow("IPv6 full range") << u"2001:db8::1-2001:db8::3"_s << addressRange(u"2001:db8::"_s, 1, 3);
    QTest::newRow("reversed IPv6 range normalised") << u"2001:db8::3-2001:db8::1"_s << addressRange(u"2001:db8::"_s, 1, 3);
    QTest::newRow("IPv6 range with spaces around the dash")
        << u"2001:db8::1 - 2001:db8::2"_s << addressRange(u"2001:db8::"_s, 1, 2);
    QTest::newRow("IPv6 range within a zone")
        << u"fe80::1%eth0-fe80::2%eth0"_s << QStringList{u"fe80::1%eth0"_s, u"fe80::2%eth0"_s};

    QTest::newRow("CIDR /30 leaves out network and broadcast") << u"10.0.0.0/30"_s << addressRange(u"10.0.0."_s, 1, 2);
    QTest::newRow("CIDR /29") << u"10.0.0.0/29"_s << addressRange(u"10.0.0."_s, 1, 6);
    QTest::newRow("CIDR /31 keeps both addresses (RFC 3021)") << u"10.0.0.0/31"_s << addressRange(u"10.0.0."_s, 0, 1);
    QTest::newRow("CIDR /32 is the address") << u"10.0.0.7/32"_s << QStringList{u"10.0.0.7"_s};
    QTest::newRow("CIDR with host bits set means its network") << u"10.0.0.5/30"_s << addressRange(u"10.0.0."_s, 5, 6);
    QTest::newRow("CIDR /32 of 255.255.255.255") << u"255.255.255.255/32"_s << QStringList{u"255.255.255.255"_s};
    QTest::newRow("CIDR /31 at the top of IPv4")
        << u"255.255.255.254/31"_s << QStringList{u"255.255.255.254"_s, u"255.255.255.255"_s};
    QTest::newRow("CIDR /30 at the top of IPv4")
        << u"255.255.255.252/30"_s << QStringList{u"255.255.255.253"_s, u"255.255.255.254"_s};
    QTest::newRow("CIDR /31 at the bottom of IPv4") << u"0.0.0.0/31"_s << QStringList{u"0.0.0.0"_s, u"0.0.0.1"_s};
    QTest::newRow("CIDR with zero-padded network") << u"010.0.0.0/30"_s << addressRange(u"10.0.0."_s, 1, 2);
    QTest::newRow("IPv6 /126 keeps every address (no broadcast in IPv6)")
        << u"2001:db8::/126"_s << QStringList{u"2001:db8::"_s, u"2001:db8::1"_s, u"2001:db8::2"_s, u"2001:db8::3"_s};
    QTest::newRow("IPv6 /127") << u"2001:db8::/127"_s << QStringList{u"2001:db8::"_s, u"2001:db8::1"_s};
    QTest::newRow("IPv6 /128 is the address") << u"2001:db8::5/128"_s << QStringList{u"2001:db8::5"_s};
    QTest::newRow("IPv6 prefix with host bits set means its network")
        << u"2001:db8::7/127"_s << QStringList{u"2001:db8::6"_s, u"2001:db8::7"_s};
    QTest::newRow("IPv6 prefix at the top of the space")
        << u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"_s
        << QStringList{u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"_s, u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_s};
    QTest::newRow("IPv6 prefix with a zone id")
        << u"fe80::%eth0/127"_s << QStringList{u"fe80::%eth0"_s, u"fe80::1%eth0"_s};

    QTest::newRow("exclusion of an address") << u"10.0.0.0/29 !10.0.0.3"_s
                                             << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s, u"10.0.0.4"_s, u"10.0.0.5"_s, u"10.0.0.6"_s};
    QTest::newRow("exclusion of a CIDR block") << u"10.0.0.0/28 !10.0.0.0/29"_s << addressRange(u"10.0.0."_s, 8, 14);
    QTest::newRow("excluded CIDR block is the whole block, network and broadcast included")
        << u"10.0.0.0-10.0.0.8 !10.0.0.0/29"_s << QStringList{u"10.0.0.8"_s};
    QTest::newRow("exclusion of a range") << u"10.0.0.1-10.0.0.6 !10.0.0.2-5"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.6"_s};
    QTest::newRow("exclusion before the targets it removes")
        << u"!10.0.0.2 10.0.0.1-3"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.3"_s};
    QTest::newRow("exclusion of a range written with spaces")
        << u"10.0.0.1-5 !10.0.0.2 - 10.0.0.4"_s << QStringList{u"10.0.0.1"_s, u"10.0.0.5"_s};
    QTest::newRow("exclusion of a host name, case-blind")
        << u"a.example b.example !A.Example"_s << QStringList{u"b.example"_s};
    QTest::newRow("IPv6 exclusion") << u"2001:db8::/126 !2001:db8::1"_s
                                    << QStringList{u"2001:db8::"_s, u"2001:db8::2"_s, u"2001:db8::3"_s};
    QTest::newRow("exclusion in another zone removes nothing")
        << u"fe80::1%eth0 !fe80::1%eth1 !fe80::1"_s << QStringList{u"fe80::1%eth0"_s};
    QTest::newRow("exclusion that removes everything") << u"10.0.0.1 !10.0.0.0/24"_s << none;
    QTest::newRow("exclusion of /0 removes every IPv4 address but keeps IPv6")
        << u"10.0.0.1 ::1 !0.0.0.0/0 !0.0.0.0 !255.255.255.255"_s << QStringList{u"::1"_s};

    QTest::newRow("duplicates keep their first position")
        << u"10.0.0.2 10.0.0.1 10.0.0.2"_s << QStringList{u"10.0.0.2"_s, u"10.0.0.1"_s};
    QTest::newRow("overlapping ranges yield each address once, in first-seen order")
        << u"10.0.0.3-5 10.0.0.1-10.0.0.6"_s
        << QStringList{u"10.0.0.3"_s, u"10.0.0.4"_s, u"10.0.0.5"_s, u"10.0.0.1"_s, u"10.0.0.2"_s, u"10.0.0.6"_s};
    QTest::newRow("CIDR inside an earlier range adds nothing")
        << u"10.0.0.0-10.0.0.7 10.0.0.4/30"_s << addressRange(u"10.0.0."_s, 0, 7);
    QTest::newRow("IPv4 and IPv6 and names keep their order")
        << u"10.0.0.1 ::1 host.example 10.0.0.2"_s
        << QStringList{u"10.0.0.1"_s, u"::1"_s, u"host.example"_s, u"10.0.0.2"_s};

    QTest::newRow("separators: comma, semicolon, tab, newline, space")
        << u"10.0.0.1,10.0.0.2;10.0.0.3\t10.0.0.4\n10.0.0.5 10.0.0.6"_s << addressRange(u"10.0.0."_s, 1, 6);
    QTest::newRow("separators repeated and mixed") << u" ,;10.0.0.1 ,, ; 10.0.0.2;"_s << addressRange(u"10.0.0."_s, 1, 2);
    QTest::newRow("CRLF and CR line ends") << u"10.0.0.1\r\n10.0.0.2\r10.0.0.3"_s << addressRange(u"10.0.0."_s, 1, 3);
    QTest::newRow("comment at the start of a line") << u"# all of them\n10.0.0.1"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("comment after white space") << u"10.0.0.1 # gateway 10.0.0.2"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("comment after a tab") << u"10.0.0.1\t#10.0.0.2"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("comment ends at the line end") << u"# 10.0.0.1\n10.0.0.2"_s << QStringList{u"10.0.0.2"_s};
    QTest::newRow("quoted tokens") << u"\"10.0.0.1\",\"10.0.0.2\""_s << addressRange(u"10.0.0."_s, 1, 2);
    QTest::newRow("empty input") << QString() << none;
    QTest::newRow("only white space") << u"  \t\n \r\n"_s << none;
    QTest::newRow("only comments") << u"# one\n   # two\n#three"_s << none;
}

void TestTargetParser::typedTargets()
{
    QFETCH(QString, input);
    QFETCH(QStringList, expected);

    const TargetParseResult result = TargetParser::parseTyped(input);
    QCOMPARE(issueKeys(result), QStringList());
    QVERIFY(result.ok());
    QCOMPARE(targetsOf(result.targets), expected);
    QCOMPARE(result.targets.size(), quint64(expected.size()));
    QCOMPARE(result.targets.isEmpty(), expected.isEmpty());
}

void TestTargetParser::typedErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("issues");      // line:column:token
    QTest::addColumn<QString>("message");         // part of the first issue's message
    QTest::addColumn<QStringList>("kept");        // valid targets beside the errors

    const QStringList none;
    QTest::newRow("octet over 255 named with its column")
        << u"10.0.0.1 300.1.1.1"_s << QStringList{u"1:10:300.1.1.1"_s} << u"300 is more than 255"_s
        << QStringList{u"10.0.0.1"_s};
    QTest::newRow("error on a later line names that line")
        << u"10.0.0.1\n  10.0.0.256"_s << QStringList{u"2:3:10.0.0.256"_s} << u"256 is more than 255"_s
        << QStringList{u"10.0.0.1"_s};
    QTest::newRow("version string 1.2.3 is not an address")
        << u"1.2.3"_s << QStringList{u"1:1:1.2.3"_s} << u"four numbers"_s << none;
    QTest::newRow("five numbers are not an address") << u"1.2.3.4.5"_s << QStringList{u"1:1:1.2.3.4.5"_s} << u"four numbers"_s << none;
    QTest::newRow("octet with four digits") << u"10.0.0.0001"_s << QStringList{u"1:1:10.0.0.0001"_s} << u"more than three digits"_s << none;
    QTest::newRow("short form 127.1 is not an address") << u"127.1"_s << QStringList{u"1:1:127.1"_s} << u"four numbers"_s << none;
    QTest::newRow("hex form is not an address") << u"0x7f.0.0.1"_s << QStringList{u"1:1:0x7f.0.0.1"_s} << QString() << none;
    QTest::newRow("a bare number is not a target") << u"12345"_s << QStringList{u"1:1:12345"_s} << u"not an address"_s << none;
    QTest::newRow("CIDR prefix /33") << u"10.0.0.0/33"_s << QStringList{u"1:1:10.0.0.0/33"_s} << u"0 to 32"_s << none;
    QTest::newRow("IPv6 prefix /129") << u"2001:db8::/129"_s << QStringList{u"1:1:2001:db8::/129"_s} << u"0 to 128"_s << none;
    QTest::newRow("percent signs in a bad prefix are quoted as typed, not as arg() placeholders")
        << u"10.0.0.0/%2"_s << QStringList{u"1:1:10.0.0.0/%2"_s} << u"'/%2' is not a prefix length from 0 to 32"_s << none;
    QTest::newRow("CIDR without a prefix") << u"10.0.0.0/"_s << QStringList{u"1:1:10.0.0.0/"_s} << u"prefix length"_s << none;
    QTest::newRow("netmask instead of a prefix")
        << u"10.0.0.0/255.255.255.0"_s << QStringList{u"1:1:10.0.0.0/255.255.255.0"_s} << u"prefix length"_s << none;
    QTest::newRow("CIDR with a bad network") << u"10.0.0.300/24"_s << QStringList{u"1:1:10.0.0.300/24"_s} << u"300"_s << none;
    QTest::newRow("CIDR of a host name") << u"host.example/24"_s << QStringList{u"1:1:host.example/24"_s} << QString() << none;
    QTest::newRow("range from IPv4 to IPv6") << u"10.0.0.1-::1"_s << QStringList{u"1:1:10.0.0.1-::1"_s} << u"IPv4 to an IPv6"_s << none;
    QTest::newRow("short range past 255") << u"10.0.0.1-300"_s << QStringList{u"1:1:10.0.0.1-300"_s} << u"1-300"_s << none;
    QTest::newRow("full range with a bad end")
        << u"10.0.0.1-10.0.0.300"_s << QStringList{u"1:1:10.0.0.1-10.0.0.300"_s} << u"300 is more than 255"_s << none;
    QTest::newRow("range with three ends") << u"10.0.0.1-2-3"_s << QStringList{u"1:1:10.0.0.1-2-3"_s} << QString() << none;
    QTest::newRow("nmap ranges too many runs to hold")
        << u"0-255.0-255.0-255.1-254"_s << QStringList{u"1:1:0-255.0-255.0-255.1-254"_s} << u"CIDR"_s << none;
    QTest::newRow("IPv6 short range is not supported")
        << u"2001:db8::1-ff"_s << QStringList{u"1:1:2001:db8::1-ff"_s} << u"two full addresses"_s << none;
    QTest::newRow("IPv6 range across zones")
        << u"fe80::1%eth0-fe80::2%eth1"_s << QStringList{u"1:1:fe80::1%eth0-fe80::2%eth1"_s} << u"different zones"_s << none;
    QTest::newRow("IPv6 with a bad group") << u"2001:db8::g"_s << QStringList{u"1:1:2001:db8::g"_s} << u"IPv6"_s << none;
    QTest::newRow("IPv6 with an empty zone") << u"fe80::1%"_s << QStringList{u"1:1:fe80::1%"_s} << u"IPv6"_s << none;
    QTest::newRow("IPv6 in brackets") << u"[::1]"_s << QStringList{u"1:1:[::1]"_s} << QString() << none;
    QTest::newRow("address with a port") << u"10.0.0.1:80"_s << QStringList{u"1:1:10.0.0.1:80"_s} << u"port"_s << none;
    QTest::newRow("option-like token") << u"10.0.0.1 -v"_s << QStringList{u"1:10:-v"_s} << u"option"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("negative-looking address is an option, not a range end")
        << u"-10.0.0.1"_s << QStringList{u"1:1:-10.0.0.1"_s} << u"option"_s << none;
    QTest::newRow("lone dash after an address") << u"10.0.0.1 -"_s << QStringList{u"1:10:-"_s} << u"option"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("bang alone") << u"!"_s << QStringList{u"1:1:!"_s} << u"after the '!'"_s << none;
    QTest::newRow("Router#show is one bad token, not a comment")
        << u"Router#show"_s << QStringList{u"1:1:Router#show"_s} << u"'#'"_s << none;
    QTest::newRow("hash after a comma is not a comment")
        << u"10.0.0.1,#x"_s << QStringList{u"1:10:#x"_s} << u"'#'"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("host name part starting with '-'")
        << u"a.-b.example"_s << QStringList{u"1:1:a.-b.example"_s} << u"starts or ends with '-'"_s << none;
    QTest::newRow("host name part ending with '-'")
        << u"a-.example"_s << QStringList{u"1:1:a-.example"_s} << u"starts or ends with '-'"_s << none;
    QTest::newRow("host name part longer than 63")
        << QString(QString(64, u'a') + u".example") << QStringList{QString(u"1:1:"_s + QString(64, u'a') + u".example")}
        << u"63"_s << none;
    QTest::newRow("host name longer than 253")
        << QString(QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(63, u'c') + u'.' + QString(62, u'd'))
        << QStringList{QString(u"1:1:"_s + QString(63, u'a') + u'.' + QString(15, u'b') + u'\u2026')}
        << u"253"_s << none;
    QTest::newRow("empty part between dots") << u"a..example"_s << QStringList{u"1:1:a..example"_s} << u"empty part"_s << none;
    QTest::newRow("underscore in a host name") << u"my_host"_s << QStringList{u"1:1:my_host"_s} << u"'_'"_s << none;
    QTest::newRow("non-ASCII host name") << u"b\u00fccher.example"_s << QStringList{u"1:1:b\u00fccher.example"_s} << u"'\u00fc'"_s << none;
    QTest::newRow("all-digit last label") << u"host.123"_s << QStringList{u"1:1:host.123"_s} << u"not an address"_s << none;
    QTest::newRow("every bad token reported, good ones kept")
        << u"1.2.3, 10.0.0.1, -x\n10.0.0.2 ::g"_s << QStringList{u"1:1:1.2.3"_s, u"1:18:-x"_s, u"2:10:::g"_s}
        << QString() << QStringList{u"10.0.0.1"_s, u"10.0.0.2"_s};
    QTest::newRow("long token shortened in the report")
        << QString(200, u'1') << QStringList{QString(u"1:1:"_s + QString(79, u'1') + u'\u2026')} << QString() << none;
}

void TestTargetParser::typedErrors()
{
    QFETCH(QString, input);
    QFETCH(QStringList, issues);
    QFETCH(QString, message);
    QFETCH(QStringList, kept);

    const TargetParseResult result = TargetParser::parseTyped(input);
    QVERIFY(!result.ok());
    QCOMPARE(issueKeys(result), issues);
    QCOMPARE(result.issueCount, int(issues.size()));
    QVERIFY2(result.issues.front().message.contains(message), qPrintable(result.issues.front().message));
    QCOMPARE(targetsOf(result.targets), kept);
}

void TestTargetParser::issueText()
{
    const TargetIssue typed{3, 7, u"300.1.1.1"_s, u"is not an IPv4 address: 300 is more than 255"_s, QString()};
    QCOMPARE(typed.toString(), u"line 3, column 7: '300.1.1.1' is not an IPv4 address: 300 is more than 255"_s);
    const TargetIssue fromFile{3, 7, u"x"_s, u"is bad"_s, u"hosts.txt"_s};
    QCOMPARE(fromFile.toString(), u"hosts.txt: line 3, column 7: 'x' is bad"_s);
    const SkippedLine skipped{4, u"Name,Owner"_s, u"no address"_s};
    QCOMPARE(skipped.toString(), u"line 4 skipped (Name,Owner): no address"_s);
}

void TestTargetParser::octetRangesHaveABudget()
{
    // Each of these is 65536 runs of one address; the input may ask for four of them.
    const QString five = u"10.0-255.0-255.1 11.0-255.0-255.1 12.0-255.0-255.1 13.0-255.0-255.1 14.0-255.0-255.1"_s;
    const TargetParseResult typed = TargetParser::parseTyped(five);
    QCOMPARE(issueKeys(typed), QStringList{u"1:69:14.0-255.0-255.1"_s});
    QVERIFY(typed.issues.front().message.contains(u"CIDR"_s));
    QCOMPARE(typed.targets.size(), quint64(4 * 65536));

    QString lines = five;
    lines.replace(u' ', u'\n');
    const TargetParseResult file = TargetParser::parseFileText(lines);
    QCOMPARE(issueKeys(file), QStringList{u"5:1:14.0-255.0-255.1"_s});
    QCOMPARE(file.targets.size(), quint64(4 * 65536));
}

QTEST_GUILESS_MAIN(TestTargetParser)
