#include "tcpprobe.h"

#include "socketaddress.h"
#include "syserror.h"
#include "targetvalidation.h"

#include <QStringList>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ps {

namespace {

using Clock = std::chrono::steady_clock;

// Closing with a zero linger resets instead of the FIN handshake: a sweep of thousands of
// hosts would otherwise leave as many sockets in TIME_WAIT, holding local ports.
void closeAbortive(int fd)
{
    const linger abortive{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    ::close(fd);
}

bool isAnswer(int error)
{
    // A refusal is an answer: only a live host (or a firewall in its name) sends the RST.
    return error == 0 || error == ECONNREFUSED;
}

struct Attempt
{
    enum class Outcome { Answered, TimedOut, Failed } outcome = Outcome::TimedOut;
    double rttMs = 0;
    QString failure;  // the first port's error, "port 80: No route to host"
};

double msSince(Clock::time_point start, Clock::time_point end)
{
    return std::chrono::duration<double, std::milli>(end - start).count();
}

Attempt attempt(const SocketAddress &host, const QList<quint16> &ports, int timeoutMs)
{
    struct Pending
    {
        int fd;
        qsizetype index;  // into ports
        Clock::time_point start;
    };
    std::vector<Pending> pending;
    // One slot per port, so the reason reported is that of the first port in the user's list,
    // not of whichever error the kernel delivered first.
    QStringList failures(ports.size());
    const auto fail = [&failures, &ports](qsizetype index, int error) {
        failures[index] = QStringLiteral("port %1: %2").arg(ports.at(index)).arg(errnoText(error));
    };
    const auto closeAll = [&pending] {
        for (const Pending &p : pending)
            closeAbortive(p.fd);
        pending.clear();
    };
    const auto answered = [&closeAll](Clock::time_point start, Clock::time_point end) {
        closeAll();
        Attempt a;
        a.outcome = Attempt::Outcome::Answered;
        a.rttMs = msSince(start, end);
        return a;
    };

    const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    for (qsizetype index = 0; index < ports.size(); ++index) {
        const int fd = ::socket(host.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            fail(index, errno);
            continue;
        }
        SocketAddress target = host;
        target.setPort(ports.at(index));
        const Clock::time_point start = Clock::now();
        const int rc = ::connect(fd, target.data(), target.size());
        const int error = rc == 0 ? 0 : errno;
        pending.push_back({fd, index, start});
        if (isAnswer(error))  // loopback may complete (or refuse) inside connect() itself
            return answered(start, Clock::now());
        if (error != EINPROGRESS) {
            fail(index, error);
            closeAbortive(fd);
            pending.pop_back();
        }
    }

    bool timedOut = false;
    while (!pending.empty()) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            break;
        }
        std::vector<pollfd> fds;
        fds.reserve(pending.size());
        for (const Pending &p : pending)
            fds.push_back({p.fd, POLLOUT, 0});
        const int ready = ::poll(fds.data(), nfds_t(fds.size()), int(left.count()));
        const Clock::time_point now = Clock::now();
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            fail(pending.front().index, errno);
            break;
        }
        std::vector<Pending> waiting;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            const Pending p = pending[i];
            if (fds[i].revents == 0) {
                waiting.push_back(p);
                continue;
            }
            int error = 0;
            socklen_t length = sizeof error;
            if (::getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
                error = errno;
            if (isAnswer(error)) {
                // `pending` still holds every open socket but the ones failed above.
                pending.erase(pending.begin(), pending.begin() + std::ptrdiff_t(i));
                pending.insert(pending.end(), waiting.begin(), waiting.end());
                return answered(p.start, now);
            }
            fail(p.index, error);
            closeAbortive(p.fd);
        }
        pending.swap(waiting);
    }
    closeAll();

    Attempt result;
    for (const QString &failure : failures) {
        if (!failure.isEmpty()) {
            result.failure = failure;
            break;
        }
    }
    // A port still silent at the deadline makes the attempt a timeout even if another port
    // failed: silence is what a dead host looks like; errors on every port are a reason.
    result.outcome = timedOut || result.failure.isEmpty() ? Attempt::Outcome::TimedOut
                                                          : Attempt::Outcome::Failed;
    return result;
}

QString portList(const QList<quint16> &ports)
{
    QStringList names;
    for (quint16 port : ports)
        names << QString::number(port);
    return names.join(QStringLiteral(", "));
}

} // namespace

HostResult TcpProbe::probe(const ProbeRequest &request)
{
    HostResult result;
    result.address = request.target;
    result.method = QStringLiteral("tcp");
    const auto error = [&result](const QString &message) {
        result.status = HostResult::Status::Error;
        result.error = message;
        return result;
    };

    const QString invalid = validateProbeTarget(request.target);
    if (!invalid.isEmpty())
        return error(invalid);
    QList<quint16> ports;
    for (quint16 port : request.tcpPorts) {
        if (port != 0 && !ports.contains(port))
            ports.append(port);
    }
    if (ports.isEmpty())
        return error(QStringLiteral("no TCP ports to probe"));
    // The resolver's first answer is its preferred one: the address ssh would connect to.
    QString resolveError;
    const std::optional<SocketAddress> host
        = SocketAddress::resolve(request.target, SocketAddress::Preference::Resolver, &resolveError);
    if (!host)
        return error(resolveError);

    const int count = std::max(1, request.count);
    const int timeoutMs = std::max(1, request.timeoutMs);
    const auto interval = std::chrono::milliseconds(std::max(0, request.intervalMs));
    int failed = 0;
    QString firstFailure;
    Clock::time_point next = Clock::now();
    for (int i = 0; i < count; ++i) {
        if (i > 0)  // like ping: attempts start an interval apart, not an interval after the last ended
            std::this_thread::sleep_until(next);
        next = Clock::now() + interval;
        const Attempt a = attempt(*host, ports, timeoutMs);
        ++result.sent;
        if (a.outcome == Attempt::Outcome::Answered) {
            ++result.received;
            result.addRttSample(a.rttMs);
        } else if (a.outcome == Attempt::Outcome::Failed) {
            ++failed;
            if (firstFailure.isEmpty())
                firstFailure = a.failure;
        }
    }

    if (result.received > 0) {
        result.status = HostResult::Status::Alive;
    } else if (failed == count) {
        result.status = HostResult::Status::Error;
        result.error = firstFailure;
    } else {
        result.status = HostResult::Status::Dead;
        result.error = QStringLiteral("no answer on TCP port%1 %2 within %3 ms (timed out)")
                           .arg(ports.size() > 1 ? QStringLiteral("s") : QString(), portList(ports))
                           .arg(timeoutMs);
    }
    return result;
}

} // namespace ps
