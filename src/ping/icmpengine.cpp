#include "icmpengine.h"

#include "pinglog.h"
#include "syserror.h"

#include <QRandomGenerator>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <linux/errqueue.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <queue>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <unordered_map>

namespace ps {

namespace {

using Clock = std::chrono::steady_clock;
using Nanos = std::chrono::nanoseconds;

constexpr int kDrainEverySends = 256;   // read replies between sends of a big burst
constexpr int kRetryBusyMs = 1;         // the socket's send buffer was full: try again soon
// Raw sockets: echo identifiers per loop (each gives 65,536 sequence numbers). A loop's socket
// filter drops replies to other identifiers: other loops' and other processes'.
constexpr quint32 kIdentifiersPerLoop = 1024;
constexpr int kMaxLoops = 4;
std::atomic_int configuredLoops{0};

// When a packet that the kernel stamped `kernelStamp` (SO_TIMESTAMPNS: CLOCK_REALTIME, taken
// as the packet arrived) arrived, on our monotonic clock, given that we read it at `readAt`.
// RTTs stay on the monotonic clock; the wall clock only measures how long the packet waited in
// the socket — so a busy engine thread that reads replies late still reports the network's
// RTT, not its own delay. The wait is clamped at zero: a wall-clock step can only shorten it.
Clock::time_point arrivalTime(const timespec &kernelStamp, Clock::time_point readAt)
{
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    const qint64 waitedNs = (qint64(now.tv_sec) - qint64(kernelStamp.tv_sec)) * 1000000000
        + (qint64(now.tv_nsec) - qint64(kernelStamp.tv_nsec));
    return waitedNs > 0 ? readAt - Nanos(waitedNs) : readAt;
}

// A recvmsg() header: one buffer, the peer's address, room for ancillary data.
msghdr receiveMessage(sockaddr_storage *peer, iovec *buffer, char *control, std::size_t controlSize)
{
    msghdr msg{};
    msg.msg_name = peer;
    msg.msg_namelen = sizeof *peer;
    msg.msg_iov = buffer;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = controlSize;
    return msg;
}

} // namespace

struct IcmpEngine::Job
{
    quint64 id = 0;
    ProbeRequest request;
    SocketAddress destination;
    icmp::Family family = icmp::Family::V4;
    Done done;
    HostResult result;
    int resolved = 0;   // probes answered, refused or timed out
};

struct IcmpEngine::Channel
{
    int fd = -1;
};

struct IcmpEngine::FamilyState
{
    icmp::Family family;
    IcmpSocket::Kind kind = IcmpSocket::Kind::None;
    QString error;               // why no socket could be opened
    std::vector<Channel> channels;
    quint32 counter = 0;         // probes sent in this family: identifier/channel and sequence
    quint16 identifierBase = 0;  // raw sockets: our identifiers start here
};

struct IcmpEngine::Timer
{
    Clock::time_point at;
    enum class Kind { Send, Timeout } kind;
    quint64 job;
    quint64 key;  // Timeout: the outstanding probe
    bool operator>(const Timer &o) const { return at > o.at; }
};

class IcmpEngine::Loop
{
public:
    explicit Loop(quint16 identifierBase)
    {
        m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        const quint16 base = identifierBase;
        m_families[0].family = icmp::Family::V4;
        m_families[1].family = icmp::Family::V6;
        m_families[0].identifierBase = base;
        m_families[1].identifierBase = base;
    }
    ~Loop()
    {
        for (FamilyState &f : m_families) {
            for (Channel &c : f.channels)
                ::close(c.fd);
        }
        ::close(m_wake);
    }

    void submit(std::unique_ptr<Job> job)
    {
        bool wasEmpty;
        {
            std::lock_guard lock(m_mutex);
            wasEmpty = m_incoming.empty();
            m_incoming.push_back(std::move(job));
        }
        // One wake-up per batch: the loop takes everything queued when it wakes.
        if (wasEmpty)
            wake();
    }

    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        wake();
    }

    void run();

private:
    struct Outstanding
    {
        quint64 job;
        Clock::time_point sent;
    };

    void wake()
    {
        const quint64 one = 1;
        const ssize_t n = ::write(m_wake, &one, sizeof one);
        (void)n;
    }
    bool takeIncoming();
    void runDueTimers();
    void send(Job &job);
    void receiveAll();
    void receiveOn(FamilyState &family, std::size_t channel);
    void receiveErrorsOn(FamilyState &family, std::size_t channel);
    void answer(quint64 key, const sockaddr_storage &from, Clock::time_point at, int ttl);
    void refuse(quint64 key, const SocketAddress &about, const QString &why);
    void resolve(Job &job);
    bool ensureChannel(FamilyState &family, std::size_t index);
    static quint64 keyOf(const FamilyState &f, quint16 identifierOrChannel, quint16 sequence)
    {
        return (quint64(f.family == icmp::Family::V6) << 40) | (quint64(identifierOrChannel) << 16) | sequence;
    }
    FamilyState &familyOf(const Job &job) { return m_families[job.family == icmp::Family::V4 ? 0 : 1]; }

