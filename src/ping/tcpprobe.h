#pragma once

#include "hostresult.h"
#include "proberequest.h"

namespace ps {

// "Is anybody there?" by TCP handshake, for networks that drop ICMP. Each of `count` attempts
// starts a non-blocking connect() to every port in ProbeRequest::tcpPorts at once and waits
// with poll() for the first answer, up to timeoutMs:
//  - connected, or refused (RST, ECONNREFUSED): the host is up → an answered attempt, RTT is
//    the time from connect() to that answer;
//  - no answer on any port before the timeout: a lost attempt (dead, if all are lost);
//  - every port failed with an error such as EHOSTUNREACH: the reason is reported (error).
// Attempts start intervalMs apart. Hostnames are resolved (getaddrinfo) at probe time; a name
// that does not resolve is an error. IPv4 and IPv6. Blocks the calling thread; it runs as an
// executor task, never on the GUI thread.
//
// Why POSIX sockets and not QTcpSocket: the executor's worker threads run no Qt event loop,
// and QTcpSocket without one only works through waitForConnected(), one socket and one port at
// a time, which turns 3 ports × 1 s into 3 s per dead host. poll() watches all ports at once
// and needs no event loop; std::chrono::steady_clock times the handshake (never the wall clock,
// which may jump).
class TcpProbe
{
public:
    static HostResult probe(const ProbeRequest &request);
};

} // namespace ps
