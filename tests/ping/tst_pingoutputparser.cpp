#include "pingoutputparser.h"

#include <QDir>
#include <QFile>
#include <QTest>

using ps::PingErrorKind;
using ps::PingFlavor;
using ps::PingOutputParser;
using ps::PingSummary;

Q_DECLARE_METATYPE(ps::PingFlavor)
Q_DECLARE_METATYPE(ps::PingErrorKind)

namespace {

constexpr double None = -1;  // "no value" in the table's optional columns

QString fixture(const QString &name)
{
    QFile file(QStringLiteral(":/fixtures/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixture %s missing from fixtures.qrc", qPrintable(name));
    return QString::fromUtf8(file.readAll());
}

void compareOptional(const std::optional<double> &actual, double expected, const char *what)
{
    if (expected == None) {
        QVERIFY2(!actual, qPrintable(QStringLiteral("%1 should be unset, is %2")
                                         .arg(QLatin1String(what))
                                         .arg(actual.value_or(0))));
        return;
    }
    QVERIFY2(actual, qPrintable(QStringLiteral("%1 unset, expected %2").arg(QLatin1String(what)).arg(expected)));
    QVERIFY2(qAbs(*actual - expected) < 0.0005,
             qPrintable(QStringLiteral("%1 is %2, expected %3").arg(QLatin1String(what)).arg(*actual).arg(expected)));
}

} // namespace

class TestPingOutputParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void everyPrefixOfEveryFixtureIsHarmless_data();
    void everyPrefixOfEveryFixtureIsHarmless();
    void unixGrammarIsSharedByItsFlavors();
    void windowsGrammarIgnoresUnixOutput();
};