    int m_wake = -1;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Job>> m_incoming;
    bool m_stopping = false;

    FamilyState m_families[2];
    std::unordered_map<quint64, std::unique_ptr<Job>> m_jobs;
    std::unordered_map<quint64, Outstanding> m_outstanding;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<>> m_timers;
    quint64 m_nextJobId = 1;
    std::vector<char> m_buffer = std::vector<char>(65536);
};

bool IcmpEngine::Loop::takeIncoming()
{
    std::vector<std::unique_ptr<Job>> incoming;
    {
        std::lock_guard lock(m_mutex);
        incoming.swap(m_incoming);
        if (m_stopping)
            return false;
    }
    const auto now = Clock::now();
    for (auto &job : incoming) {
        job->id = m_nextJobId++;
        m_timers.push({now, Timer::Kind::Send, job->id, 0});
        m_jobs.emplace(job->id, std::move(job));
    }
    return true;
}

bool IcmpEngine::Loop::ensureChannel(FamilyState &family, std::size_t index)
{
    while (family.channels.size() <= index) {
        if (!family.error.isEmpty())
            return false;
        IcmpSocket::Kind kind = IcmpSocket::Kind::None;
        QString error;
        const int fd = IcmpSocket::open(family.family, &kind, &error,
                                        {family.identifierBase, kIdentifiersPerLoop});
        if (fd < 0) {
            family.error = error;
            return false;
        }
        family.kind = kind;
        family.channels.push_back({fd});
    }
    return true;
}

void IcmpEngine::Loop::send(Job &job)
{
    FamilyState &family = familyOf(job);
    const bool raw = family.kind != IcmpSocket::Kind::Datagram;
    const quint32 n = family.counter;
    // Raw: one socket, the identifier moves on every 65,536 sequences. Datagram: the kernel
    // owns the identifier, so the next 65,536 sequences go through another socket.
    const std::size_t channel = raw ? 0 : std::size_t(n >> 16);
    if (!ensureChannel(family, channel)) {
        job.result.error = family.error;
        job.result.status = HostResult::Status::Error;
        job.resolved = job.result.sent = std::max(1, job.request.count);
        resolve(job);
        return;
    }
    const bool isRaw = family.kind == IcmpSocket::Kind::Raw;
    const quint16 identifier = isRaw ? quint16(family.identifierBase + (n >> 16) % kIdentifiersPerLoop) : 0;
    const quint16 sequence = quint16(n & 0xffff);
    const QByteArray packet = icmp::buildEchoRequest(family.family, identifier, sequence);
    // Taken before sendto(): on loopback the reply arrives while sendto() is still running.
    const auto now = Clock::now();
    const ssize_t sent = ::sendto(family.channels[channel].fd, packet.constData(), std::size_t(packet.size()), 0,
                                  job.destination.data(), job.destination.size());
    if (sent < 0 && (errno == EAGAIN || errno == ENOBUFS)) {
        m_timers.push({now + std::chrono::milliseconds(kRetryBusyMs), Timer::Kind::Send, job.id, 0});
        return;
    }
    ++family.counter;
    ++job.result.sent;
    if (sent < 0) {
        // e.g. "Network is unreachable": that probe is answered by the error itself.
        job.result.error = errnoText(errno);
        ++job.resolved;
    } else {
        const quint64 key = keyOf(family, isRaw ? identifier : quint16(channel), sequence);
        m_outstanding[key] = {job.id, now};
        m_timers.push({now + std::chrono::milliseconds(job.request.timeoutMs), Timer::Kind::Timeout, job.id, key});
    }
    if (job.result.sent < job.request.count)
        m_timers.push({now + std::chrono::milliseconds(job.request.intervalMs), Timer::Kind::Send, job.id, 0});
    else if (job.resolved == job.request.count)
        resolve(job);
}

void IcmpEngine::Loop::runDueTimers()
{
    int sends = 0;
    while (!m_timers.empty() && m_timers.top().at <= Clock::now()) {
        const Timer timer = m_timers.top();
        m_timers.pop();
        const auto jobIt = m_jobs.find(timer.job);
        if (jobIt == m_jobs.end())
            continue;
        Job &job = *jobIt->second;
        if (timer.kind == Timer::Kind::Send) {
            send(job);
            if (++sends % kDrainEverySends == 0)
                receiveAll();  // a 65,536-host burst must not overflow the receive buffer
            continue;
        }
        const auto out = m_outstanding.find(timer.key);
        if (out == m_outstanding.end())
            continue;  // answered already
        m_outstanding.erase(out);
        ++job.resolved;
        if (job.resolved == job.request.count && job.result.sent == job.request.count)
            resolve(job);
    }
}

