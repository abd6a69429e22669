// ResultsModel and ResultsProxyModel: rows per target, state updates batched into ranged
// dataChanged, numeric sorting with blanks last, filtering. QAbstractItemModelTester on both.
#include "resultsmodel.h"
#include "resultsproxymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ps;

namespace {

std::vector<Target> targets(const QStringList &texts)
{
    std::vector<Target> out;
    for (const QString &t : texts)
        out.push_back({t, QHostAddress(t)});
    return out;
}

HostResult alive(const QString &address, double rtt)
{
    HostResult r;
    r.address = address;
    r.status = HostResult::Status::Alive;
    r.sent = r.received = 1;
    r.rttMinMs = r.rttAvgMs = r.rttMaxMs = rtt;
    r.ttl = 64;
    return r;
}

HostResult dead(const QString &address)
{
    HostResult r;
    r.address = address;
    r.status = HostResult::Status::Dead;
    r.sent = 1;
    return r;
}

QStringList column(const QAbstractItemModel &model, int column)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data().toString();
    return values;
}

} // namespace

class TestResultsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAppearPendingAndUpdateAsResultsArrive()
    {
        ResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTargets(targets({QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2")}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ResultsModel::StateColumn).data().toString(), QStringLiteral("pending"));
        QSignalSpy changed(&model, &ResultsModel::dataChanged);
        model.markRunning(1);
        model.setResult(0, alive(QStringLiteral("127.0.0.1"), 0.042));
        QCOMPARE(changed.count(), 0);  // batched, not one signal per row
        QTRY_COMPARE(changed.count(), 1);
        const QModelIndex first = changed.at(0).at(0).toModelIndex();
        const QModelIndex last = changed.at(0).at(1).toModelIndex();
        QCOMPARE(first.row(), 0);
        QCOMPARE(last.row(), 1);  // one ranged dataChanged over both rows
        QCOMPARE(model.index(0, ResultsModel::StateColumn).data().toString(), QStringLiteral("finished"));
        QCOMPARE(model.index(1, ResultsModel::StateColumn).data().toString(), QStringLiteral("running"));
        QCOMPARE(model.index(0, ResultsModel::StatusColumn).data().toString(), QStringLiteral("alive"));
        QCOMPARE(model.index(0, ResultsModel::RttAvgColumn).data().toString(), QStringLiteral("0.042"));
        QCOMPARE(model.index(0, ResultsModel::TtlColumn).data().toString(), QStringLiteral("64"));
        QCOMPARE(model.index(0, ResultsModel::LossColumn).data().toString(), QStringLiteral("0"));
    }

    void cancelledResultMarksRowCancelled()
    {
        ResultsModel model;
        model.setTargets(targets({QStringLiteral("127.0.0.1")}));
        HostResult r;
        r.address = QStringLiteral("127.0.0.1");
        r.status = HostResult::Status::Cancelled;
        model.setResult(0, r);
        model.flush();
        QCOMPARE(model.index(0, ResultsModel::StateColumn).data().toString(), QStringLiteral("cancelled"));
    }

    void addressesSortNumericallyIpv4BeforeIpv6()
    {
        ResultsModel model;
        ResultsProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTargets(targets({QStringLiteral("127.0.0.10"), QStringLiteral("::1"), QStringLiteral("127.0.0.9"),
                                  QStringLiteral("127.0.1.1"), QStringLiteral("127.0.0.100")}));
        proxy.sort(ResultsModel::AddressColumn, Qt::AscendingOrder);
        QCOMPARE(column(proxy, ResultsModel::AddressColumn),
                 (QStringList{QStringLiteral("127.0.0.9"), QStringLiteral("127.0.0.10"), QStringLiteral("127.0.0.100"),
                              QStringLiteral("127.0.1.1"), QStringLiteral("::1")}));
    }

    void numbersSortAsNumbersBlanksLast_data()
    {
        QTest::addColumn<int>("order");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("ascending: 2 before 10, blank last")
            << int(Qt::AscendingOrder) << QStringList{QStringLiteral("127.0.0.2"), QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.3")};
        QTest::newRow("descending: 10 before 2, blank still last")
            << int(Qt::DescendingOrder) << QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2"), QStringLiteral("127.0.0.3")};
    }
    void numbersSortAsNumbersBlanksLast()
    {
        QFETCH(int, order);
        QFETCH(QStringList, expected);
        ResultsModel model;
        ResultsProxyModel proxy;
        proxy.setSourceModel(&model);
        model.setTargets(targets({QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2"), QStringLiteral("127.0.0.3")}));
        model.setResult(0, alive(QStringLiteral("127.0.0.1"), 10.0));
        model.setResult(1, alive(QStringLiteral("127.0.0.2"), 2.0));
        model.setResult(2, dead(QStringLiteral("127.0.0.3")));
        model.flush();
        proxy.sort(ResultsModel::RttAvgColumn, Qt::SortOrder(order));
        QCOMPARE(column(proxy, ResultsModel::AddressColumn), expected);
    }

    void filterByTextAndAliveOnly()
    {
        ResultsModel model;
        ResultsProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTargets(targets({QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2"), QStringLiteral("127.0.0.12")}));
        model.setResult(0, alive(QStringLiteral("127.0.0.1"), 1.0));
        model.setResult(1, dead(QStringLiteral("127.0.0.2")));
        model.setResult(2, dead(QStringLiteral("127.0.0.12")));
        model.flush();
        proxy.setFilterText(QStringLiteral("0.1"));
        QCOMPARE(column(proxy, ResultsModel::AddressColumn),
                 (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.12")}));
        proxy.setAliveOnly(true);
        QCOMPARE(column(proxy, ResultsModel::AddressColumn), QStringList{QStringLiteral("127.0.0.1")});
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setAliveOnly(false);
        QCOMPARE(proxy.rowCount(), 3);
    }
};

QTEST_MAIN(TestResultsModel)
#include "tst_resultsmodel.moc"
