// The real window under the offscreen platform: type targets, start a loopback sweep, watch
// every row finish, stop mid-sweep, close mid-sweep, filter and sort, keyboard use, limits.
// Only loopback is ever probed.
#include "guitest.h"
#include "interfacemenu.h"
#include "mainwindow.h"
#include "resultsmodel.h"
#include "resultsproxymodel.h"
#include "sweepcontroller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace ps;
using guitest::child;

namespace {

int countState(const ResultsModel *model, ResultsModel::RowState state)
{
    int n = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        n += model->stateAt(row) == state;
    return n;
}

QString summary(MainWindow &window)
{
    return child<QLabel>(&window, "summaryLabel")->text();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::isolateSettings(m_settingsDir.path()); }
    void init() { guitest::resetSettings(); }

    void firstRunOpensWithTheLoopbackDemo()
    {
        MainWindow window;
        QCOMPARE(child<QLineEdit>(&window, "targetsEdit")->text(), QStringLiteral("127.0.0.0/28"));
        QVERIFY(!window.sweepController()->isRunning());  // nothing starts by itself
        QCOMPARE(window.resultsModel()->rowCount(), 0);
    }

    void loopbackSweepFillsTheTable_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("threads") << 0;
        QTest::newRow("processes") << 1;
    }
    void loopbackSweepFillsTheTable()
    {
        QFETCH(int, mode);
        MainWindow window;
        window.show();
        auto *targets = child<QLineEdit>(&window, "targetsEdit");
        auto *start = child<QPushButton>(&window, "startButton");
        auto *modeCombo = child<QComboBox>(&window, "modeCombo");
        QVERIFY(targets && start && modeCombo);
        modeCombo->setCurrentIndex(mode);
        targets->clear();
        QTest::keyClicks(targets, QStringLiteral("127.0.0.0/29, 127.0.1.1"));
        QTest::mouseClick(start, Qt::LeftButton);
        ResultsModel *model = window.resultsModel();
        QCOMPARE(model->rowCount(), 7);  // 6 of the /29 + 1, there as soon as the sweep starts
        QTRY_COMPARE_WITH_TIMEOUT(countState(model, ResultsModel::RowState::Finished), 7, 30000);
        QTRY_VERIFY(!window.sweepController()->isRunning());
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->index(row, ResultsModel::StateColumn).data().toString(), QStringLiteral("finished"));
            QCOMPARE(model->index(row, ResultsModel::StatusColumn).data().toString(), QStringLiteral("alive"));
            QVERIFY(!model->index(row, ResultsModel::WorkerColumn).data().toString().isEmpty());
        }
        QVERIFY2(summary(window).startsWith(QStringLiteral("7 alive · 0 dead · 0 errors")), qPrintable(summary(window)));
        QVERIFY(start->isEnabled());
        QVERIFY(!child<QPushButton>(&window, "stopButton")->isEnabled());
        // The history remembers what was swept.
        QVERIFY(window.findChild<QLineEdit *>(QStringLiteral("targetsEdit"))->completer());
    }

    void stopMidSweepKeepsFinishedRows()
    {
        MainWindow window;
        window.show();
        auto *targets = child<QLineEdit>(&window, "targetsEdit");
        auto *stop = child<QPushButton>(&window, "stopButton");
        auto *count = child<QSpinBox>(&window, "countSpin");
        // 16,382 hosts, 2 probes a second apart: four in-flight windows of 4,096, each
        // taking a second — when the first hosts finish, later windows are still pending.
        targets->setText(QStringLiteral("127.0.0.0/18"));
        count->setValue(2);
        QMetaObject::invokeMethod(&window, &MainWindow::startSweep);
        QTRY_VERIFY(window.sweepController()->doneCount() > 0);
        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.sweepController()->isRunning(), 30000);
        ResultsModel *model = window.resultsModel();
        model->flush();
        const int finished = countState(model, ResultsModel::RowState::Finished);
        const int cancelled = countState(model, ResultsModel::RowState::Cancelled);
        QCOMPARE(finished + cancelled, 16382);  // every row ends in a final state
        QVERIFY(finished > 0);
        QVERIFY2(cancelled > 0, "the stop came after every host finished; the sweep is too short to test Stop");
        QCOMPARE(model->counts().cancelled, cancelled);
        QVERIFY2(summary(window).contains(QStringLiteral("cancelled")), qPrintable(summary(window)));
    }

    void closingMidSweepDoesNotHang()
    {
        auto *window = new MainWindow;
        window->show();
        child<QLineEdit>(window, "targetsEdit")->setText(QStringLiteral("127.0.0.0/19"));
        child<QSpinBox>(window, "countSpin")->setValue(2);
        QMetaObject::invokeMethod(window, &MainWindow::startSweep);
        QTRY_VERIFY(window->sweepController()->doneCount() > 0);
        QVERIFY(window->sweepController()->isRunning());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(window->close());
        delete window;  // joins what still runs: at most one probe's time (2 × 1 s here)
        QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
    }

    void keyboardStartsAndStops()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *targets = child<QLineEdit>(&window, "targetsEdit");
        targets->setText(QStringLiteral("127.0.0.0/18"));
        child<QSpinBox>(&window, "countSpin")->setValue(2);
        child<QTableView>(&window, "resultsView")->setFocus();
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(window.sweepController()->isRunning());
        QTRY_VERIFY(window.sweepController()->doneCount() > 0);
        QTest::keyClick(&window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!window.sweepController()->isRunning(), 30000);
        QVERIFY(window.resultsModel()->counts().cancelled > 0);
    }

    void tabOrderRunsThroughTheWindow()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        child<QLineEdit>(&window, "targetsEdit")->setFocus();
        QStringList visited;
        for (int i = 0; i < 14; ++i) {
            visited << QApplication::focusWidget()->objectName();
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        }
        // Stop, the ports (not TCP) and the interval (one probe) are disabled: skipped.
        const QStringList expected{QStringLiteral("targetsEdit"), QStringLiteral("importButton"),
                                   QStringLiteral("interfaceButton"), QStringLiteral("startButton"),
                                   QStringLiteral("modeCombo"), QStringLiteral("workersSpin"),
                                   QStringLiteral("methodCombo"), QStringLiteral("reverseDnsCheck"),
                                   QStringLiteral("timeoutSpin"), QStringLiteral("countSpin"),
                                   QStringLiteral("rateSpin"), QStringLiteral("filterEdit"),
                                   QStringLiteral("aliveOnlyCheck"), QStringLiteral("resultsView")};
        QCOMPARE(visited, expected);
    }

    void filterAndSortDuringAndAfterTheSweep()
    {
        // 16,382 hosts at 3 s each, 4,096 in flight: Stop still finds hosts never submitted,
        // whose rows end cancelled, with blank RTTs to sort last.
        MainWindow window;
        window.show();
        child<QLineEdit>(&window, "targetsEdit")->setText(QStringLiteral("127.0.0.0/18"));
        child<QSpinBox>(&window, "countSpin")->setValue(4);  // 3 s a host: still running after the typing
        QMetaObject::invokeMethod(&window, &MainWindow::startSweep);
        QTRY_VERIFY(window.sweepController()->doneCount() > 0);
        QVERIFY(window.sweepController()->isRunning());
        ResultsProxyModel *proxy = window.proxyModel();
        // During: 127.0.0.1x and 127.0.1.x and 127.0.10-19.x … all contain "127.0.1".
        QTest::keyClicks(child<QLineEdit>(&window, "filterEdit"), QStringLiteral("127.0.1"));
        int expected = 0;
        for (int row = 0; row < window.resultsModel()->rowCount(); ++row)
            expected += window.resultsModel()->addressAt(row).contains(QStringLiteral("127.0.1"));
        QTRY_COMPARE(proxy->rowCount(), expected);
        child<QCheckBox>(&window, "aliveOnlyCheck")->setChecked(true);
        QVERIFY(proxy->rowCount() <= expected);
        window.stopSweep();
        QTRY_VERIFY_WITH_TIMEOUT(!window.sweepController()->isRunning(), 30000);
        window.resultsModel()->flush();
        // After: only the alive rows that match are left.
        int alive = 0;
        for (int row = 0; row < window.resultsModel()->rowCount(); ++row)
            alive += window.resultsModel()->isAliveAt(row)
                     && window.resultsModel()->addressAt(row).contains(QStringLiteral("127.0.1"));
        QTRY_COMPARE(proxy->rowCount(), alive);
        child<QCheckBox>(&window, "aliveOnlyCheck")->setChecked(false);
        child<QLineEdit>(&window, "filterEdit")->clear();
        QTRY_COMPARE(proxy->rowCount(), 16382);

        // Sort by clicking the RTT avg header: numbers ascending, blanks (cancelled) last.
        auto *view = child<QTableView>(&window, "resultsView");
        QHeaderView *header = view->horizontalHeader();
        const int x = header->sectionViewportPosition(ResultsModel::RttAvgColumn) + 10;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        QCOMPARE(proxy->sortColumn(), int(ResultsModel::RttAvgColumn));
        double previous = -1;
        bool blanks = false;
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const QString text = proxy->index(row, ResultsModel::RttAvgColumn).data().toString();
            if (text.isEmpty()) {
                blanks = true;
                continue;
            }
            QVERIFY2(!blanks, "a number after a blank");
            QVERIFY(text.toDouble() >= previous);
            previous = text.toDouble();
        }
        QVERIFY(blanks);
    }

    void addressesSortNumerically()
    {
        MainWindow window;
        window.show();
        child<QLineEdit>(&window, "targetsEdit")->setText(QStringLiteral("127.0.0.10 ::1 127.0.0.9 127.0.0.100"));
        QMetaObject::invokeMethod(&window, &MainWindow::startSweep);
        QTRY_VERIFY_WITH_TIMEOUT(!window.sweepController()->isRunning(), 30000);
        QStringList order;
        for (int row = 0; row < window.proxyModel()->rowCount(); ++row)
            order << window.proxyModel()->index(row, ResultsModel::AddressColumn).data().toString();
        QCOMPARE(order, (QStringList{QStringLiteral("127.0.0.9"), QStringLiteral("127.0.0.10"),
                                     QStringLiteral("127.0.0.100"), QStringLiteral("::1")}));
    }

    void invalidTargetsAreReported()
    {
        MainWindow window;
        window.show();
        child<QLineEdit>(&window, "targetsEdit")->setText(QStringLiteral("127.0.0.1 300.1.1.1"));
        QMetaObject::invokeMethod(&window, &MainWindow::startSweep);
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("300.1.1.1")), qPrintable(box->text()));
        QVERIFY(!window.sweepController()->isRunning());
    }

    void theTargetLimitIsShownInAMessageBox()
    {
        MainWindow window;
        window.show();
        child<QLineEdit>(&window, "targetsEdit")->setText(QStringLiteral("127.0.0.0/8"));
        QMetaObject::invokeMethod(&window, &MainWindow::startSweep);
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("1048576")), qPrintable(box->text()));
        QVERIFY(!window.sweepController()->isRunning());
        QCOMPARE(window.resultsModel()->rowCount(), 0);
    }

    void subnetMenuFillsTheFieldAndStartsNothing()
    {
        const QList<InterfaceSubnet> subnets = InterfaceMenu::subnets();
        const auto lo = std::find_if(subnets.cbegin(), subnets.cend(),
                                     [](const InterfaceSubnet &s) { return s.address == QStringLiteral("127.0.0.1"); });
        if (lo == subnets.cend())
            QSKIP("no loopback interface with 127.0.0.1 here");
        QCOMPARE(lo->cidr, QStringLiteral("127.0.0.0/8"));
        MainWindow window;
        window.show();
        auto *menu = child<QMenu>(&window, "interfaceMenu");
        QVERIFY(menu);
        Q_EMIT menu->aboutToShow();  // the menu lists interfaces as it opens
        QAction *entry = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->data().toString() == lo->cidr)
                entry = action;
        }
        QVERIFY(entry);
        entry->trigger();
        QCOMPARE(child<QLineEdit>(&window, "targetsEdit")->text(), QStringLiteral("127.0.0.0/8"));
        QVERIFY(!window.sweepController()->isRunning());
        QCOMPARE(window.resultsModel()->rowCount(), 0);
    }

    void methodLabelSaysWhatAutoPicked()
    {
        MainWindow window;
        auto *label = child<QLabel>(&window, "methodStatusLabel");
        QVERIFY2(label->text().startsWith(QStringLiteral("Method: auto → ")), qPrintable(label->text()));
        QVERIFY(!label->toolTip().isEmpty());
        child<QComboBox>(&window, "methodCombo")->setCurrentIndex(3);  // TCP
        QCOMPARE(label->text(), QStringLiteral("Method: TCP 80, 443, 22"));
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
