// pingsweep-worker: one persistent process of the process pool. Reads task frames on stdin,
// writes result frames on stdout. The only binary that may hold CAP_NET_RAW.
#include "icmpengine.h"
#include "pingtask.h"
#include "testtasks.h"
#include "workerserver.h"

#include <QCborValue>
#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // One engine loop per worker: the pool already runs a worker process per core. Started
    // first, so its thread opens the ICMP socket while the rest of the worker starts up and
    // the first tasks are on their way.
    ps::IcmpEngine::setLoopCount(1);
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
    return QCoreApplication::exec();
}
