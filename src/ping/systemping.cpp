#include "systemping.h"

#include "targetvalidation.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>

#include <arpa/inet.h>

namespace ps {

namespace {

QString seconds(int ms)
{
    return QString::number(std::max(ms, 1) / 1000.0, 'f', 3);
}

// "::1", "fe80::1%eth0": ping needs -6 for these. The scope is ping's to check.
bool isIpv6Literal(const QString &target)
{
    in6_addr address{};
    return ::inet_pton(AF_INET6, target.section(u'%', 0, 0).toLatin1().constData(), &address) == 1;
}

PingFlavor platformFlavor()
{
#if defined(Q_OS_WIN)
    return PingFlavor::Windows;
#elif defined(Q_OS_DARWIN) || defined(Q_OS_FREEBSD) || defined(Q_OS_NETBSD) || defined(Q_OS_OPENBSD)
    return PingFlavor::Bsd;
#else
    return PingFlavor::LinuxIputils;
#endif
}

} // namespace

QString SystemPing::program()
{
    QString onPath = QStandardPaths::findExecutable(QStringLiteral("ping"));
    if (!onPath.isEmpty())
        return onPath;
    return QStandardPaths::findExecutable(
        QStringLiteral("ping"),
        {QStringLiteral("/bin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin"),
         QStringLiteral("/usr/sbin")});
}

PingFlavor SystemPing::flavorOf(const QString &program)
{
    // Alpine and most embedded systems link /bin/ping to the busybox binary; its options
    // differ from iputils' (-W takes whole seconds only).
    if (QFileInfo(program).canonicalFilePath().endsWith(QStringLiteral("/busybox")))
        return PingFlavor::BusyBox;
    return platformFlavor();
}

QStringList SystemPing::arguments(const ProbeRequest &request, PingFlavor flavor)
{
    const int count = std::max(1, request.count);
    const bool ipv6 = isIpv6Literal(request.target);
    QStringList args;
    switch (flavor) {
    case PingFlavor::LinuxIputils:
        // -W and -i take (fractional) seconds; -n: no reverse lookups, whose output we do not
        // read and whose DNS traffic a sweep should not cause. One `ping` does both families
        // since iputils 20190324; -6 makes a literal's family explicit for older ones too.
        args << QStringLiteral("-n") << QStringLiteral("-c") << QString::number(count)
             << QStringLiteral("-W") << seconds(request.timeoutMs);
        if (count > 1) // below 200 ms iputils refuses to run for non-root users
            args << QStringLiteral("-i") << seconds(std::max(request.intervalMs, 200));
        if (ipv6)
            args << QStringLiteral("-6");
        args << QStringLiteral("--") << request.target;
        break;
    case PingFlavor::BusyBox:
        // BusyBox rejects a fractional -W ("invalid number '1.000'"): round up to seconds.
        args << QStringLiteral("-c") << QString::number(count) << QStringLiteral("-W")
             << QString::number(std::max(1, (request.timeoutMs + 999) / 1000));
        if (count > 1)
            args << QStringLiteral("-i") << seconds(std::max(request.intervalMs, 200));
        if (ipv6)
            args << QStringLiteral("-6");
        args << QStringLiteral("--") << request.target;
        break;
    case PingFlavor::Bsd:
        // macOS and FreeBSD: -W is the wait for each reply in milliseconds; an interval below
        // one second is for the super-user only. FreeBSD 13+ pings IPv6 with -6; macOS needs
        // ping6 instead (not handled: the native ICMP engine is the way there).
        args << QStringLiteral("-n") << QStringLiteral("-c") << QString::number(count)
             << QStringLiteral("-W") << QString::number(std::max(1, request.timeoutMs));
        if (count > 1)
            args << QStringLiteral("-i") << seconds(std::max(request.intervalMs, 1000));
        if (ipv6)
            args << QStringLiteral("-6");
        args << QStringLiteral("--") << request.target;
        break;
    case PingFlavor::Windows:
        // -n count, -w timeout in ms; the interval is fixed at one second. Windows ping has no
        // "--": the target validation (no leading '-' or '/') is what keeps it an operand.
        args << QStringLiteral("-n") << QString::number(count) << QStringLiteral("-w")
             << QString::number(std::max(1, request.timeoutMs));
        if (ipv6)
            args << QStringLiteral("-6");
        args << request.target;
        break;
    }
    return args;
}

HostResult SystemPing::probe(const ProbeRequest &request)
{
    HostResult result;
    result.address = request.target;
    result.method = QStringLiteral("system");
    const QString invalid = validateProbeTarget(request.target);
    if (!invalid.isEmpty()) {
        result.status = HostResult::Status::Error;
        result.error = invalid;
        return result;
    }
    const QString ping = program();
    if (ping.isEmpty()) {
        result.status = HostResult::Status::Error;
        result.error = QStringLiteral("no 'ping' command found");
        return result;
    }
    const PingFlavor flavor = flavorOf(ping);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(ping, arguments(request, flavor));
    const int count = std::max(1, request.count);
    const int budgetMs = count * (request.timeoutMs + request.intervalMs) + 2000;
    bool killed = false;
    if (!process.waitForFinished(budgetMs)) {
        if (process.error() == QProcess::FailedToStart) {
            result.status = HostResult::Status::Error;
            result.error = QStringLiteral("could not run %1: %2").arg(ping, process.errorString());
            return result;
        }
        process.kill();
        process.waitForFinished(1000);
        killed = true;
    }
    const QString output = QString::fromLocal8Bit(process.readAll());
    PingSummary summary;
    if (!PingOutputParser::parse(output, &summary)) {
        if (summary.received > 0) {
            // Cut off before its statistics (we killed it): the replies seen still count.
            result.status = HostResult::Status::Alive;
            result.sent = std::max(count, summary.received);
            result.received = summary.received;
            result.rttMinMs = summary.rttMinMs;
            result.rttAvgMs = summary.rttAvgMs;
            result.rttMaxMs = summary.rttMaxMs;
            result.ttl = summary.ttl;
            result.error = QStringLiteral("ping was stopped after %1 ms before its summary").arg(budgetMs);
            return result;
        }
        result.status = HostResult::Status::Error;
        result.error = summary.error;
        if (result.error.isEmpty())
            result.error = output.trimmed().section(u'\n', 0, 0).trimmed();
        if (killed)
            result.error = QStringLiteral("ping did not finish within %1 ms").arg(budgetMs);
        else if (result.error.isEmpty())
            result.error = QStringLiteral("ping gave no summary (exit code %1)").arg(process.exitCode());
        return result;
    }
    result.sent = summary.transmitted;
    result.received = summary.received;
    result.rttMinMs = summary.rttMinMs;
    result.rttAvgMs = summary.rttAvgMs;
    result.rttMaxMs = summary.rttMaxMs;
    result.ttl = summary.ttl;
    result.status = summary.received > 0 ? HostResult::Status::Alive : HostResult::Status::Dead;
    if (summary.received == 0)
        result.error = summary.error.isEmpty() ? QStringLiteral("no reply") : summary.error;
    return result;
}

} // namespace ps