void TestPingOutputParser::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<PingFlavor>("flavor");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("transmitted");
    QTest::addColumn<int>("received");
    QTest::addColumn<int>("duplicates");
    QTest::addColumn<int>("errors");
    QTest::addColumn<double>("rttMin");
    QTest::addColumn<double>("rttAvg");
    QTest::addColumn<double>("rttMax");
    QTest::addColumn<int>("ttl");  // -1: none
    QTest::addColumn<PingErrorKind>("errorKind");
    QTest::addColumn<QString>("error");

    const auto row = [](const char *name, const char *file, PingFlavor flavor, bool ok, int tx,
                        int rx, int dup, int err, double mn, double avg, double mx, int ttl,
                        PingErrorKind kind, const QString &error) {
        QTest::newRow(name) << QString::fromLatin1(file) << flavor << ok << tx << rx << dup << err
                            << mn << avg << mx << ttl << kind << error;
    };
    const auto L = PingFlavor::LinuxIputils;
    const auto B = PingFlavor::BusyBox;
    const auto D = PingFlavor::Bsd;
    const auto W = PingFlavor::Windows;
    const auto ok = PingErrorKind::None;
    const QString noError;

    // Linux iputils, recorded
    row("iputils: 3 of 3 replies, rtt from the summary, ttl from the first reply", "iputils-alive.txt",
        L, true, 3, 3, 0, 0, 0.040, 0.062, 0.102, 64, ok, noError);
    row("iputils: IPv6 ::1 replies carry ttl= too", "iputils-alive-ipv6.txt",
        L, true, 2, 2, 0, 0, 0.025, 0.037, 0.049, 64, ok, noError);
    row("iputils: 100% loss has no rtt and no error line", "iputils-dead.txt",
        L, true, 3, 0, 0, 0, None, None, None, -1, ok, noError);
    row("iputils: every other request dropped is 2 of 4", "iputils-partial-loss.txt",
        L, true, 4, 2, 0, 0, 0.038, 0.102, 0.166, 64, ok, noError);
    row("iputils: DUP! replies are duplicates, not received", "iputils-duplicates.txt",
        L, true, 3, 3, 2, 0, 0.042, 0.049, 0.059, 64, ok, noError);
    row("iputils: Destination Host Unreachable names its sender", "iputils-host-unreachable.txt",
        L, true, 3, 0, 0, 3, None, None, None, -1, PingErrorKind::Unreachable,
        QStringLiteral("Destination Host Unreachable (from 127.2.0.1)"));
    row("iputils: Destination Net Unreachable", "iputils-net-unreachable.txt",
        L, true, 2, 0, 0, 2, None, None, None, -1, PingErrorKind::Unreachable,
        QStringLiteral("Destination Net Unreachable (from 127.3.0.1)"));
    row("iputils: IPv6 address unreachable", "iputils-ipv6-address-unreachable.txt",
        L, true, 2, 0, 0, 2, None, None, None, -1, PingErrorKind::Unreachable,
        QStringLiteral("Destination unreachable: Address unreachable (from ::1)"));
    row("iputils: unknown host (NXDOMAIN) is no summary", "iputils-unknown-host.txt",
        L, false, 0, 0, 0, 0, None, None, None, -1, PingErrorKind::UnknownHost,
        QStringLiteral("nonexistent.invalid: Name or service not known"));
    row("iputils: unknown host (no resolver reachable)", "iputils-unknown-host-no-resolver.txt",
        L, false, 0, 0, 0, 0, None, None, None, -1, PingErrorKind::UnknownHost,
        QStringLiteral("nonexistent.invalid: Temporary failure in name resolution"));
    row("iputils: run by full path, the path prefixes its messages", "iputils-unknown-host-full-path.txt",
        L, false, 0, 0, 0, 0, None, None, None, -1, PingErrorKind::UnknownHost,
        QStringLiteral("nonexistent.invalid: Temporary failure in name resolution"));
    row("iputils: option warnings before a good run do not spoil it", "iputils-bad-option.txt",
        L, true, 1, 1, 0, 0, 0.041, 0.041, 0.041, 64, PingErrorKind::Other,
        QStringLiteral("option argument contains garbage: abc"));
    // Linux iputils, written from the documented format
    row("iputils: Time to live exceeded from a router", "iputils-ttl-exceeded.txt",
        L, true, 2, 0, 0, 2, None, None, None, -1, PingErrorKind::TtlExceeded,
        QStringLiteral("Time to live exceeded (from 192.0.2.1)"));
    row("iputils: named hosts, errors then a reply", "iputils-named-host-unreachable.txt",
        L, true, 3, 1, 0, 2, 2.47, 2.47, 2.47, 63, PingErrorKind::Unreachable,
        QStringLiteral("Destination Host Unreachable (from 192.0.2.1)"));

    // BusyBox, recorded
    row("busybox: seq= replies and round-trip min/avg/max", "busybox-alive.txt",
        B, true, 3, 3, 0, 0, 0.035, 0.056, 0.069, 64, ok, noError);
    row("busybox: IPv6 ::1", "busybox-alive-ipv6.txt",
        B, true, 2, 2, 0, 0, 0.057, 0.066, 0.075, 64, ok, noError);
    row("busybox: 100% loss", "busybox-dead.txt",
        B, true, 2, 0, 0, 0, None, None, None, -1, ok, noError);
    row("busybox: unreachable looks like loss (BusyBox prints no ICMP errors)",
        "busybox-host-unreachable.txt",
        B, true, 2, 0, 0, 0, None, None, None, -1, ok, noError);
    row("busybox: 2 of 4", "busybox-partial-loss.txt",
        B, true, 4, 2, 0, 0, 0.050, 0.057, 0.065, 64, ok, noError);
    row("busybox: duplicates without '+'", "busybox-duplicates.txt",
        B, true, 2, 2, 1, 0, 0.055, 0.069, 0.080, 64, ok, noError);
    row("busybox: bad address is an unknown host", "busybox-unknown-host.txt",
        B, false, 0, 0, 0, 0, None, None, None, -1, PingErrorKind::UnknownHost,
        QStringLiteral("bad address 'nonexistent.invalid'"));
    row("busybox: a lone usage error has no flavour marks, iputils is assumed",
        "busybox-bad-option.txt",
        L, false, 0, 0, 0, 0, None, None, None, -1, PingErrorKind::Other,
        QStringLiteral("invalid number '1.000'"));

    // macOS / FreeBSD / inetutils, written from the documented formats
    row("bsd: icmp_seq from 0, stddev", "bsd-alive.txt",
        D, true, 3, 3, 0, 0, 0.046, 0.084, 0.113, 64, ok, noError);
    row("bsd: ping6 reports hlim= as the ttl", "bsd-alive-ipv6.txt",
        D, true, 2, 2, 0, 0, 0.071, 0.096, 0.120, 64, ok, noError);
    row("bsd: macOS Request timeout lines", "bsd-dead.txt",
        D, true, 3, 0, 0, 0, None, None, None, -1, PingErrorKind::TimedOut,
        QStringLiteral("Request timed out"));
    row("bsd: FreeBSD loss without timeout lines", "bsd-dead-quiet.txt",
        D, true, 2, 0, 0, 0, None, None, None, -1, ok, noError);
    row("bsd: 2 of 5 with timeouts between", "bsd-partial-loss.txt",
        D, true, 5, 2, 0, 0, 3.218, 3.662, 4.105, 63, PingErrorKind::TimedOut,
        QStringLiteral("Request timed out"));
    row("bsd: broadcast duplicates", "bsd-duplicates.txt",
        D, true, 2, 2, 1, 0, 0.488, 0.969, 1.907, 64, ok, noError);
    row("bsd: unreachable beats the timeouts, IP header dump skipped", "bsd-host-unreachable.txt",
        D, true, 2, 0, 0, 2, None, None, None, -1, PingErrorKind::Unreachable,
        QStringLiteral("Destination Host Unreachable (from 192.0.2.1)"));
    row("bsd: Time to live exceeded", "bsd-ttl-exceeded.txt",
        D, true, 1, 0, 0, 1, None, None, None, -1, PingErrorKind::TtlExceeded,
        QStringLiteral("Time to live exceeded (from 192.0.2.1)"));
    row("bsd: cannot resolve", "bsd-unknown-host.txt",
        D, false, 0, 0, 0, 0, None, None, None, -1, PingErrorKind::UnknownHost,
        QStringLiteral("cannot resolve nonexistent.invalid: Unknown host"));
    row("inetutils: BSD format on Linux", "gnu-inetutils-alive.txt",
        D, true, 2, 2, 0, 0, 0.043, 0.052, 0.061, 64, ok, noError);

    // Windows (English), written from the documented format, CRLF
    row("windows: time<1ms is 0 ms, TTL=128", "windows-alive.txt",
        W, true, 4, 4, 0, 0, 0, 0, 0, 128, ok, noError);
    row("windows: Minimum/Maximum/Average in that order", "windows-alive-hostname.txt",
        W, true, 3, 3, 0, 0, 12, 15, 21, 57, ok, noError);
    row("windows: IPv6 replies have no TTL", "windows-alive-ipv6.txt",
        W, true, 2, 2, 0, 0, 0, 0, 0, -1, ok, noError);
    row("windows: Request timed out", "windows-dead.txt",
        W, true, 4, 0, 0, 0, None, None, None, -1, PingErrorKind::TimedOut,
        QStringLiteral("Request timed out"));
    row("windows: 2 of 4", "windows-partial-loss.txt",
        W, true, 4, 2, 0, 0, 3, 4, 5, 63, PingErrorKind::TimedOut,
        QStringLiteral("Request timed out"));
    row("windows: unreachable replies are not received, though Windows counts them",
        "windows-host-unreachable.txt",
        W, true, 4, 0, 0, 4, None, None, None, -1, PingErrorKind::Unreachable,
        QStringLiteral("Destination host unreachable (from 192.0.2.100)"));
    row("windows: TTL expired in transit", "windows-ttl-expired.txt",
        W, true, 2, 0, 0, 2, None, None, None, -1, PingErrorKind::TtlExceeded,
        QStringLiteral("TTL expired in transit (from 192.0.2.1)"));
    row("windows: General failure", "windows-general-failure.txt",
        W, true, 2, 0, 0, 0, None, None, None, -1, PingErrorKind::Other,
        QStringLiteral("General failure"));
    row("windows: could not find host", "windows-unknown-host.txt",
        W, false, 0, 0, 0, 0, None, None, None, -1, PingErrorKind::UnknownHost,
        QStringLiteral("could not find host nonexistent.invalid"));

    // Damaged output: false, with what the lines before the damage showed
    row("truncated before the summary: replies so far, rtt from them", "truncated-iputils-before-summary.txt",
        L, false, 0, 2, 0, 0, 0.046, 0.065, 0.084, 64, ok, noError);
    row("truncated inside the counts line", "truncated-iputils-mid-summary.txt",
        L, false, 0, 3, 0, 0, 0.041, 0.057, 0.084, 64, ok, noError);
    row("truncated windows, cut inside a reply line", "truncated-windows.txt",
        W, false, 0, 1, 0, 0, 3, 3, 3, 63, PingErrorKind::TimedOut,
        QStringLiteral("Request timed out"));
    row("empty output", "malformed-empty.txt",
        L, false, 0, 0, 0, 0, None, None, None, -1, ok, noError);
    row("garbage and binary bytes", "malformed-garbage.txt",
        L, false, 0, 0, 0, 0, None, None, None, -1, ok, noError);
    row("numbers beyond int are not a summary", "malformed-huge-numbers.txt",
        L, false, 0, 1, 0, 0, None, None, None, -1, ok, noError);
    row("received above transmitted is clamped", "malformed-more-received-than-sent.txt",
        L, true, 1, 1, 0, 0, 0.05, 0.05, 0.05, 64, ok, noError);
    row("unreadable rtt line: rtt from the reply lines", "malformed-rtt-unreadable.txt",
        L, true, 2, 2, 0, 0, 0.2, 0.3, 0.4, 64, ok, noError);
}

