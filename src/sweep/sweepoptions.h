#pragma once

#include "proberequest.h"

#include <QStringList>

#include <optional>

namespace ps {

enum class ExecutorMode { Thread, Process };

QString executorModeName(ExecutorMode mode);
bool executorModeFromName(const QString &name, ExecutorMode *out);

struct SweepOptions
{
    ExecutorMode mode = ExecutorMode::Thread;
    std::optional<int> workers;        // default: the executor's own default
    int inFlightPerWorker = 64;        // process mode: tasks a worker holds at once
    ProbeRequest probe;                // count, timeout, interval, method; target unused
    int ratePerSecond = 0;             // probes started per second, 0 = unlimited
    int maxInFlight = 0;               // tasks submitted and not done; 0 = workers × K
    quint64 maxTargets = 1u << 20;     // refuse larger sweeps with a message
    bool reverseDns = false;           // fill the hostname column of alive hosts
    int reverseDnsTimeoutMs = 2000;    // per lookup; a slow resolver never stalls the sweep
    int keepWorkersMs = 0;             // process mode: idle workers wait this long for the next
                                       // sweep with the same pool settings (the window's
                                       // re-pings); 0 = the pool ends with the sweep
    QString workerProgram;             // process mode; empty = next to the executable
    QStringList workerArguments;
};

} // namespace ps
