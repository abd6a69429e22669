// SocketAddress: the ping layer's address type. Parsing only, and names from /etc/hosts
// ("localhost"): nothing here sends a packet or asks a DNS server.
#include "socketaddress.h"

#include <QTest>

#include <net/if.h>
#include <netinet/in.h>

using ps::SocketAddress;

class TestSocketAddress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void literals_data();
    void literals();
    void sockaddrRoundTrip();
    void sameHostIgnoresPortsAndScopes();
    void resolve_data();
    void resolve();
};

void TestSocketAddress::literals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("family");       // AF_UNSPEC: not a literal
    QTest::addColumn<QString>("printed");

    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1") << int(AF_INET) << QStringLiteral("127.0.0.1");
    QTest::newRow("IPv4 broadcast") << QStringLiteral("255.255.255.255") << int(AF_INET)
                                    << QStringLiteral("255.255.255.255");
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << int(AF_INET6) << QStringLiteral("::1");
    QTest::newRow("IPv6, printed compressed") << QStringLiteral("2001:db8:0:0:0:0:0:1") << int(AF_INET6)
                                              << QStringLiteral("2001:db8::1");
    QTest::newRow("IPv4-mapped IPv6") << QStringLiteral("::ffff:127.0.0.1") << int(AF_INET6)
                                      << QStringLiteral("::ffff:127.0.0.1");
    QTest::newRow("scope by interface name") << QStringLiteral("fe80::1%lo") << int(AF_INET6)
                                             << QStringLiteral("fe80::1%lo");
    QTest::newRow("scope by interface index") << QStringLiteral("fe80::1%1") << int(AF_INET6)
                                              << QStringLiteral("fe80::1%lo");
    QTest::newRow("scope of no interface") << QStringLiteral("fe80::1%nosuchif0") << int(AF_UNSPEC) << QString();
    QTest::newRow("inet_aton shorthand is not an address") << QStringLiteral("127.1") << int(AF_UNSPEC) << QString();
    QTest::newRow("hex is not an address") << QStringLiteral("0x7f000001") << int(AF_UNSPEC) << QString();
    QTest::newRow("five parts") << QStringLiteral("1.2.3.4.5") << int(AF_UNSPEC) << QString();
    QTest::newRow("octet over 255") << QStringLiteral("127.0.0.256") << int(AF_UNSPEC) << QString();
    QTest::newRow("two ::") << QStringLiteral("1::2::3") << int(AF_UNSPEC) << QString();
    QTest::newRow("a host name") << QStringLiteral("localhost") << int(AF_UNSPEC) << QString();
    QTest::newRow("empty") << QString() << int(AF_UNSPEC) << QString();
}

void TestSocketAddress::literals()
{
    QFETCH(QString, text);
    QFETCH(int, family);
    QFETCH(QString, printed);
    if (text.endsWith(u"%lo") || text.endsWith(u"%1")) {
        if (::if_nametoindex("lo") != 1)
            QSKIP("the loopback interface is not index 1 here");
    }
    const std::optional<SocketAddress> a = SocketAddress::fromLiteral(text);
    QCOMPARE(a.has_value(), family != AF_UNSPEC);
    if (!a)
        return;
    QCOMPARE(a->family(), family);
    QCOMPARE(a->isIpv4(), family == AF_INET);
    QCOMPARE(a->isIpv6(), family == AF_INET6);
    QCOMPARE(a->size(), socklen_t(family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6)));
    QCOMPARE(a->toString(), printed);
}

void TestSocketAddress::sockaddrRoundTrip()
{
    const SocketAddress v4 = SocketAddress::fromIpv4(0x7f000102);
    QCOMPARE(v4.toString(), QStringLiteral("127.0.1.2"));
    const SocketAddress copy = SocketAddress::fromSockaddr(v4.data(), v4.size());
    QVERIFY(copy.sameHost(v4));
    QCOMPARE(copy.toString(), v4.toString());

    const unsigned char loopback6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    QCOMPARE(SocketAddress::fromIpv6(loopback6).toString(), QStringLiteral("::1"));

    // Too short for its family, or no family at all: a null address, not garbage.
    QVERIFY(SocketAddress::fromSockaddr(v4.data(), sizeof(sockaddr_in) - 1).isNull());
    sockaddr_storage empty{};
    QVERIFY(SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&empty), sizeof empty).isNull());
    QVERIFY(SocketAddress().isNull());
    QCOMPARE(SocketAddress().toString(), QString());
}

void TestSocketAddress::sameHostIgnoresPortsAndScopes()
{
    SocketAddress a = SocketAddress::fromLiteral(QStringLiteral("127.0.0.1")).value();
    SocketAddress b = a;
    b.setPort(80);
    QVERIFY(a.sameHost(b));
    QVERIFY(!a.sameHost(SocketAddress::fromLiteral(QStringLiteral("127.0.0.2")).value()));
    QVERIFY(!a.sameHost(SocketAddress::fromLiteral(QStringLiteral("::ffff:127.0.0.1")).value()));
    QVERIFY(!a.sameHost(SocketAddress()));
    if (::if_nametoindex("lo") != 0) {
        const SocketAddress scoped = SocketAddress::fromLiteral(QStringLiteral("fe80::1%lo")).value();
        const SocketAddress plain = SocketAddress::fromLiteral(QStringLiteral("fe80::1")).value();
        QVERIFY(scoped.sameHost(plain));
    }
}

void TestSocketAddress::resolve_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("preference");
    QTest::addColumn<QString>("address");  // empty: an error
    QTest::addColumn<QString>("error");    // a part of it

    const int ipv4 = int(SocketAddress::Preference::Ipv4);
    const int resolver = int(SocketAddress::Preference::Resolver);
    QTest::newRow("IPv4 literal passes through") << QStringLiteral("127.0.0.9") << ipv4 << QStringLiteral("127.0.0.9") << QString();
    QTest::newRow("IPv6 literal passes through, even preferring IPv4")
        << QStringLiteral("::1") << ipv4 << QStringLiteral("::1") << QString();
    QTest::newRow("localhost (/etc/hosts), IPv4 preferred") << QStringLiteral("localhost") << ipv4
                                                            << QStringLiteral("127.0.0.1") << QString();
    QTest::newRow("localhost (/etc/hosts), resolver's order") << QStringLiteral("localhost") << resolver
                                                              << QStringLiteral("*") << QString();
    QTest::newRow("option-like: refused before any lookup") << QStringLiteral("-c5") << ipv4 << QString()
                                                            << QStringLiteral("starts with '-'");
    QTest::newRow("a space: no host has one") << QStringLiteral("local host") << ipv4 << QString()
                                              << QStringLiteral("U+0020");
    QTest::newRow("empty") << QString() << ipv4 << QString() << QStringLiteral("empty target");
}

void TestSocketAddress::resolve()
{
    QFETCH(QString, target);
    QFETCH(int, preference);
    QFETCH(QString, address);
    QFETCH(QString, error);
    QString why;
    const std::optional<SocketAddress> a
        = SocketAddress::resolve(target, SocketAddress::Preference(preference), &why);
    if (address.isEmpty()) {
        QVERIFY(!a);
        QVERIFY2(why.contains(error), qPrintable(why));
        return;
    }
    QVERIFY2(a, qPrintable(why));
    if (address == u"*")  // whichever the resolver puts first: one of localhost's
        QVERIFY2(a->toString() == u"127.0.0.1" || a->toString() == u"::1", qPrintable(a->toString()));
    else
        QCOMPARE(a->toString(), address);
}

QTEST_GUILESS_MAIN(TestSocketAddress)
#include "tst_socketaddress.moc"
