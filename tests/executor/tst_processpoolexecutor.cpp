// ProcessPoolExecutor: persistent pingsweep-worker processes through QProcess, framed CBOR,
// crash isolation, broken pools (../../../shared/EXECUTOR_SPEC.md "ProcessPoolExecutor").
// The worker runs with --test-tasks: echo, add, sleep, throw, crash, exit, garbage, hang, pid…
#include "errors.h"
#include "processpoolexecutor.h"
#include "waiting.h"

#include <QCborArray>
#include <QCborMap>
#include <QFileInfo>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace ps;

namespace {

ProcessPoolOptions testOptions(int workers = 2, int inFlight = 1)
{
    ProcessPoolOptions o;
    o.maxWorkers = workers;
    o.inFlightPerWorker = inFlight;
    o.program = QStringLiteral(PS_BIN_DIR "/pingsweep-worker");
    o.arguments = {QStringLiteral("--test-tasks")};
    return o;
}

QCborMap throwSpec(const char *type, const char *message)
{
    return {{QStringLiteral("type"), QLatin1String(type)}, {QStringLiteral("message"), QLatin1String(message)}};
}

qint64 pidOf(const Future<QCborValue> &f)
{
    return f.worker().section(u' ', 1).toLongLong();
}

QString errorText(const Future<QCborValue> &f)
{
    try {
        f.result(10000);
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    return QString();
}

} // namespace

class TestProcessPoolExecutor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void submitRunsInAWorkerProcess()
    {
        ProcessPoolExecutor executor(testOptions());
        auto f = executor.submit(QStringLiteral("add"), QCborArray{40, 2});
        QCOMPARE(f.result(10000).toInteger(), 42);
        QVERIFY(f.worker().startsWith(QStringLiteral("pid ")));
        QVERIFY(pidOf(f) != QCoreApplication::applicationPid());
        auto pid = executor.submit(QStringLiteral("pid"), {});
        const qint64 reported = pid.result(10000).toInteger();
        QCOMPARE(reported, pidOf(pid));  // the worker column is the real pid
    }

