// Future<T>, wait() and asCompleted(): the state machine of concurrent.futures, point by point
// (../../../shared/EXECUTOR_SPEC.md "Future<T>").
#include "errors.h"
#include "future.h"
#include "waiting.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <stdexcept>
#include <thread>

using namespace ps;

namespace {

enum class Start { Pending, Running, Finished, Failed, Cancelled };

Promise<int> promiseIn(Start state)
{
    Promise<int> p;
    switch (state) {
    case Start::Pending: break;
    case Start::Running: p.setRunning(QStringLiteral("t")); break;
    case Start::Finished: p.setRunning(); p.setResult(7); break;
    case Start::Failed: p.setRunning(); p.setException(std::make_exception_ptr(std::out_of_range("x"))); break;
    case Start::Cancelled: p.cancel(); break;
    }
    return p;
}

} // namespace

Q_DECLARE_METATYPE(Start)
Q_DECLARE_METATYPE(ps::FutureStatus)

class TestFuture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cancelInEachState_data()
    {
        QTest::addColumn<Start>("start");
        QTest::addColumn<bool>("returns");
        QTest::addColumn<FutureStatus>("after");
        QTest::newRow("pending future is cancelled") << Start::Pending << true << FutureStatus::Cancelled;
        QTest::newRow("running future refuses") << Start::Running << false << FutureStatus::Running;
        QTest::newRow("finished future refuses") << Start::Finished << false << FutureStatus::Finished;
        QTest::newRow("failed future refuses") << Start::Failed << false << FutureStatus::Finished;
        QTest::newRow("cancelled future says yes again") << Start::Cancelled << true << FutureStatus::Cancelled;
    }
    void cancelInEachState()
    {
        QFETCH(Start, start);
        QFETCH(bool, returns);
        QFETCH(FutureStatus, after);
        Promise<int> p = promiseIn(start);
        Future<int> f = p.future();
        QCOMPARE(f.cancel(), returns);
        QCOMPARE(f.status(), after);
        QCOMPARE(f.done(), after == FutureStatus::Finished || after == FutureStatus::Cancelled);
        QCOMPARE(f.running(), after == FutureStatus::Running);
        QCOMPARE(f.cancelled(), after == FutureStatus::Cancelled);
    }

    void onlyLegalTransitions()
    {
        Promise<int> p;
        QVERIFY(p.setRunning(QStringLiteral("worker-a")));
        QCOMPARE(p.future().worker(), QStringLiteral("worker-a"));
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, p.setRunning());  // Running → Running
        p.setResult(1);
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, p.setResult(2));  // set twice
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, p.setException(std::make_exception_ptr(std::runtime_error("late"))));
        QCOMPARE(p.future().result(), 1);

        Promise<int> cancelled;
        QVERIFY(cancelled.cancel());
        QVERIFY(!cancelled.setRunning());  // the work must not run
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, cancelled.setResult(3));
    }

    void resultAndExceptionOfCancelledFutureThrowCancelledError()
    {
        Promise<int> p;
        p.cancel();
        QVERIFY_THROWS_EXCEPTION(CancelledError, p.future().result(0));
        QVERIFY_THROWS_EXCEPTION(CancelledError, p.future().exception(0));
    }

    void resultTimesOut()
    {
        Promise<int> p;
        QElapsedTimer clock;
        clock.start();
        QVERIFY_THROWS_EXCEPTION(TimeoutError, p.future().result(50));
        QVERIFY(clock.elapsed() >= 45);
        QVERIFY_THROWS_EXCEPTION(TimeoutError, p.future().exception(10));
    }

    void resultWaitsForAnotherThread()
    {
        Promise<int> p;
        std::thread producer([p]() mutable {
            QThread::msleep(30);
            p.setRunning();
            p.setResult(99);
        });
        QCOMPARE(p.future().result(5000), 99);
        producer.join();
    }

    void exceptionKeepsItsType()
    {
        Promise<int> p = promiseIn(Start::Failed);
        QVERIFY(p.future().exception() != nullptr);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, p.future().result());
    }

    void callbacksRunInOrderWhenDone()
    {
        Promise<int> p;
        QStringList calls;
        p.future().addDoneCallback([&](const Future<int> &f) { calls << QStringLiteral("a%1").arg(f.result()); });
        p.future().addDoneCallback([&](const Future<int> &) { throw std::runtime_error("ignored"); });
        p.future().addDoneCallback([&](const Future<int> &) { calls << QStringLiteral("c"); });
        QVERIFY(calls.isEmpty());
        p.setRunning();
        QTest::ignoreMessage(QtWarningMsg, "done-callback threw: ignored");
        p.setResult(5);
        QCOMPARE(calls, (QStringList{QStringLiteral("a5"), QStringLiteral("c")}));
    }

    void callbackOnDoneFutureRunsAtOnceInCaller()
    {
        Promise<int> p = promiseIn(Start::Finished);
        Qt::HANDLE ranIn = nullptr;
        p.future().addDoneCallback([&](const Future<int> &) { ranIn = QThread::currentThreadId(); });
        QCOMPARE(ranIn, QThread::currentThreadId());
    }

    void callbackRunsOnCancel()
    {
        Promise<int> p;
        bool sawCancelled = false;
        p.future().addDoneCallback([&](const Future<int> &f) { sawCancelled = f.cancelled(); });
        p.cancel();
        QVERIFY(sawCancelled);
    }

    void thenDeliversOnTheContextThread()
    {
        Promise<int> p;
        QObject context;
        Qt::HANDLE ranIn = nullptr;
        int value = 0;
        p.future().then(&context, [&](const Future<int> &f) {
            ranIn = QThread::currentThreadId();
            value = f.result();
        });
        std::thread producer([p]() mutable {
            p.setRunning();
            p.setResult(11);
        });
        producer.join();
        QCOMPARE(value, 0);  // queued: not run in the producer
        QTRY_COMPARE(value, 11);
        QCOMPARE(ranIn, QThread::currentThreadId());
    }

    void thenSkipsDestroyedContext()
    {
        Promise<int> p;
        bool ran = false;
        {
            QObject context;
            p.future().then(&context, [&](const Future<int> &) { ran = true; });
        }
        p.setRunning();
        p.setResult(1);
        QCoreApplication::processEvents();
        QVERIFY(!ran);
    }

    void qFutureWatcherSeesFinished()
    {
        Promise<int> p;
        QFutureWatcher<int> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcher<int>::finished);
        watcher.setFuture(p.future().toQFuture());
        std::thread producer([p]() mutable {
            p.setRunning();
            p.setResult(3);
        });
        producer.join();
        QVERIFY(finished.wait(5000));
        QCOMPARE(watcher.result(), 3);
    }

    void qFutureOfCancelledFutureIsCancelled()
    {
        Promise<int> p;
        QFuture<int> q = p.future().toQFuture();
        p.cancel();
        QVERIFY(q.isCanceled());
        QVERIFY(q.isFinished());
    }

    // ---- wait() ------------------------------------------------------------------------

    void waitReturnsDoneAndNotDone_data()
    {
        QTest::addColumn<int>("returnWhen");
        QTest::addColumn<int>("expectDone");
        QTest::newRow("FIRST_COMPLETED returns with the finished one") << int(ReturnWhen::FirstCompleted) << 2;
        QTest::newRow("FIRST_EXCEPTION returns at the failed one") << int(ReturnWhen::FirstException) << 2;
        QTest::newRow("ALL_COMPLETED times out, never throws") << int(ReturnWhen::AllCompleted) << 2;
    }
    void waitReturnsDoneAndNotDone()
    {
        QFETCH(int, returnWhen);
        QFETCH(int, expectDone);
        Promise<int> finished = promiseIn(Start::Finished);
        Promise<int> failed = promiseIn(Start::Failed);
        Promise<int> pending;
        const auto r = wait<int>({finished.future(), failed.future(), pending.future()}, 100,
                                 ReturnWhen(returnWhen));
        QCOMPARE(int(r.done.size()), expectDone);
        QCOMPARE(int(r.notDone.size()), 1);
        QVERIFY(r.notDone.front() == pending.future());
    }

    void waitFirstExceptionFallsBackToAllCompleted()
    {
        Promise<int> a;
        Promise<int> b;
        std::thread producer([a, b]() mutable {
            QThread::msleep(20);
            a.setRunning();
            a.setResult(1);
            QThread::msleep(20);
            b.setRunning();
            b.setResult(2);
        });
        const auto r = wait<int>({a.future(), b.future()}, 5000, ReturnWhen::FirstException);
        producer.join();
        QCOMPARE(int(r.done.size()), 2);  // nothing failed: it waited for all
    }

    void waitCountsCancelledWhilePendingAsDone()
    {
        Promise<int> a;
        Promise<int> b;
        std::thread canceller([a, b]() mutable {
            QThread::msleep(20);
            a.cancel();
            b.cancel();
        });
        const auto r = wait<int>({a.future(), b.future()}, 5000, ReturnWhen::AllCompleted);
        canceller.join();
        QCOMPARE(int(r.done.size()), 2);
        QVERIFY(r.notDone.empty());
    }

    void waitFoldsDuplicates()
    {
        Promise<int> a = promiseIn(Start::Finished);
        const auto r = wait<int>({a.future(), a.future(), a.future()}, 0);
        QCOMPARE(int(r.done.size()), 1);
    }

    // ---- asCompleted() -----------------------------------------------------------------

    void asCompletedYieldsDoneFirstThenInCompletionOrder()
    {
        Promise<int> early = promiseIn(Start::Finished);
        Promise<int> second;
        Promise<int> first;
        std::thread producer([first, second]() mutable {
            QThread::msleep(20);
            first.setRunning();
            first.setResult(1);
            QThread::msleep(20);
            second.setRunning();
            second.setResult(2);
        });
        QList<int> order;
        for (const Future<int> &f : asCompleted<int>({second.future(), early.future(), first.future(), early.future()}, 5000))
            order << f.result();
        producer.join();
        QCOMPARE(order, (QList<int>{7, 1, 2}));  // duplicates folded
    }

    void asCompletedTimeoutNamesUnfinished()
    {
        Promise<int> done = promiseIn(Start::Finished);
        Promise<int> never1;
        Promise<int> never2;
        auto it = asCompleted<int>({done.future(), never1.future(), never2.future()}, 50);
        Future<int> f;
        QVERIFY(it.next(&f));
        try {
            it.next(&f);
            QFAIL("expected TimeoutError");
        } catch (const TimeoutError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("2 (of 3) futures unfinished")), e.what());
        }
    }

    void asCompletedSeesFuturesCancelledWhilePending()
    {
        Promise<int> a;
        std::thread canceller([a]() mutable {
            QThread::msleep(20);
            a.cancel();
        });
        int yielded = 0;
        for (const Future<int> &f : asCompleted<int>({a.future()}, 5000)) {
            QVERIFY(f.cancelled());
            ++yielded;
        }
        canceller.join();
        QCOMPARE(yielded, 1);
    }
};

QTEST_GUILESS_MAIN(TestFuture)
#include "tst_future.moc"
