// ThreadPoolExecutor against ../../../shared/EXECUTOR_SPEC.md: submit, map, shutdown, names,
// initializer, broken pool, asynchronous tasks.
#include "errors.h"
#include "testtasks.h"
#include "threadpoolexecutor.h"
#include "waiting.h"

#include <QCborArray>
#include <QCborMap>
#include <QSemaphore>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

using namespace ps;

namespace {

std::shared_ptr<const TaskRegistry> testRegistry()
{
    auto registry = std::make_shared<TaskRegistry>();
    registerTestTasks(*registry);
    return registry;
}

} // namespace

class TestThreadPoolExecutor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void submitRunsAndReturnsResult()
    {
        ThreadPoolExecutor executor(testRegistry(), {2, {}, {}});
        Future<QCborValue> f = executor.submit(QStringLiteral("add"), QCborArray{2, 3});
        QCOMPARE(f.result(5000).toInteger(), 5);
        QVERIFY(f.worker().startsWith(QStringLiteral("ThreadPoolExecutor-")));
    }

    void submitCallableKeepsExceptionType()
    {
        ThreadPoolExecutor executor;
        auto ok = executor.submitCallable([] { return 6 * 7; });
        auto bad = executor.submitCallable([]() -> int { throw std::invalid_argument("nope"); });
        QCOMPARE(ok.result(5000), 42);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bad.result(5000));
    }

    void unknownTaskFailsItsFutureOnly()
    {
        ThreadPoolExecutor executor(testRegistry());
        QVERIFY_THROWS_EXCEPTION(UnknownTaskError, executor.submit(QStringLiteral("no-such-task"), {}).result(5000));
        QCOMPARE(executor.submit(QStringLiteral("echo"), 1).result(5000).toInteger(), 1);
    }

    void defaultWorkersFollowPython()
    {
        ThreadPoolExecutor executor;
        QCOMPARE(executor.maxWorkers(), std::min(32, QThread::idealThreadCount() + 4));
    }

    void nonPositiveWorkersAreAnError_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("zero workers") << 0;
        QTest::newRow("negative workers") << -3;
    }
    void nonPositiveWorkersAreAnError()
    {
        QFETCH(int, workers);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ThreadPoolExecutor(ThreadPoolOptions{workers, {}, {}}));
    }

    void threadNamesUsePrefixAndIndex()
    {
        ThreadPoolExecutor executor(testRegistry(), {3, QStringLiteral("probe"), {}});
        QSemaphore started;
        QSemaphore gate;
        std::vector<Future<QString>> names;
        for (int i = 0; i < 3; ++i) {
            names.push_back(executor.submitCallable([&started, &gate] {
                started.release();
                gate.acquire();  // hold the thread until all three run: three threads
                return QThread::currentThread()->objectName();
            }));
        }
        QVERIFY(started.tryAcquire(3, 5000));
        gate.release(3);
        QSet<QString> seen;
        for (auto &f : names)
            seen.insert(f.result(5000));
        QCOMPARE(seen, (QSet<QString>{QStringLiteral("probe_0"), QStringLiteral("probe_1"), QStringLiteral("probe_2")}));
    }

    void threadsStartLazily()
    {
        // "Only when none is idle": after each task the test waits until the worker has gone
        // back to waiting, so every later submit finds an idle thread and must reuse it. (A
        // submit that lands in the instant between a future finishing and its thread going
        // idle may start a second thread — in CPython too — which is why the test waits.)
        ThreadPoolExecutor executor(testRegistry(), {8, {}, {}});
        QSet<QString> workers;
        for (int i = 0; i < 20; ++i) {
            auto f = executor.submit(QStringLiteral("echo"), i);
            f.result(5000);
            workers.insert(f.worker());
            QTest::qWait(20);
        }
        QCOMPARE(workers.size(), 1);
    }

    void mapKeepsInputOrder()
    {
        ThreadPoolExecutor executor(testRegistry(), {4, {}, {}});
        QList<QCborValue> sleeps;
        for (int i = 0; i < 8; ++i)
            sleeps << QCborValue((8 - i) * 5);  // later items finish first
        QCOMPARE(executor.map(QStringLiteral("sleep"), sleeps, 10000).toList(), sleeps);
        QList<QCborValue> inputs;
        QList<QCborValue> squares;
        for (int i = 0; i < 50; ++i) {
            inputs << QCborValue(i);
            squares << QCborValue(qint64(i) * i);
        }
        QCOMPARE(executor.map(QStringLiteral("square"), inputs).toList(), squares);
    }

    void mapStopsAtShortestInput()
    {
        ThreadPoolExecutor executor(testRegistry(), {2, {}, {}});
        QVERIFY(executor.map(QStringLiteral("echo"), {}).toList().isEmpty());
    }

    void mapRethrowsAtItsPositionAndCancelsTheRest()
    {
        // One worker. Items: 1 succeeds, -1 throws, 100 is running (held) when the consumer
        // sees the error, 101 is still pending and must be cancelled, never run.
        auto registry = std::make_shared<TaskRegistry>();
        QSemaphore hold;
        std::atomic_int started{0};
        registry->add(QStringLiteral("step"), [&](const QCborValue &v) {
            ++started;
            if (v.toInteger() < 0)
                throw std::out_of_range("negative item");
            if (v.toInteger() >= 100)
                hold.acquire();
            return v;
        });
        ThreadPoolExecutor executor(registry, {1, {}, {}});
        auto results = executor.map(QStringLiteral("step"), {1, -1, 100, 101}, 5000);
        QCborValue v;
        QVERIFY(results.next(&v));
        QCOMPARE(v.toInteger(), 1);
        QTRY_COMPARE(started.load(), 3);  // 100 is running
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, results.next(&v));
        QVERIFY(!results.next(&v));
        hold.release(2);
        executor.shutdown(true);
        QCOMPARE(started.load(), 3);  // 101 was cancelled before it ran
    }

    void mapTimeoutCancelsUnyielded()
    {
        ThreadPoolExecutor executor(testRegistry(), {1, {}, {}});
        auto results = executor.map(QStringLiteral("sleep"), {200, 200, 200}, 50);
        QCborValue v;
        QVERIFY_THROWS_EXCEPTION(TimeoutError, results.next(&v));
        QVERIFY(!results.next(&v));  // the rest was cancelled, nothing more is yielded
    }

    void mapStoppedEarlyCancelsTheRest()
    {
        ThreadPoolExecutor executor(testRegistry(), {1, {}, {}});
        std::vector<Future<QCborValue>> observed;
        {
            auto results = executor.map(QStringLiteral("sleep"), {50, 50, 50, 50}, 5000);
            QCborValue v;
            QVERIFY(results.next(&v));
        }  // consumer stops: the pending ones are cancelled, so shutdown is quick
        QElapsedTimer clock;
        clock.start();
        executor.shutdown(true);
        QVERIFY2(clock.elapsed() < 140, "cancelled items must not run");
    }

    void submitAfterShutdownThrows()
    {
        ThreadPoolExecutor executor(testRegistry());
        executor.shutdown();
        executor.shutdown();  // idempotent
        try {
            executor.submit(QStringLiteral("echo"), 1);
            QFAIL("expected ShutdownError");
        } catch (const ShutdownError &e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("cannot schedule new futures after shutdown"));
        }
    }

    void shutdownWaitsForRunningWork()
    {
        ThreadPoolExecutor executor(testRegistry(), {2, {}, {}});
        auto a = executor.submit(QStringLiteral("sleep"), 100);
        auto b = executor.submit(QStringLiteral("sleep"), 100);
        executor.shutdown(true);
        QVERIFY(a.done() && b.done());
        QCOMPARE(a.result(0).toInteger(), 100);
    }

    void shutdownCancelPendingCancelsOnlyQueued_data()
    {
        QTest::addColumn<bool>("batch");
        QTest::newRow("submit") << false;
        QTest::newRow("submitMany") << true;
    }

    void shutdownCancelPendingCancelsOnlyQueued()
    {
        QFETCH(bool, batch);
        ThreadPoolExecutor executor(testRegistry(), {1, {}, {}});
        QSemaphore started;
        QSemaphore release;
        auto running = executor.submitCallable([&] {
            started.release();
            release.acquire();
            return 1;
        });
        QVERIFY(started.tryAcquire(1, 5000));
        std::vector<Future<QCborValue>> queued;
        if (batch) {
            queued = executor.submitMany(QStringLiteral("echo"), {0, 1, 2, 3, 4});
        } else {
            for (int i = 0; i < 5; ++i)
                queued.push_back(executor.submit(QStringLiteral("echo"), i));
        }
        executor.shutdown(false, true);
        for (auto &f : queued)
            QVERIFY(f.cancelled());
        QVERIFY(running.running());
        release.release();
        QCOMPARE(running.result(5000), 1);
    }

    void submitManyKeepsArgumentOrder()
    {
        ThreadPoolExecutor executor(testRegistry(), {2, {}, {}});
        QList<QCborValue> arguments;
        for (int i = 0; i < 500; ++i)
            arguments.append(QCborArray{i, 1});
        const std::vector<Future<QCborValue>> futures = executor.submitMany(QStringLiteral("add"), arguments);
        QCOMPARE(int(futures.size()), 500);
        for (int i = 0; i < 500; ++i)
            QCOMPARE(futures[std::size_t(i)].result(5000).toInteger(), i + 1);
    }

    void submitManyAfterShutdownThrows()
    {
        ThreadPoolExecutor executor(testRegistry(), {1, {}, {}});
        executor.shutdown();
        QVERIFY_THROWS_EXCEPTION(ShutdownError, executor.submitMany(QStringLiteral("echo"), {1, 2, 3}));
    }

    void shutdownWaitsForAsynchronousCompletion()
    {
        // A task that completes later from another thread (like a probe answered on a shared
        // socket) is still running after its pool thread returned.
        auto registry = std::make_shared<TaskRegistry>();
        std::vector<std::thread> completers;
        std::mutex m;
        registry->addAsync(QStringLiteral("later"), [&](const QCborValue &v, const TaskCompletion &done) {
            std::lock_guard lock(m);
            completers.emplace_back([v, done] {
                QThread::msleep(80);
                done.setResult(v);
            });
        });
        std::vector<Future<QCborValue>> futures;
        {
            ThreadPoolExecutor executor(registry, {1, {}, {}});
            for (int i = 0; i < 4; ++i)
                futures.push_back(executor.submit(QStringLiteral("later"), i));
        }  // destructor = shutdown(wait = true)
        for (auto &f : futures)
            QVERIFY(f.done());
        for (auto &t : completers)
            t.join();
        QCOMPARE(futures[3].result(0).toInteger(), 3);
    }

    void asynchronousTasksAreNotCappedByWorkerCount()
    {
        auto registry = std::make_shared<TaskRegistry>();
        std::atomic_int outstanding{0};
        std::vector<TaskCompletion> held;
        std::mutex m;
        registry->addAsync(QStringLiteral("hold"), [&](const QCborValue &, const TaskCompletion &done) {
            std::lock_guard lock(m);
            held.push_back(done);
            ++outstanding;
        });
        ThreadPoolExecutor executor(registry, {2, {}, {}});
        std::vector<Future<QCborValue>> futures;
        for (int i = 0; i < 100; ++i)
            futures.push_back(executor.submit(QStringLiteral("hold"), i));
        QTRY_COMPARE(outstanding.load(), 100);  // 100 in flight on 2 threads
        for (auto &f : futures)
            QVERIFY(f.running());
        {
            std::lock_guard lock(m);
            for (const TaskCompletion &done : held)
                done.setResult(1);
        }
        QCOMPARE(int(wait(futures, 5000).done.size()), 100);
    }

    void initializerRunsOncePerThread()
    {
        std::atomic_int calls{0};
        ThreadPoolExecutor executor(testRegistry(), {2, {}, [&] { ++calls; }});
        std::vector<Future<QCborValue>> futures;
        for (int i = 0; i < 40; ++i)
            futures.push_back(executor.submit(QStringLiteral("sleep"), 2));
        wait(futures, 10000);
        executor.shutdown();
        QVERIFY(calls.load() >= 1 && calls.load() <= 2);
    }

    void failingInitializerBreaksThePool()
    {
        ThreadPoolExecutor executor(testRegistry(), {1, {}, [] { throw std::runtime_error("no resources"); }});
        std::vector<Future<QCborValue>> futures;
        for (int i = 0; i < 5; ++i)
            futures.push_back(executor.submit(QStringLiteral("echo"), i));
        for (auto &f : futures)
            QVERIFY_THROWS_EXCEPTION(BrokenThreadPool, f.result(5000));
        QTRY_VERIFY(executor.isBroken());
        QVERIFY_THROWS_EXCEPTION(BrokenThreadPool, executor.submit(QStringLiteral("echo"), 1));
    }

    void exceptionNeverEscapesIntoThePool()
    {
        ThreadPoolExecutor executor(testRegistry(), {2, {}, {}});
        auto f = executor.submit(QStringLiteral("throw"), QCborMap{{QStringLiteral("type"), QStringLiteral("int")}});
        try {
            f.result(5000);
            QFAIL("expected an exception");
        } catch (int value) {
            QCOMPARE(value, 42);  // even a non-std exception is stored and rethrown as is
        }
        QCOMPARE(executor.submit(QStringLiteral("echo"), 2).result(5000).toInteger(), 2);
    }
};

QTEST_GUILESS_MAIN(TestThreadPoolExecutor)
#include "tst_threadpoolexecutor.moc"
