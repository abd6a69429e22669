#pragma once

#include <QString>

#include <optional>

namespace ps {

// What a system ping printed, reduced to the numbers we report.
struct PingSummary
{
    int transmitted = 0;
    int received = 0;
    std::optional<double> rttMinMs;
    std::optional<double> rttAvgMs;
    std::optional<double> rttMaxMs;
    std::optional<int> ttl;      // from the first reply line
    QString error;               // e.g. "Destination Host Unreachable", "unknown host"
};

// Parsers for the output formats of the system ping commands (run with LC_ALL=C).
class PingOutputParser
{
public:
    enum class Flavor { LinuxIputils, BusyBox, Bsd, Windows };

    // Picks the parser from the output's own shape; false if no summary was found.
    static bool parse(const QString &output, PingSummary *out);
    static bool parse(Flavor flavor, const QString &output, PingSummary *out);
};

} // namespace ps
