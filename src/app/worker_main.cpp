// pingsweep-worker: one persistent process of the process pool. Reads task frames on stdin,
// writes result frames on stdout. The only binary that may hold CAP_NET_RAW.
#include "icmpengine.h"
#include "pingtask.h"
#include "testtasks.h"
#include "workerserver.h"

#include <QCborValue>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <unistd.h>

int main(int argc, char *argv[])
{
    // The engine starts first, so its threads open their ICMP sockets while the rest of the
    // worker starts up and the first tasks are on their way. As many engine loops as thread
    // mode has (one per core): the pool starts workers lazily, so a small sweep goes to one
    // worker, whose sends then use every core (S1: 1.51× thread mode instead of 1.60×); on a
    // big sweep with a worker per core the extra loops cost nothing measurable (S2: 1.34× both).
    ps::IcmpEngine::warmUp();

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pingsweep-worker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PINGSWEEP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Process-pool worker of PingSweep; started by pingsweep and pingsweep-cli, not by hand."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serve(QStringLiteral("serve"), QStringLiteral("Serve tasks on stdin/stdout."));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Threads to run tasks on."),
                                     QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption initializer(QStringLiteral("initializer"),
                                         QStringLiteral("Task to run once before serving."), QStringLiteral("TASK"));
    const QCommandLineOption initializerArg(QStringLiteral("initializer-arg"),
                                            QStringLiteral("Its argument, base64 CBOR."), QStringLiteral("B64"));
    const QCommandLineOption testTasks(QStringLiteral("test-tasks"),
                                       QStringLiteral("Also register the executor's synthetic test tasks."));
    parser.addOptions({serve, threads, initializer, initializerArg, testTasks});
    parser.process(app);
    if (!parser.isSet(serve)) {
        parser.showHelp(2);
    }

    auto registry = std::make_shared<ps::TaskRegistry>();
    ps::registerSweepTasks(*registry);
    if (parser.isSet(testTasks))
        ps::registerTestTasks(*registry);

    ps::WorkerServerOptions options;
    options.threads = std::clamp(parser.value(threads).toInt(), 1, 4096);
    options.initializer = parser.value(initializer);
    if (parser.isSet(initializerArg))
        options.initializerArgument = QCborValue::fromCbor(
            QByteArray::fromBase64(parser.value(initializerArg).toLatin1()));

    ps::WorkerServer server(registry, options);
    QObject::connect(&server, &ps::WorkerServer::finished, &app, &QCoreApplication::exit);
    if (!server.start())
        return 3;
    const int code = QCoreApplication::exec();
#ifndef PINGSWEEP_SANITIZED
    // The server finishes only when every task is answered and written (frames go out with
    // write(2), nothing is buffered): all that is left is joining idle threads and tearing Qt
    // down, which a one-shot pingsweep-cli would wait for (S1: 1.46× thread mode with this,
    // 1.52× without). Sanitizer builds leave in order, so that LeakSanitizer and
    // ThreadSanitizer still see the whole run.
    ::_exit(code);
#endif
    return code;
}
