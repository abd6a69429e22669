#include "pingoutputparser.h"

#include <QRegularExpression>

namespace ps {

namespace {

// "3 packets transmitted, 3 received, 0% packet loss" (iputils, BusyBox and BSD share it).
bool parseCounts(const QString &output, PingSummary *out)
{
    static const QRegularExpression counts(
        QStringLiteral(R"((\d+) packets transmitted, (\d+) (?:packets )?received)"));
    const QRegularExpressionMatch m = counts.match(output);
    if (!m.hasMatch())
        return false;
    out->transmitted = m.captured(1).toInt();
    out->received = m.captured(2).toInt();
    return true;
}

// "rtt min/avg/max/mdev = 0.031/0.040/0.052/0.008 ms" (iputils) or
// "round-trip min/avg/max = 0.1/0.2/0.3 ms" (BusyBox, BSD with /stddev).
void parseRtt(const QString &output, PingSummary *out)
{
    static const QRegularExpression rtt(QStringLiteral(
        R"((?:rtt|round-trip) min/avg/max(?:/(?:mdev|stddev))? = ([\d.]+)/([\d.]+)/([\d.]+))"));
    const QRegularExpressionMatch m = rtt.match(output);
    if (m.hasMatch()) {
        out->rttMinMs = m.captured(1).toDouble();
        out->rttAvgMs = m.captured(2).toDouble();
        out->rttMaxMs = m.captured(3).toDouble();
    }
}

void parseTtl(const QString &output, PingSummary *out)
{
    static const QRegularExpression ttl(QStringLiteral(R"(\bttl=(\d+))"),
                                        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = ttl.match(output);
    if (m.hasMatch())
        out->ttl = m.captured(1).toInt();
}

void parseError(const QString &output, PingSummary *out)
{
    static const QRegularExpression error(QStringLiteral(
        R"((Destination (?:Host|Net|Port|Protocol) Unreachable|Time to live exceeded|Name or service not known|unknown host|Temporary failure in name resolution))"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = error.match(output);
    if (m.hasMatch())
        out->error = m.captured(1);
}

} // namespace

bool PingOutputParser::parse(const QString &output, PingSummary *out)
{
    return parse(Flavor::LinuxIputils, output, out);
}

bool PingOutputParser::parse(Flavor flavor, const QString &output, PingSummary *out)
{
    Q_UNUSED(flavor);  // iputils, BusyBox and BSD share the summary shape; Windows: see issue 5
    *out = PingSummary();
    parseError(output, out);
    if (!parseCounts(output, out))
        return false;
    parseRtt(output, out);
    parseTtl(output, out);
    return true;
}

} // namespace ps
