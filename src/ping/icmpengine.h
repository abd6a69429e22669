#pragma once

#include "hostresult.h"
#include "icmppacket.h"
#include "icmpsocket.h"
#include "proberequest.h"
#include "socketaddress.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ps {

// Native ICMP echo for a whole sweep in one thread per core, fping-style: one shared socket per
// address family and loop (a raw socket receives every ICMP reply on the host, so one socket per probe would make
// a sweep quadratic), a receiver that matches replies to requests by identifier, sequence and
// source address, and a timer queue for probe intervals and timeouts. probe() only registers the
// host and returns: thousands of probes are in flight at once without a thread each, and a /24
// of dead hosts takes one timeout.
//
// Sequence numbers run out at 65,536 per ICMP identifier (fping 5.1 loses the 65,536th host of
// a /16 that way): raw sockets move on to the next identifier; datagram sockets, whose
// identifier the kernel assigns, open another socket.
class IcmpEngine
{
public:
    using Done = std::function<void(const HostResult &)>;

    static IcmpEngine &instance();
    // How many engine loops (threads, each with its own sockets) instance() starts; only
    // before its first use. Default: one per core (at most 4). The loops share nothing, so
    // a big sweep's sends — most of its CPU is the kernel's send path — run on every core.
    // pingsweep-worker keeps the default too (see worker_main.cpp).
    static void setLoopCount(int loops);
    // Starts the engine (its threads, its IPv4 sockets) ahead of the first probe.
    static void warmUp();
    ~IcmpEngine();
    Q_DISABLE_COPY_MOVE(IcmpEngine)

    // `done` runs exactly once, on the engine thread, when every probe of the host has been
    // answered, refused or timed out.
    void probe(const ProbeRequest &request, const SocketAddress &address, Done done);

private:
    IcmpEngine();
    struct Job;
    struct Channel;
    struct FamilyState;
    struct Timer;
    class Loop;

    std::vector<std::unique_ptr<Loop>> m_loops;
    std::vector<std::thread> m_threads;
    std::atomic_uint m_nextLoop{0};
};

} // namespace ps