void TestPingOutputParser::fixtures()
{
    QFETCH(QString, file);
    QFETCH(PingFlavor, flavor);
    QFETCH(bool, ok);
    QFETCH(int, transmitted);
    QFETCH(int, received);
    QFETCH(int, duplicates);
    QFETCH(int, errors);
    QFETCH(double, rttMin);
    QFETCH(double, rttAvg);
    QFETCH(double, rttMax);
    QFETCH(int, ttl);
    QFETCH(PingErrorKind, errorKind);
    QFETCH(QString, error);

    const QString output = fixture(file);
    PingSummary summary;
    QCOMPARE(PingOutputParser::parse(output, &summary), ok);
    QCOMPARE(PingOutputParser::flavorName(summary.flavor), PingOutputParser::flavorName(flavor));
    QCOMPARE(summary.transmitted, transmitted);
    QCOMPARE(summary.received, received);
    QCOMPARE(summary.duplicates, duplicates);
    QCOMPARE(summary.errors, errors);
    compareOptional(summary.rttMinMs, rttMin, "rttMin");
    compareOptional(summary.rttAvgMs, rttAvg, "rttAvg");
    compareOptional(summary.rttMaxMs, rttMax, "rttMax");
    QCOMPARE(summary.ttl.value_or(-1), ttl);
    QCOMPARE(int(summary.errorKind), int(errorKind));
    QCOMPARE(summary.error, error);

    // The explicit-flavour entry point agrees with detection.
    PingSummary explicitSummary;
    QCOMPARE(PingOutputParser::parse(flavor, output, &explicitSummary), ok);
    QCOMPARE(explicitSummary.received, received);
}

