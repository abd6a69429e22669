#pragma once

#include <QString>

#include <optional>

namespace ps {

// The system ping commands we can read: Linux iputils, BusyBox (Alpine, embedded), macOS and the
// BSDs (also GNU inetutils, which prints the BSD format), and Windows (English output).
enum class PingFlavor { LinuxIputils, BusyBox, Bsd, Windows };

// What kind of trouble the output reports; decides between "dead" and "error" upstream.
enum class PingErrorKind {
    None,
    TimedOut,     // "Request timed out." (Windows), "Request timeout for icmp_seq 0" (macOS)
    Unreachable,  // ICMP destination unreachable of any code
    TtlExceeded,  // "Time to live exceeded" / "TTL expired in transit"
    UnknownHost,  // the name did not resolve; ping sent nothing
    Other,        // any other ICMP error or a fatal "ping: …" message
};

// What a system ping printed, reduced to the numbers we report.
struct PingSummary
{
    PingFlavor flavor = PingFlavor::LinuxIputils;
    int transmitted = 0;
    int received = 0;            // distinct echo replies, never more than transmitted
    int duplicates = 0;          // "(DUP!)" replies, not counted in received
    int errors = 0;              // ICMP error replies (they are not echo replies)
    std::optional<double> rttMinMs;
    std::optional<double> rttAvgMs;
    std::optional<double> rttMaxMs;
    std::optional<int> ttl;      // from the first echo reply (IPv6: the hop limit)
    QString error;               // e.g. "Destination Host Unreachable (from 10.0.0.1)"
    PingErrorKind errorKind = PingErrorKind::None;
};

// Parsers for the output formats of the system ping commands (run with LC_ALL=C, so one format
// per tool). Both calls return false when the output has no statistics block (unknown host,
// a bad option, a run killed half way); `out` then still holds what the lines before showed:
// the error, and the replies seen so far in `received`, `ttl` and the RTT fields, while
// `transmitted` stays 0. Nothing in the input can make them crash or loop.
class PingOutputParser
{
public:
    using Flavor = PingFlavor;

    // Picks the flavour from the output's own shape (falls back to Linux iputils).
    static bool parse(const QString &output, PingSummary *out);
    static bool parse(Flavor flavor, const QString &output, PingSummary *out);

    // The flavour whose marks the output carries, or nullopt if it shows none.
    static std::optional<Flavor> detectFlavor(const QString &output);
    static QString flavorName(Flavor flavor);
};

} // namespace ps
