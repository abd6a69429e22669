// Property: the same 1,000 random tasks give the same results (values, or exception types and
// messages) in thread mode and in process mode — the two modes are interchangeable.
#include "processpoolexecutor.h"
#include "testtasks.h"
#include "threadpoolexecutor.h"

#include <QCborArray>
#include <QCborMap>
#include <QRandomGenerator>
#include <QTest>

#include <typeinfo>

using namespace ps;

namespace {

struct Job
{
    QString task;
    QCborValue argument;
};

std::vector<Job> randomJobs(quint32 seed, int count)
{
    QRandomGenerator rng(seed);
    std::vector<Job> jobs;
    const char *types[] = {"out_of_range", "invalid_argument", "runtime_error", "logic_error"};
    for (int i = 0; i < count; ++i) {
        const qint64 a = rng.bounded(-100000, 100000);
        const qint64 b = rng.bounded(-100000, 100000);
        switch (rng.bounded(5)) {
        case 0: jobs.push_back({QStringLiteral("echo"), QStringLiteral("item %1 \u00e9\u4e2d").arg(a)}); break;
        case 1: jobs.push_back({QStringLiteral("add"), QCborArray{a, b}}); break;
        case 2: jobs.push_back({QStringLiteral("square"), a}); break;
        case 3: jobs.push_back({QStringLiteral("echo"), QCborMap{{QStringLiteral("k"), a}, {QStringLiteral("d"), double(b) / 7.0}}}); break;
        default:
            jobs.push_back({QStringLiteral("throw"),
                            QCborMap{{QStringLiteral("type"), QLatin1String(types[rng.bounded(4)])},
                                     {QStringLiteral("message"), QStringLiteral("fail %1").arg(a)}}});
        }
    }
    return jobs;
}

// A comparable outcome: the value, or the exception's dynamic type and message.
QString outcome(const Future<QCborValue> &f)
{
    try {
        return QStringLiteral("value:") + QString::fromLatin1(f.result(30000).toCbor().toHex());
    } catch (const std::exception &e) {
        return QStringLiteral("error:%1:%2").arg(QLatin1String(typeid(e).name()), QString::fromUtf8(e.what()));
    }
}

QStringList runAll(Executor &executor, const std::vector<Job> &jobs)
{
    std::vector<Future<QCborValue>> futures;
    for (const Job &job : jobs)
        futures.push_back(executor.submit(job.task, job.argument));
    QStringList outcomes;
    for (const auto &f : futures)
        outcomes << outcome(f);
    return outcomes;
}

} // namespace

class TestExecutorEquivalence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameResultsInBothModes_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 1") << 1u;
        QTest::newRow("seed 20261125") << 20261125u;
    }
    void sameResultsInBothModes()
    {
        QFETCH(quint32, seed);
        const std::vector<Job> jobs = randomJobs(seed, 1000);
        auto registry = std::make_shared<TaskRegistry>();
        registerTestTasks(*registry);
        ThreadPoolExecutor threads(registry, {4, {}, {}});
        ProcessPoolOptions options;
        options.maxWorkers = 2;
        options.inFlightPerWorker = 16;
        options.program = QStringLiteral(PS_BIN_DIR "/pingsweep-worker");
        options.arguments = {QStringLiteral("--test-tasks")};
        ProcessPoolExecutor processes(options);
        // Swapping modes changes only the executor object: the calls below are the same.
        const QStringList inThreads = runAll(threads, jobs);
        const QStringList inProcesses = runAll(processes, jobs);
        QCOMPARE(inThreads.size(), 1000);
        QCOMPARE(inProcesses, inThreads);
        QVERIFY(inThreads.filter(QStringLiteral("error:")).size() > 100);  // the mix holds failures
    }
};

QTEST_GUILESS_MAIN(TestExecutorEquivalence)
#include "tst_executorequivalence.moc"
