// The real window under the offscreen platform: type targets, start a loopback sweep, watch
// every row finish, stop mid-sweep.
#include "mainwindow.h"
#include "resultsmodel.h"
#include "sweepcontroller.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace ps;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
        auto *targets = window.findChild<QLineEdit *>(QStringLiteral("targetsEdit"));
        auto *start = window.findChild<QPushButton *>(QStringLiteral("startButton"));
        auto *modeCombo = window.findChild<QComboBox *>(QStringLiteral("modeCombo"));
        QVERIFY(targets && start && modeCombo);
        modeCombo->setCurrentIndex(mode);
        targets->clear();
        QTest::keyClicks(targets, QStringLiteral("127.0.0.0/29, 127.0.1.1"));
        QTest::mouseClick(start, Qt::LeftButton);
        ResultsModel *model = window.resultsModel();
        QCOMPARE(model->rowCount(), 7);  // 6 of the /29 + 1
        QTRY_VERIFY_WITH_TIMEOUT(!window.sweepController()->isRunning(), 30000);
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->index(row, ResultsModel::StateColumn).data().toString(), QStringLiteral("finished"));
            QCOMPARE(model->index(row, ResultsModel::StatusColumn).data().toString(), QStringLiteral("alive"));
        }
        QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("7 alive, 0 dead, 0 errors")),
                 qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(start->isEnabled());
    }

    void stopMidSweepKeepsFinishedRows()
    {
        MainWindow window;
        window.show();
        auto *targets = window.findChild<QLineEdit *>(QStringLiteral("targetsEdit"));
        auto *stop = window.findChild<QPushButton *>(QStringLiteral("stopButton"));
        auto *count = window.findChild<QSpinBox *>(QStringLiteral("countSpin"));
        // 8,190 hosts, 2 probes a second apart: more than one in-flight window, and each
        // host takes a second — long enough that Stop finds work still pending.
        targets->setText(QStringLiteral("127.0.0.0/19"));
        count->setValue(2);
        QMetaObject::invokeMethod(&window, &MainWindow::startSweep);
        QTRY_VERIFY(window.sweepController()->doneCount() > 0);
        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.sweepController()->isRunning(), 30000);
        ResultsModel *model = window.resultsModel();
        int finished = 0;
        int cancelled = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto state = model->stateAt(row);
            finished += state == ResultsModel::RowState::Finished;
            cancelled += state == ResultsModel::RowState::Cancelled;
        }
        QCOMPARE(finished + cancelled, 8190);  // every row ends in a final state
        QVERIFY(finished > 0);
        QVERIFY2(cancelled > 0, "the stop came after every host finished; the sweep is too short to test Stop");
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