    void exceptionsKeepTheirTypeAcrossProcesses_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("expected");
        QTest::newRow("std::out_of_range") << QStringLiteral("out_of_range") << QStringLiteral("out_of_range");
        QTest::newRow("std::invalid_argument") << QStringLiteral("invalid_argument") << QStringLiteral("invalid_argument");
        QTest::newRow("std::runtime_error") << QStringLiteral("runtime_error") << QStringLiteral("runtime_error");
        QTest::newRow("non-std exception becomes RemoteTaskError") << QStringLiteral("int") << QStringLiteral("remote");
    }
    void exceptionsKeepTheirTypeAcrossProcesses()
    {
        QFETCH(QString, type);
        QFETCH(QString, expected);
        ProcessPoolExecutor executor(testOptions(1));
        auto f = executor.submit(QStringLiteral("throw"),
                                 QCborMap{{QStringLiteral("type"), type}, {QStringLiteral("message"), QStringLiteral("boom")}});
        QString caught;
        try {
            f.result(10000);
        } catch (const std::out_of_range &e) {
            caught = QStringLiteral("out_of_range");
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("boom"));
        } catch (const std::invalid_argument &) {
            caught = QStringLiteral("invalid_argument");
        } catch (const RemoteTaskError &e) {
            caught = QStringLiteral("remote");
            QCOMPARE(e.typeName(), QStringLiteral("unknown"));
        } catch (const std::runtime_error &) {
            caught = QStringLiteral("runtime_error");
        }
        QCOMPARE(caught, expected);
    }

    void mapKeepsOrderWithAndWithoutChunks_data()
    {
        QTest::addColumn<int>("chunkSize");
        QTest::newRow("one item per task") << 1;
        QTest::newRow("chunks of 3 (last chunk short)") << 3;
        QTest::newRow("one chunk for everything") << 100;
    }
    void mapKeepsOrderWithAndWithoutChunks()
    {
        QFETCH(int, chunkSize);
        ProcessPoolExecutor executor(testOptions(2, 4));
        QList<QCborValue> inputs;
        QList<QCborValue> squares;
        for (int i = 0; i < 25; ++i) {
            inputs << QCborValue(i);
            squares << QCborValue(qint64(i) * i);
        }
        QCOMPARE(executor.map(QStringLiteral("square"), inputs, 20000, chunkSize).toList(), squares);
    }

    void mapInChunksRethrowsAtTheFailingItem()
    {
        ProcessPoolExecutor executor(testOptions(1));
        auto results = executor.map(QStringLiteral("throw"), {throwSpec("out_of_range", "first")}, 10000, 4);
        QCborValue v;
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, results.next(&v));
    }

    void killedWorkerFailsOnlyItsOwnTask()
    {
        ProcessPoolExecutor executor(testOptions(2));
        auto victim = executor.submit(QStringLiteral("sleep"), 5000);
        QTRY_VERIFY(victim.running());
        const qint64 pid = pidOf(victim);
        QVERIFY(pid > 0);
        auto bystander = executor.submit(QStringLiteral("echo"), QStringLiteral("still here"));
        QCOMPARE(bystander.result(10000).toString(), QStringLiteral("still here"));
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QVERIFY_THROWS_EXCEPTION(WorkerCrashedError, victim.result(10000));
        QVERIFY2(errorText(victim).contains(QStringLiteral("signal 9")), qPrintable(errorText(victim)));
        // The sweep goes on: a replacement worker takes new work.
        QCOMPARE(executor.submit(QStringLiteral("echo"), 5).result(10000).toInteger(), 5);
        QVERIFY(!executor.isBroken());
    }

    void crashingAndExitingTasksFailOnlyThemselves_data()
    {
        QTest::addColumn<QString>("task");
        QTest::addColumn<QCborValue>("argument");
        QTest::addColumn<QString>("expected");
        QTest::newRow("abort() in a task: crash with signal 6") << QStringLiteral("crash") << QCborValue() << QStringLiteral("crashed (signal 6)");
        QTest::newRow("_exit(3) in a task: exit code named") << QStringLiteral("exit") << QCborValue(3) << QStringLiteral("exited with code 3");
        QTest::newRow("garbage on stdout: invalid frame") << QStringLiteral("garbage") << QCborValue() << QStringLiteral("invalid frame");
        QTest::newRow("1 GiB frame header: rejected, not buffered") << QStringLiteral("oversized") << QCborValue() << QStringLiteral("exceeds the limit");
    }
    void crashingAndExitingTasksFailOnlyThemselves()
    {
        QFETCH(QString, task);
        QFETCH(QCborValue, argument);
        QFETCH(QString, expected);
        ProcessPoolExecutor executor(testOptions(1));
        auto bad = executor.submit(task, argument);
        QVERIFY_THROWS_EXCEPTION(WorkerCrashedError, bad.result(10000));
        QVERIFY2(errorText(bad).contains(expected), qPrintable(errorText(bad)));
        QCOMPARE(executor.submit(QStringLiteral("echo"), 1).result(10000).toInteger(), 1);
        QCOMPARE(executor.startedWorkerPids().size(), 2);  // replaced once
    }

    void missingWorkerBinaryBreaksThePoolWithAClearError()
    {
        ProcessPoolOptions options = testOptions(1);
        options.program = QStringLiteral("/nonexistent/pingsweep-worker");
        ProcessPoolExecutor executor(options);
        std::vector<Future<QCborValue>> futures;
        for (int i = 0; i < 5; ++i)
            futures.push_back(executor.submit(QStringLiteral("echo"), i));
        for (auto &f : futures) {
            const QString error = errorText(f);
            QVERIFY2(error.contains(QStringLiteral("/nonexistent/pingsweep-worker")), qPrintable(error));
        }
        QTRY_VERIFY(executor.isBroken());
        QVERIFY_THROWS_EXCEPTION(BrokenProcessPool, executor.submit(QStringLiteral("echo"), 1));
    }

    void submitManyKeepsArgumentOrderAcrossWorkers()
    {
        ProcessPoolExecutor executor(testOptions(2, 64));
        QList<QCborValue> arguments;
        for (int i = 0; i < 300; ++i)
            arguments.append(i);
        const std::vector<Future<QCborValue>> futures = executor.submitMany(QStringLiteral("square"), arguments);
        QCOMPARE(int(futures.size()), 300);
        for (int i = 0; i < 300; ++i)
            QCOMPARE(futures[std::size_t(i)].result(10000).toInteger(), qint64(i) * i);
        QVERIFY(executor.startedWorkerPids().size() <= 2);
    }

    void prestartedWorkerIsUpBeforeTheFirstSubmit()
    {
        ProcessPoolOptions options = testOptions(2, 8);
        options.prestartWorker = true;
        ProcessPoolExecutor executor(options);
        QTRY_COMPARE_WITH_TIMEOUT(executor.startedWorkerPids().size(), 1, 10000);
        QCOMPARE(executor.submit(QStringLiteral("echo"), 5).result(10000).toInteger(), 5);
        QCOMPARE(executor.startedWorkerPids().size(), 1);  // the task went to that worker
    }

    void submitManyAfterShutdownThrows()
    {
        ProcessPoolExecutor executor(testOptions(1));
        executor.shutdown();
        QVERIFY_THROWS_EXCEPTION(ShutdownError, executor.submitMany(QStringLiteral("echo"), {1, 2}));
    }

    void maxTasksPerChildRetiresWorkers()
    {
        ProcessPoolOptions options = testOptions(1);
        options.maxTasksPerChild = 2;
        ProcessPoolExecutor executor(options);
        QSet<qint64> pids;
        for (int i = 0; i < 6; ++i)
            pids.insert(executor.submit(QStringLiteral("pid"), {}).result(10000).toInteger());
        QCOMPARE(pids.size(), 3);
    }

    void noProcessIsSpawnedPerTask()
    {
        ProcessPoolExecutor executor(testOptions(2, 8));
        std::vector<Future<QCborValue>> futures;
        for (int i = 0; i < 200; ++i)
            futures.push_back(executor.submit(QStringLiteral("echo"), i));
        QCOMPARE(int(wait(futures, 20000).done.size()), 200);
        QVERIFY(executor.startedWorkerPids().size() <= 2);
    }

    void workerHoldsKTasksInFlight()
    {
        ProcessPoolExecutor executor(testOptions(1, 4));
        std::vector<Future<QCborValue>> futures;
        for (int i = 0; i < 4; ++i)
            futures.push_back(executor.submit(QStringLiteral("sleep"), 300));
        QTRY_VERIFY(std::all_of(futures.begin(), futures.end(), [](const auto &f) { return f.running() || f.done(); }));
        QCOMPARE(executor.startedWorkerPids().size(), 1);
        QCOMPARE(int(wait(futures, 10000).done.size()), 4);
    }

    void hungWorkerIsKilledByTheTaskTimeout()
    {
        ProcessPoolOptions options = testOptions(1);
        options.taskTimeoutMs = 300;
        ProcessPoolExecutor executor(options);
        auto hung = executor.submit(QStringLiteral("hang"), {});
        QVERIFY_THROWS_EXCEPTION(WorkerCrashedError, hung.result(10000));
        QVERIFY2(errorText(hung).contains(QStringLiteral("longer than 300 ms")), qPrintable(errorText(hung)));
        QCOMPARE(executor.submit(QStringLiteral("echo"), 2).result(10000).toInteger(), 2);
    }

    void initializerRunsBeforeTasks()
    {
        ProcessPoolOptions options = testOptions(1);
        options.initializer = QStringLiteral("echo");
        options.initializerArgument = 1;
        ProcessPoolExecutor executor(options);
        QCOMPARE(executor.submit(QStringLiteral("echo"), 9).result(10000).toInteger(), 9);
    }

    void failingInitializerBreaksThePool()
    {
        ProcessPoolOptions options = testOptions(1);
        options.initializer = QStringLiteral("fail-init");
        ProcessPoolExecutor executor(options);
        auto f = executor.submit(QStringLiteral("echo"), 1);
        QVERIFY_THROWS_EXCEPTION(BrokenProcessPool, f.result(10000));
        QVERIFY2(errorText(f).contains(QStringLiteral("initializer refused to start")), qPrintable(errorText(f)));
        QVERIFY_THROWS_EXCEPTION(BrokenProcessPool, executor.submit(QStringLiteral("echo"), 1));
    }

    void shutdownWithoutWaitingLetsWorkersLeaveOnceIdle()
    {
        // As in Python: after shutdown(wait = false) the workers finish what they hold and
        // what is queued, then leave on their own; nobody has to join the pool for that.
        ProcessPoolExecutor executor(testOptions(2, 1));
        std::vector<Future<QCborValue>> futures;
        for (int i = 0; i < 6; ++i)
            futures.push_back(executor.submit(QStringLiteral("sleep"), 50));
        executor.shutdown(false);
        QVERIFY_THROWS_EXCEPTION(ShutdownError, executor.submit(QStringLiteral("echo"), 1));
        for (auto &f : futures)
            QCOMPARE(f.result(10000).toInteger(), 50);  // queued work still ran
        const QList<qint64> pids = executor.startedWorkerPids();
        QVERIFY(!pids.isEmpty());
        for (qint64 pid : pids)  // gone and reaped: no /proc entry, not even a zombie's
            QTRY_VERIFY2(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)), qPrintable(QString::number(pid)));
    }

    void tasksGivenToAStartingWorkerRunOnIt()
    {
        // Tasks submitted while the only worker is still starting (here: in a 1.5 s
        // initializer) go down its pipe at once, running from then on, and are answered by
        // that worker once it is ready: they do not wait for its "ready" to be handed out.
        ProcessPoolOptions options = testOptions(1, 8);
        options.initializer = QStringLiteral("sleep");
        options.initializerArgument = 1500;
        ProcessPoolExecutor executor(options);
        std::vector<Future<QCborValue>> futures;
        for (int i = 0; i < 8; ++i)
            futures.push_back(executor.submit(QStringLiteral("echo"), i));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(futures.begin(), futures.end(),
                                             [](const auto &f) { return f.running(); }), 1000);
        QVERIFY(executor.startedWorkerPids().isEmpty());  // not ready yet
        for (int i = 0; i < 8; ++i)
            QCOMPARE(futures[std::size_t(i)].result(10000).toInteger(), i);
        QCOMPARE(executor.startedWorkerPids().size(), 1);
        for (const auto &f : futures)
            QCOMPARE(pidOf(f), executor.startedWorkerPids().constFirst());
    }

    void shutdownCancelPendingAndSubmitAfterShutdown()
    {
        ProcessPoolExecutor executor(testOptions(1));
        auto running = executor.submit(QStringLiteral("sleep"), 300);
        QTRY_VERIFY(running.running());
        std::vector<Future<QCborValue>> queued;
        for (int i = 0; i < 5; ++i)
            queued.push_back(executor.submit(QStringLiteral("echo"), i));
        executor.shutdown(true, true);
        QCOMPARE(running.result(0).toInteger(), 300);  // a running task is never cancelled
        for (auto &f : queued)
            QVERIFY(f.cancelled());
        QVERIFY_THROWS_EXCEPTION(ShutdownError, executor.submit(QStringLiteral("echo"), 1));
        executor.shutdown();  // idempotent
    }

    void nonPositiveArgumentsAreErrors()
    {
        ProcessPoolOptions o = testOptions(0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ProcessPoolExecutor{o});
        o = testOptions(1, 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ProcessPoolExecutor{o});
    }
};

QTEST_GUILESS_MAIN(TestProcessPoolExecutor)
#include "tst_processpoolexecutor.moc"
