#include "systemping.h"

#include "pingoutputparser.h"
#include "targetvalidation.h"

#include <QProcess>
#include <QStandardPaths>

namespace ps {

QString SystemPing::program()
{
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("ping"));
    if (!onPath.isEmpty())
        return onPath;
    return QStandardPaths::findExecutable(
        QStringLiteral("ping"),
        {QStringLiteral("/bin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin"),
         QStringLiteral("/usr/sbin")});
}

QStringList SystemPing::arguments(const ProbeRequest &request)
{
    // iputils syntax (BusyBox accepts the same flags); -W and -i take seconds.
    const auto seconds = [](int ms) { return QString::number(std::max(ms, 1) / 1000.0, 'f', 3); };
    QStringList args{QStringLiteral("-n"), QStringLiteral("-c"),
                     QString::number(std::max(1, request.count)), QStringLiteral("-W"),
                     seconds(request.timeoutMs)};
    if (request.count > 1)
        args << QStringLiteral("-i") << seconds(std::max(request.intervalMs, 200));
    args << QStringLiteral("--") << request.target;
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
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(ping, arguments(request));
    const int budgetMs = std::max(1, request.count) * (request.timeoutMs + request.intervalMs) + 2000;
    if (!process.waitForFinished(budgetMs)) {
        process.kill();
        process.waitForFinished(1000);
        if (process.error() == QProcess::FailedToStart) {
            result.status = HostResult::Status::Error;
            result.error = QStringLiteral("could not run %1: %2").arg(ping, process.errorString());
            return result;
        }
    }
    const QString output = QString::fromLocal8Bit(process.readAll());
    PingSummary summary;
    if (!PingOutputParser::parse(output, &summary)) {
        result.status = HostResult::Status::Error;
        result.error = output.trimmed().section(u'\n', 0, 0);
        if (result.error.isEmpty())
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
