// ResultsModel and ResultsProxyModel: rows per target, state updates batched into ranged
// dataChanged, big tables shown a chunk per turn, removals, numeric sorting with blanks last
// (also while results stream in), filtering. QAbstractItemModelTester on both.
#include "resultsmodel.h"
#include "resultsproxymodel.h"

#include <QAbstractItemModelTester>
#include <QSet>

#include <algorithm>
#include <numeric>
#include <QSignalSpy>
#include <QRandomGenerator>
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

std::vector<Target> loopbackBlock(int count)
{
    std::vector<Target> out;
    for (int i = 0; i < count; ++i) {
        const QHostAddress a(quint32(0x7f000000u + quint32(i) + 1));
        out.push_back({a.toString(), a});
    }
    return out;
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

    void bigTablesAreShownAChunkPerTurn()
    {
        ResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int total = ResultsModel::kExposeChunk * 2 + 100;
        const quint64 first = model.setTargets(loopbackBlock(total));
        QCOMPARE(model.rowCount(), ResultsModel::kExposeChunk);  // the rest follows, turn by turn
        QCOMPARE(model.totalRows(), total);
        // A row not shown yet still takes its result, and shows it when it appears.
        const int late = total - 1;
        QCOMPARE(model.rowOfId(first + quint64(late)), late);
        QSignalSpy changed(&model, &ResultsModel::dataChanged);
        model.setResult(late, alive(model.addressAt(late), 1.5));
        model.flush();
        QCOMPARE(changed.count(), 0);
        QTRY_COMPARE(model.rowCount(), total);
        QCOMPARE(model.index(late, ResultsModel::RttAvgColumn).data().toString(), QStringLiteral("1.500"));
        QCOMPARE(model.counts().alive, 1);
        QCOMPARE(model.counts().unfinished, total - 1);
    }

    void removingRowsKeepsIdsAndCounts_data()
    {
        QTest::addColumn<QList<int>>("remove");
        QTest::newRow("a few runs") << QList<int>{0, 1, 5, 9, 8};
        QList<int> scattered;  // more runs than one reset is worth
        for (int row = 0; row < 900; row += 2)
            scattered << row;
        QTest::newRow("hundreds of runs, one reset") << scattered;
    }
    void removingRowsKeepsIdsAndCounts()
    {
        QFETCH(QList<int>, remove);
        ResultsModel model;
        ResultsProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const quint64 first = model.setTargets(loopbackBlock(1000));
        for (int row = 0; row < 1000; row += 3)
            model.setResult(row, alive(model.addressAt(row), row));
        model.flush();
        const int aliveBefore = model.counts().alive;
        int aliveRemoved = 0;
        for (int row : remove)
            aliveRemoved += model.isAliveAt(row);
        const QString kept = model.addressAt(999);
        model.removeRowsAt(remove);
        QCOMPARE(model.rowCount(), 1000 - int(QSet<int>(remove.cbegin(), remove.cend()).size()));
        QCOMPARE(model.counts().alive, aliveBefore - aliveRemoved);
        QCOMPARE(model.rowOfId(first), -1);  // row 0 is gone in both cases
        const int row = model.rowOfId(first + 999);
        QVERIFY(row >= 0);
        QCOMPARE(model.addressAt(row), kept);
        QCOMPARE(proxy.rowCount(), model.rowCount());
    }

    void openedResultsAreFinishedRows()
    {
        ResultsModel model;
        HostResult cancelled;
        cancelled.address = QStringLiteral("127.0.0.3");
        cancelled.status = HostResult::Status::Cancelled;
        model.setResults({alive(QStringLiteral("127.0.0.1"), 1.0), dead(QStringLiteral("127.0.0.2")), cancelled});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.stateAt(0), ResultsModel::RowState::Finished);
        QCOMPARE(model.stateAt(2), ResultsModel::RowState::Cancelled);
        QCOMPARE(model.counts().alive, 1);
        QCOMPARE(model.counts().dead, 1);
        QCOMPARE(model.counts().cancelled, 1);
        QCOMPARE(int(model.allResults().size()), 3);
    }

    // ResultsProxyModel compares rows directly (and from cached keys for numeric columns);
    // it must order exactly as sorting by SortRole does, blanks last either way.
    void fastComparisonsAgreeWithSortRole_data()
    {
        QTest::addColumn<int>("sortColumn");
        QTest::addColumn<int>("order");
        for (int c = 0; c < ResultsModel::ColumnCount; ++c) {
            QTest::addRow("column %d ascending", c) << c << int(Qt::AscendingOrder);
            QTest::addRow("column %d descending", c) << c << int(Qt::DescendingOrder);
        }
    }
    void fastComparisonsAgreeWithSortRole()
    {
        QFETCH(int, sortColumn);
        QFETCH(int, order);
        ResultsModel model;
        std::vector<Target> targets = loopbackBlock(300);
        targets.push_back({QStringLiteral("::1"), QHostAddress(QStringLiteral("::1"))});
        targets.push_back({QStringLiteral("2001:db8::2"), QHostAddress(QStringLiteral("2001:db8::2"))});
        targets.push_back({QStringLiteral("router"), QHostAddress()});
        std::reverse(targets.begin(), targets.end());
        model.setTargets(targets);
        QRandomGenerator random(42);
        for (int row = 0; row < model.rowCount(); ++row) {
            switch (random.bounded(4)) {
            case 0: break;  // pending: blank results
            case 1: model.markRunning(row); break;
            case 2: model.setResult(row, dead(model.addressAt(row))); break;
            default: {
                HostResult r = alive(model.addressAt(row), random.bounded(20) / 4.0);  // ties too
                r.ttl = 60 + random.bounded(5);
                r.worker = QStringLiteral("sweep_%1").arg(random.bounded(3));
                if (random.bounded(3) == 0)
                    r.hostname = QStringLiteral("Host%1").arg(random.bounded(5));
                model.setResult(row, r);
            }
            }
        }
        model.flush();
        ResultsProxyModel fast;
        fast.setSourceModel(&model);
        fast.sort(sortColumn, Qt::SortOrder(order));
        // The reference: the base class on SortRole, blanks moved last by hand.
        QList<int> rows(model.rowCount());
        std::iota(rows.begin(), rows.end(), 0);
        auto value = [&](int row) { return model.index(row, sortColumn).data(ResultsModel::SortRole); };
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
            const QVariant va = value(a), vb = value(b);
            if (!va.isValid() || !vb.isValid())
                return va.isValid() && !vb.isValid();
            const QPartialOrdering c = QVariant::compare(va, vb);
            return order == Qt::AscendingOrder ? c == QPartialOrdering::Less : c == QPartialOrdering::Greater;
        });
        for (int i = 0; i < rows.size(); ++i) {
            const QVariant expected = value(rows[i]);
            const QVariant actual = fast.index(i, sortColumn).data(ResultsModel::SortRole);
            QVERIFY2(expected == actual || (!expected.isValid() && !actual.isValid()),
                     qPrintable(QStringLiteral("row %1: %2 vs %3").arg(i).arg(expected.toString(), actual.toString())));
        }
    }

    void aBigBatchResortsATableSortedByAResultColumn()
    {
        ResultsModel model;
        ResultsProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTargets(loopbackBlock(2000));
        proxy.sort(ResultsModel::RttAvgColumn, Qt::AscendingOrder);
        QSignalSpy layout(&model, &ResultsModel::layoutChanged);
        QSignalSpy changed(&model, &ResultsModel::dataChanged);
        for (int row = 0; row < 2000; ++row)
            model.setResult(row, alive(model.addressAt(row), (row * 7919) % 1000 / 10.0));
        model.flush();
        QCOMPARE(layout.count(), 1);   // one re-sort for 2,000 rows, not 2,000 moves
        QCOMPARE(changed.count(), 0);
        double previous = -1;
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const double rtt = proxy.index(row, ResultsModel::RttAvgColumn).data(ResultsModel::SortRole).toDouble();
            QVERIFY(rtt >= previous);
            previous = rtt;
        }
        // A small batch stays a ranged dataChanged.
        model.setResult(5, alive(model.addressAt(5), 500.0));
        model.flush();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(proxy.index(proxy.rowCount() - 1, ResultsModel::AddressColumn).data().toString(), model.addressAt(5));
    }
};

QTEST_MAIN(TestResultsModel)
#include "tst_resultsmodel.moc"
