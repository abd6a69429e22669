#include "pingoutputparser.h"

#include <QList>
#include <QRegularExpression>
#include <QStringView>

#include <algorithm>
#include <cmath>

namespace ps {

namespace {

// Static regular expressions are shared by the executor's worker threads: matching on a const
// QRegularExpression is thread-safe (the lazy compile is guarded by a mutex inside Qt).
QRegularExpression re(const char16_t *pattern)
{
    return QRegularExpression(QString::fromUtf16(pattern));
}

std::optional<int> toInt(const QString &digits)
{
    bool ok = false;
    const int value = digits.toInt(&ok);
    return ok && value >= 0 ? std::optional<int>(value) : std::nullopt;
}

std::optional<double> toMs(const QString &number)
{
    bool ok = false;
    const double value = number.toDouble(&ok);
    return ok && std::isfinite(value) && value >= 0 ? std::optional<double>(value) : std::nullopt;
}

struct Reply
{
    std::optional<double> ms;
    std::optional<int> ttl;
    bool duplicate = false;
};

// Everything the line scanners collect before the summary is put together.
struct Scan
{
    QList<Reply> replies;
    int errorReplies = 0;             // ICMP error lines (iputils "From …", BSD "92 bytes from …: …")
    std::optional<int> transmitted;   // from the statistics block
    std::optional<int> received;
    std::optional<int> duplicates;
    std::optional<int> errors;
    std::optional<double> rttMin, rttAvg, rttMax;
    QString error;
    PingErrorKind errorKind = PingErrorKind::None;
    int errorRank = 0;                // see noteError()
};

PingErrorKind classify(const QString &phrase)
{
    if (phrase.contains(u"unreachable", Qt::CaseInsensitive))
        return PingErrorKind::Unreachable;
    if (phrase.contains(u"time to live exceeded", Qt::CaseInsensitive)
        || phrase.contains(u"ttl expired", Qt::CaseInsensitive))
        return PingErrorKind::TtlExceeded;
    if (phrase.contains(u"timed out", Qt::CaseInsensitive)
        || phrase.contains(u"timeout", Qt::CaseInsensitive))
        return PingErrorKind::TimedOut;
    return PingErrorKind::Other;
}

// The first message of the most telling kind wins: a fatal "ping: …" line (nothing was sent)
// over an ICMP error from a router (it says why) over a bare timeout (it only says "nothing").
void noteError(Scan *scan, int rank, PingErrorKind kind, const QString &text)
{
    if (rank <= scan->errorRank)
        return;
    scan->errorRank = rank;
    scan->errorKind = kind;
    scan->error = text;
}

enum ErrorRank { RankTimeout = 1, RankIcmp = 2, RankFatal = 3 };

void noteIcmpError(Scan *scan, QString phrase, const QString &source)
{
    ++scan->errorReplies;
    while (phrase.endsWith(u'.'))
        phrase.chop(1);
    phrase = phrase.trimmed();
    const QString text = source.isEmpty() ? phrase : QStringLiteral("%1 (from %2)").arg(phrase, source);
    noteError(scan, RankIcmp, classify(phrase), text);
}

// "host (10.0.0.1)" → "10.0.0.1"; a bare address stays as it is.
QString addressOf(const QString &from)
{
    static const QRegularExpression inParens = re(uR"(\(([^()]+)\)\s*$)");
    const QRegularExpressionMatch m = inParens.match(from);
    return m.hasMatch() ? m.captured(1) : from.trimmed();
}

void parseReplyDetails(const QString &rest, Reply *reply)
{
    static const QRegularExpression ttl = re(uR"(\b(?:ttl|hlim)=(\d+))");
    static const QRegularExpression time = re(uR"(\btime[=<]([0-9.]+) ?ms)");
    const QRegularExpressionMatch t = ttl.match(rest);
    if (t.hasMatch())
        reply->ttl = toInt(t.captured(1));
    const QRegularExpressionMatch ms = time.match(rest);
    if (ms.hasMatch())
        reply->ms = toMs(ms.captured(1));
    reply->duplicate = rest.contains(u"(DUP!)");
}

// One grammar serves iputils, BusyBox and BSD: they descend from the same 1983 ping and differ
// in details each regular expression below allows for (noted per line). A line that matches
// nothing (the BSD IP-header dump, iputils "Redirect" notes, blank lines) is skipped.
void scanUnixLine(const QString &line, Scan *scan)
{
    // "3 packets transmitted, 3 received, +2 duplicates, +3 errors, 0% packet loss, time 405ms"
    // (iputils); "2 packets transmitted, 2 packets received, 1 duplicates, 0% packet loss"
    // (BusyBox, no '+'); "… packets received, +1 duplicates, 0.0% packet loss" (BSD).
    static const QRegularExpression counts =
        re(uR"(^(\d+) packets transmitted, (\d+) (?:packets )?received\b(.*)$)");
    static const QRegularExpression duplicates = re(uR"(\+?(\d+) duplicates)");
    static const QRegularExpression errors = re(uR"(\+(\d+) errors)");
    // "rtt min/avg/max/mdev = …" (iputils), "round-trip min/avg/max = …" (BusyBox),
    // "round-trip min/avg/max/stddev = …" (macOS, FreeBSD; "std-dev" in ping6).
    static const QRegularExpression rtt = re(
        uR"(^(?:rtt|round-trip)(?: \(ms\))?\s+min/avg/max(?:/[\w-]+)? = ([0-9.]+)/([0-9.]+)/([0-9.]+))");
    // "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.084 ms", BusyBox "…: seq=0 ttl=64 …",
    // macOS ping6 "16 bytes from ::1, icmp_seq=0 hlim=64 time=0.071 ms", "… (DUP!)".
    static const QRegularExpression reply = re(uR"(^\d+ bytes from (.+?)[:,] (?:icmp_)?seq=\d+(.*)$)");
    // BSD ICMP errors: "92 bytes from 10.0.0.1: Destination Host Unreachable".
    static const QRegularExpression bsdError = re(uR"(^\d+ bytes from (.+?): (.+)$)");
    // iputils ICMP errors: "From 10.0.0.1 icmp_seq=1 Destination Host Unreachable", with a
    // name: "From gw (10.0.0.1) icmp_seq=1 Time to live exceeded".
    static const QRegularExpression iputilsError =
        re(uR"(^From (\S+?)(?: \(([^)]*)\))?:? icmp_seq=\d+ (.+)$)");
    // macOS: "Request timeout for icmp_seq 0".
    static const QRegularExpression bsdTimeout = re(uR"(^Request timeout for icmp_seq \d+)");
    // The program name as started: "ping: …", or "/usr/bin/ping: …" when run by full path.
    static const QRegularExpression fatal = re(uR"(^(?:\S*/)?ping6?: (.+)$)");

    QRegularExpressionMatch m = counts.match(line);
    if (m.hasMatch()) {
        scan->transmitted = toInt(m.captured(1));
        scan->received = toInt(m.captured(2));
        const QString rest = m.captured(3);
        const QRegularExpressionMatch dup = duplicates.match(rest);
        if (dup.hasMatch())
            scan->duplicates = toInt(dup.captured(1));
        const QRegularExpressionMatch err = errors.match(rest);
        if (err.hasMatch())
            scan->errors = toInt(err.captured(1));
        return;
    }
    m = rtt.match(line);
    if (m.hasMatch()) {
        scan->rttMin = toMs(m.captured(1));
        scan->rttAvg = toMs(m.captured(2));
        scan->rttMax = toMs(m.captured(3));
        return;
    }
    m = reply.match(line);
    if (m.hasMatch()) {
        Reply r;
        parseReplyDetails(m.captured(2), &r);
        scan->replies.append(r);
        return;
    }
    m = bsdError.match(line);
    if (m.hasMatch()) {
        noteIcmpError(scan, m.captured(2), addressOf(m.captured(1)));
        return;
    }
    m = iputilsError.match(line);
    if (m.hasMatch()) {
        const QString phrase = m.captured(3);
        if (phrase.startsWith(u"Redirect"))  // a routing hint, the echo still got through
            return;
        noteIcmpError(scan, phrase, m.captured(2).isEmpty() ? m.captured(1) : m.captured(2));
        return;
    }
    if (bsdTimeout.match(line).hasMatch()) {
        noteError(scan, RankTimeout, PingErrorKind::TimedOut, QStringLiteral("Request timed out"));
        return;
    }
    m = fatal.match(line);
    if (m.hasMatch()) {
        // "ping: nonexistent.invalid: Name or service not known" (iputils, glibc's words),
        // "ping: bad address 'x'" (BusyBox), "ping: cannot resolve x: Unknown host" (BSD),
        // "ping: unknown host x" (old iputils, inetutils); anything else is fatal too.
        static const QRegularExpression unknownHost = re(
            uR"(^(?:cannot resolve |bad address |unknown host )|: (?:Name or service not known|Temporary failure in name resolution|No address associated with hostname|nodename nor servname provided, or not known|Name does not resolve|Unknown host)$)");
        const QString text = m.captured(1).trimmed();
        const PingErrorKind kind =
            unknownHost.match(text).hasMatch() ? PingErrorKind::UnknownHost : classify(text);
        noteError(scan, RankFatal, kind == PingErrorKind::TimedOut ? PingErrorKind::Other : kind, text);
    }
}

void scanWindowsLine(const QString &line, Scan *scan)
{
    // "Reply from 127.0.0.1: bytes=32 time<1ms TTL=128", IPv6 "Reply from ::1: time<1ms";
    // ICMP errors come as replies too: "Reply from 10.0.0.1: Destination host unreachable."
    static const QRegularExpression reply = re(uR"(^Reply from (.+?): (.*)$)");
    static const QRegularExpression time = re(uR"(\btime[=<](\d+)ms)");
    static const QRegularExpression ttl = re(uR"(\bTTL=(\d+))");
    static const QRegularExpression counts =
        re(uR"(^Packets: Sent = (\d+), Received = (\d+), Lost = (\d+))");
    static const QRegularExpression rtt =
        re(uR"(^Minimum = (\d+)ms, Maximum = (\d+)ms, Average = (\d+)ms)");
    static const QRegularExpression notFound =
        re(uR"(^Ping request could not find host (.+?)\. Please check the name and try again)");

    QRegularExpressionMatch m = reply.match(line);
    if (m.hasMatch()) {
        const QString rest = m.captured(2);
        const QRegularExpressionMatch t = time.match(rest);
        if (!t.hasMatch()) {
            if (!rest.startsWith(u"bytes="))  // else an echo reply cut off before its time
                noteIcmpError(scan, rest, m.captured(1));
            return;
        }
        Reply r;
        // "time<1ms" counts as 0 ms, as Windows' own summary line does ("Minimum = 0ms").
        r.ms = toMs(t.captured(1));
        const QRegularExpressionMatch tt = ttl.match(rest);
        if (tt.hasMatch())
            r.ttl = toInt(tt.captured(1));
        scan->replies.append(r);
        return;
    }
    if (line.startsWith(u"Request timed out")) {
        noteError(scan, RankTimeout, PingErrorKind::TimedOut, QStringLiteral("Request timed out"));
        return;
    }
    m = counts.match(line);
    if (m.hasMatch()) {
        scan->transmitted = toInt(m.captured(1));
        scan->received = toInt(m.captured(2));
        return;
    }
    m = rtt.match(line);
    if (m.hasMatch()) {
        scan->rttMin = toMs(m.captured(1));
        scan->rttMax = toMs(m.captured(2));
        scan->rttAvg = toMs(m.captured(3));
        return;
    }
    m = notFound.match(line);
    if (m.hasMatch()) {
        noteError(scan, RankFatal, PingErrorKind::UnknownHost,
                  QStringLiteral("could not find host %1").arg(m.captured(1)));
        return;
    }
    if (line.contains(u"General failure")) // "PING: transmit failed. General failure."
        noteError(scan, RankIcmp, PingErrorKind::Other, QStringLiteral("General failure"));
}

bool finish(PingFlavor flavor, const Scan &scan, PingSummary *out)
{
    out->flavor = flavor;
    out->error = scan.error;
    out->errorKind = scan.errorKind;

    int replies = 0;
    int duplicateLines = 0;
    double minMs = 0, maxMs = 0, sumMs = 0;
    int timed = 0;
    for (const Reply &r : scan.replies) {
        if (r.duplicate) {
            ++duplicateLines;
            continue;
        }
        ++replies;
        if (!out->ttl && r.ttl)
            out->ttl = r.ttl;
        if (r.ms) {
            minMs = timed ? std::min(minMs, *r.ms) : *r.ms;
            maxMs = timed ? std::max(maxMs, *r.ms) : *r.ms;
            sumMs += *r.ms;
            ++timed;
        }
    }

    out->duplicates = scan.duplicates.value_or(duplicateLines);
    out->errors = scan.errors.value_or(scan.errorReplies);
    if (scan.rttMin && scan.rttAvg && scan.rttMax) {
        out->rttMinMs = scan.rttMin;
        out->rttAvgMs = scan.rttAvg;
        out->rttMaxMs = scan.rttMax;
    } else if (timed > 0) {
        // No (readable) RTT line, e.g. the run was cut off: the reply lines still say it.
        out->rttMinMs = minMs;
        out->rttAvgMs = sumMs / timed;
        out->rttMaxMs = maxMs;
    }

    if (!scan.transmitted || !scan.received) {
        out->received = replies;
        return false;
    }
    out->transmitted = *scan.transmitted;
    int received = *scan.received;
    if (flavor == PingFlavor::Windows) {
        // Windows counts an ICMP error ("Reply from …: Destination host unreachable.") as
        // Received; an echo reply it is not.
        received -= scan.errorReplies;
    }
    out->received = std::clamp(received, 0, out->transmitted);
    if (out->received == 0) {
        // Whatever a dead run printed about times is not a round trip.
        out->rttMinMs.reset();
        out->rttAvgMs.reset();
        out->rttMaxMs.reset();
    }
    return true;
}

bool containsRe(const QString &text, const QRegularExpression &pattern)
{
    return pattern.match(text).hasMatch();
}

} // namespace

bool PingOutputParser::parse(const QString &output, PingSummary *out)
{
    return parse(detectFlavor(output).value_or(Flavor::LinuxIputils), output, out);
}

bool PingOutputParser::parse(Flavor flavor, const QString &output, PingSummary *out)
{
    *out = PingSummary();
    Scan scan;
    for (QStringView raw : QStringView(output).split(u'\n')) {
        const QString line = raw.trimmed().toString();  // also drops Windows' '\r'
        if (line.isEmpty())
            continue;
        if (flavor == Flavor::Windows)
            scanWindowsLine(line, &scan);
        else
            scanUnixLine(line, &scan);
    }
    return finish(flavor, scan, out);
}

std::optional<PingOutputParser::Flavor> PingOutputParser::detectFlavor(const QString &output)
{
    static const QRegularExpression windows = re(
        uR"((?m)^\s*(?:Pinging \S|Reply from \S|Request timed out|Ping statistics for |Packets: Sent = |Ping request could not find host))");
    // iputils: "3 received" without "packets", the "56(84) bytes of data." header, "rtt" and
    // "From X icmp_seq=" lines, glibc's resolver messages.
    static const QRegularExpression iputils = re(
        uR"((?m)\d+ packets transmitted, \d+ received|bytes of data\.|^rtt min/|^From \S+.* icmp_seq=\d|: (?:Name or service not known|Temporary failure in name resolution)$)");
    // BusyBox: "seq=0" (no "icmp_"), "bad address 'x'".
    static const QRegularExpression busybox = re(uR"((?m)\bseq=\d|^ping: bad address ')");
    static const QRegularExpression bsd = re(
        uR"((?m)icmp_seq|/std-?dev = |Request timeout for|^PING6\(|ping6 statistics|cannot resolve )");
    static const QRegularExpression decimalLoss = re(uR"(\d\.\d+% packet loss)");

    if (containsRe(output, windows))
        return Flavor::Windows;
    if (containsRe(output, iputils))
        return Flavor::LinuxIputils;
    if (containsRe(output, busybox))
        return Flavor::BusyBox;
    if (containsRe(output, bsd))
        return Flavor::Bsd;
    if (output.contains(u"packets received"))
        return containsRe(output, decimalLoss) ? Flavor::Bsd : Flavor::BusyBox;
    return std::nullopt;
}

QString PingOutputParser::flavorName(Flavor flavor)
{
    switch (flavor) {
    case Flavor::LinuxIputils: return QStringLiteral("iputils");
    case Flavor::BusyBox: return QStringLiteral("busybox");
    case Flavor::Bsd: return QStringLiteral("bsd");
    case Flavor::Windows: return QStringLiteral("windows");
    }
    return QString();
}

} // namespace ps