void IcmpEngine::Loop::answer(quint64 key, const sockaddr_storage &from, Clock::time_point at, int ttl)
{
    const auto out = m_outstanding.find(key);
    if (out == m_outstanding.end())
        return;  // late (after its timeout), duplicate, or another program's
    const auto jobIt = m_jobs.find(out->second.job);
    if (jobIt == m_jobs.end())
        return;
    Job &job = *jobIt->second;
    // Compared in place (no copy per reply); IPv6 scope ids aside.
    if (!SocketAddress::sameHost(from, job.destination.storage()))
        return;  // same identifier and sequence from the wrong host: not our reply
    // Never below zero: a clamped wall-clock step could otherwise put arrival before sending.
    const double rttMs = std::max(0.0, std::chrono::duration<double, std::milli>(at - out->second.sent).count());
    m_outstanding.erase(out);
    ++job.result.received;
    job.result.addRttSample(rttMs);
    if (ttl >= 0)
        job.result.ttl = ttl;
    ++job.resolved;
    if (job.resolved == job.request.count && job.result.sent == job.request.count)
        resolve(job);
}

void IcmpEngine::Loop::refuse(quint64 key, const SocketAddress &about, const QString &why)
{
    const auto out = m_outstanding.find(key);
    if (out == m_outstanding.end())
        return;
    const auto jobIt = m_jobs.find(out->second.job);
    if (jobIt == m_jobs.end())
        return;
    Job &job = *jobIt->second;
    if (!about.isNull() && !about.sameHost(job.destination))
        return;
    m_outstanding.erase(out);
    job.result.error = why;
    ++job.resolved;
    if (job.resolved == job.request.count && job.result.sent == job.request.count)
        resolve(job);
}

void IcmpEngine::Loop::resolve(Job &job)
{
    HostResult &r = job.result;
    if (r.status != HostResult::Status::Error) {
        r.status = r.received > 0 ? HostResult::Status::Alive : HostResult::Status::Dead;
        if (r.received > 0)
            r.error.clear();
        else if (r.error.isEmpty())
            r.error = QStringLiteral("no reply within %1 ms").arg(job.request.timeoutMs);
    }
    r.method = IcmpSocket::kindName(familyOf(job).kind);
    Done done = std::move(job.done);
    const HostResult result = r;
    m_jobs.erase(job.id);  // `job` is gone from here on
    done(result);
}

void IcmpEngine::Loop::receiveAll()
{
    for (FamilyState &family : m_families) {
        for (std::size_t c = 0; c < family.channels.size(); ++c)
            receiveOn(family, c);
    }
}

void IcmpEngine::Loop::receiveOn(FamilyState &family, std::size_t channel)
{
    const bool raw = family.kind == IcmpSocket::Kind::Raw;
    const bool withIpHeader = raw && family.family == icmp::Family::V4;
    char control[256];
    for (;;) {
        sockaddr_storage from{};
        iovec iov{m_buffer.data(), m_buffer.size()};
        msghdr msg = receiveMessage(&from, &iov, control, sizeof control);
        const ssize_t n = ::recvmsg(family.channels[channel].fd, &msg, MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                receiveErrorsOn(family, channel);
            return;
        }
        Clock::time_point at = Clock::now();
        int ttl = -1;
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                timespec arrived{};
                memcpy(&arrived, CMSG_DATA(c), sizeof arrived);
                at = arrivalTime(arrived, at);
            }
            if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL)
                || (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)) {
                int value = 0;
                memcpy(&value, CMSG_DATA(c), sizeof value);
                ttl = value;
            }
        }
        const icmp::Reply reply = icmp::parse(family.family, m_buffer.data(), int(n), withIpHeader);
        if (reply.ttl >= 0)
            ttl = reply.ttl;
        const quint16 tag = raw ? reply.identifier : quint16(channel);
        if (reply.kind == icmp::Reply::Kind::EchoReply)
            answer(keyOf(family, tag, reply.sequence), from, at, ttl);
        else if (reply.kind == icmp::Reply::Kind::Error)
            refuse(keyOf(family, tag, reply.sequence), reply.quotedDestination,
                   QStringLiteral("%1 (from %2)").arg(reply.why, SocketAddress::fromSockaddr(
                       reinterpret_cast<const sockaddr *>(&from), sizeof from).toString()));
        // Invalid or unrelated packets are ignored: never trusted, never fatal.
    }
}