void TestPingOutputParser::everyPrefixOfEveryFixtureIsHarmless_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(QStringLiteral(":/fixtures")).entryList(QDir::Files);
    QVERIFY(files.size() > 40);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

// A ping killed at any byte must give false or a summary that still adds up.
void TestPingOutputParser::everyPrefixOfEveryFixtureIsHarmless()
{
    QFETCH(QString, file);
    const QString output = fixture(file);
    for (qsizetype length = 0; length <= output.size(); ++length) {
        PingSummary summary;
        const bool ok = PingOutputParser::parse(output.left(length), &summary);
        QVERIFY(summary.received >= 0);
        QVERIFY(summary.duplicates >= 0 && summary.errors >= 0);
        if (ok)
            QVERIFY2(summary.received <= summary.transmitted, qPrintable(output.left(length)));
        else
            QCOMPARE(summary.transmitted, 0);
        if (summary.rttMinMs) {
            QVERIFY(summary.rttAvgMs && summary.rttMaxMs);
            QVERIFY(*summary.rttMinMs >= 0);
        }
    }
}

void TestPingOutputParser::unixGrammarIsSharedByItsFlavors()
{
    // Told the wrong Unix flavour, the parser still reads the numbers: they share one grammar.
    for (PingFlavor flavor : {PingFlavor::LinuxIputils, PingFlavor::BusyBox, PingFlavor::Bsd}) {
        PingSummary summary;
        QVERIFY(PingOutputParser::parse(flavor, fixture(QStringLiteral("busybox-partial-loss.txt")), &summary));
        QCOMPARE(summary.transmitted, 4);
        QCOMPARE(summary.received, 2);
        QVERIFY(summary.flavor == flavor);
    }
}

void TestPingOutputParser::windowsGrammarIgnoresUnixOutput()
{
    PingSummary summary;
    QVERIFY(!PingOutputParser::parse(PingFlavor::Windows, fixture(QStringLiteral("iputils-alive.txt")), &summary));
    QCOMPARE(summary.received, 0);
    QVERIFY(!PingOutputParser::detectFlavor(QString()));
}

QTEST_GUILESS_MAIN(TestPingOutputParser)
#include "tst_pingoutputparser.moc"