// Datagram sockets report ICMP errors through the socket's error queue (IP_RECVERR), with our
// own request quoted back.
void IcmpEngine::Loop::receiveErrorsOn(FamilyState &family, std::size_t channel)
{
    char control[512];
    for (int i = 0; i < 1024; ++i) {
        char data[512];
        sockaddr_storage target{};
        iovec iov{data, sizeof data};
        msghdr msg = receiveMessage(&target, &iov, control, sizeof control);
        const ssize_t n = ::recvmsg(family.channels[channel].fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (n < icmp::kEchoHeaderBytes)
            return;
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (!((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR)
                  || (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)))
                continue;
            sock_extended_err err{};
            memcpy(&err, CMSG_DATA(c), sizeof err);
            const quint16 sequence = qFromBigEndian<quint16>(data + 6);
            const QString why = err.ee_origin == SO_EE_ORIGIN_ICMP || err.ee_origin == SO_EE_ORIGIN_ICMP6
                ? icmp::describeError(family.family, err.ee_type, err.ee_code)
                : errnoText(int(err.ee_errno));
            refuse(keyOf(family, quint16(channel), sequence),
                   SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&target), msg.msg_namelen), why);
        }
    }
}

void IcmpEngine::Loop::run()
{
    // The IPv4 socket now rather than at the first send: the engine starts with a sweep's
    // first probe (or earlier, see warmUp), and that probe need not wait for it.
    ensureChannel(m_families[0], 0);
    std::vector<pollfd> fds;
    for (;;) {
        if (!takeIncoming())
            return;
        runDueTimers();
        int timeoutMs = -1;
        if (!m_timers.empty()) {
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(m_timers.top().at - Clock::now());
            timeoutMs = int(std::max<qint64>(0, (left.count() + 999) / 1000));
        }
        fds.clear();
        fds.push_back({m_wake, POLLIN, 0});
        for (FamilyState &family : m_families) {
            for (const Channel &c : family.channels)
                fds.push_back({c.fd, POLLIN, 0});
        }
        const int ready = ::poll(fds.data(), nfds_t(fds.size()), timeoutMs);
        if (ready < 0 && errno != EINTR) {
            qCCritical(lcPing, "ICMP engine: poll failed: %s", qPrintable(errnoText(errno)));
            return;
        }
        if (fds[0].revents & POLLIN) {
            quint64 count;
            const ssize_t n = ::read(m_wake, &count, sizeof count);
            (void)n;
        }
        std::size_t i = 1;
        for (FamilyState &family : m_families) {
            for (std::size_t c = 0; c < family.channels.size(); ++c, ++i) {
                if (fds[i].revents & POLLERR)
                    receiveErrorsOn(family, c);
                if (fds[i].revents & POLLIN)
                    receiveOn(family, c);
            }
        }
    }
}

// ---- IcmpEngine ----------------------------------------------------------------------------

void IcmpEngine::setLoopCount(int loops)
{
    configuredLoops = std::clamp(loops, 1, kMaxLoops);
}

void IcmpEngine::warmUp()
{
    instance();
}

IcmpEngine &IcmpEngine::instance()
{
    static IcmpEngine engine;
    return engine;
}

IcmpEngine::IcmpEngine()
{
    int loops = configuredLoops.load();
    if (loops <= 0)
        loops = std::clamp(int(std::thread::hardware_concurrency()), 1, kMaxLoops);
    // Each loop owns kIdentifiersPerLoop identifiers from a random start, so two processes
    // (two workers, or another PingSweep) rarely share one.
    const quint32 span = quint32(loops) * kIdentifiersPerLoop;
    const auto first = quint32(QRandomGenerator::global()->bounded(65536 - span + 1));
    for (int i = 0; i < loops; ++i)
        m_loops.push_back(std::make_unique<Loop>(quint16(first + quint32(i) * kIdentifiersPerLoop)));
    for (auto &loop : m_loops)
        m_threads.emplace_back([l = loop.get()] { l->run(); });
}

IcmpEngine::~IcmpEngine()
{
    for (auto &loop : m_loops)
        loop->stop();
    for (std::thread &t : m_threads)
        t.join();
}

void IcmpEngine::probe(const ProbeRequest &request, const SocketAddress &address, Done done)
{
    auto job = std::make_unique<Job>();
    job->request = request;
    job->request.count = std::max(1, request.count);
    job->request.timeoutMs = std::max(1, request.timeoutMs);
    job->request.intervalMs = std::max(1, request.intervalMs);
    job->destination = address;
    job->destination.setPort(0);
    job->family = address.isIpv4() ? icmp::Family::V4 : icmp::Family::V6;
    job->done = std::move(done);
    job->result.address = request.target;
    // Round robin: each host's probes stay on one loop, hosts spread over all of them.
    m_loops[m_nextLoop++ % m_loops.size()]->submit(std::move(job));
}

} // namespace ps
