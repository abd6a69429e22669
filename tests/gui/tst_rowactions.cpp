// Row actions on the real window (copy, remove, re-ping mapped back onto rows, open a host
// with a command and no shell) and the small pieces behind them: HostCommand, TargetInput,
// ProgressTracker. Only loopback is ever probed.
#include "guitest.h"
#include "hostcommand.h"
#include "mainwindow.h"
#include "progresstracker.h"
#include "resultsmodel.h"
#include "resultsproxymodel.h"
#include "rowactions.h"
#include "sweepcontroller.h"
#include "sweepsession.h"
#include "targetinput.h"

#include <QAction>
#include <QClipboard>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ps;
using guitest::child;

namespace {

bool sweep(MainWindow &window, const QString &targets)
{
    child<QLineEdit>(&window, "targetsEdit")->setText(targets);
    window.startSweep();
    return QTest::qWaitFor([&] { return !window.session()->isBusy() && window.resultsModel()->rowCount() > 0; },
                           30000);
}

QAction *action(MainWindow &window, const QString &text)
{
    for (QAction *a : window.rowActions()->actions()) {
        if (a->text().remove(u'&') == text)
            return a;
    }
    return nullptr;
}

} // namespace

class TestRowActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::isolateSettings(m_settingsDir.path()); }
    void init() { guitest::resetSettings(); }

    void copyAddressesAndRows()
    {
        MainWindow window;
        window.show();
        QVERIFY(sweep(window, QStringLiteral("127.0.0.0/29")));
        auto *view = child<QTableView>(&window, "resultsView");
        view->setFocus();
        view->selectRow(0);
        view->selectionModel()->select(window.proxyModel()->index(2, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("127.0.0.1\n127.0.0.3\n"));
        action(window, QStringLiteral("Copy rows"))->trigger();
        const QStringList lines = QGuiApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const QStringList cells = lines.first().split(u'\t');
        QCOMPARE(cells.size(), int(ResultsModel::ColumnCount));
        QCOMPARE(cells.at(ResultsModel::AddressColumn), QStringLiteral("127.0.0.1"));
        QCOMPARE(cells.at(ResultsModel::StatusColumn), QStringLiteral("alive"));
    }

    void removeRowsKeepsCountsTrue()
    {
        MainWindow window;
        window.show();
        QVERIFY(sweep(window, QStringLiteral("127.0.0.0/29")));
        auto *view = child<QTableView>(&window, "resultsView");
        view->setFocus();
        view->selectRow(1);
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(window.resultsModel()->rowCount(), 5);
        QCOMPARE(window.resultsModel()->counts().alive, 5);
        QVERIFY(!window.resultsModel()->allResults().empty());
        for (const HostResult &r : window.resultsModel()->allResults())
            QVERIFY(r.address != QStringLiteral("127.0.0.2"));
    }

    void removingRowsDuringASweepIsSafe()
    {
        MainWindow window;
        window.show();
        child<QLineEdit>(&window, "targetsEdit")->setText(QStringLiteral("127.0.0.0/22"));
        window.startSweep();
        QVERIFY(window.sweepController()->isRunning());
        window.resultsModel()->removeRowsAt({0, 1, 2, 500, 501, 1000});
        QTRY_VERIFY_WITH_TIMEOUT(!window.session()->isBusy(), 30000);
        window.resultsModel()->flush();
        QCOMPARE(window.resultsModel()->rowCount(), 1022 - 6);
        QCOMPARE(window.resultsModel()->counts().unfinished, 0);
    }

    void repingMapsResultsBackOntoTheirRows()
    {
        MainWindow window;
        window.show();
        QVERIFY(sweep(window, QStringLiteral("127.0.0.0/28")));
        ResultsModel *model = window.resultsModel();
        std::vector<QDateTime> before;
        for (int row = 0; row < model->rowCount(); ++row)
            before.push_back(model->resultAt(row)->finishedAt);
        // Rows 2 and 5 as the table shows them (sorted by address: 127.0.0.3 and 127.0.0.6).
        auto *view = child<QTableView>(&window, "resultsView");
        view->selectRow(2);
        view->selectionModel()->select(window.proxyModel()->index(5, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QTest::qWait(5);  // a new finishedAt must differ from the old one
        action(window, QStringLiteral("Re-ping selected"))->trigger();
        QVERIFY(window.session()->isBusy());
        QCOMPARE(window.session()->total(), 2);
        QCOMPARE(model->rowCount(), 14);  // the table is not cleared
        QTRY_VERIFY_WITH_TIMEOUT(!window.session()->isBusy(), 30000);
        model->flush();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString address = model->addressAt(row);
            const bool repinged = address == QStringLiteral("127.0.0.3") || address == QStringLiteral("127.0.0.6");
            QCOMPARE(model->stateAt(row), ResultsModel::RowState::Finished);
            QCOMPARE(model->resultAt(row)->address, address);  // each result on its own row
            QCOMPARE(model->resultAt(row)->finishedAt != before[std::size_t(row)], repinged);
        }
        QCOMPARE(model->counts().alive, 14);
    }

    void openInBrowserRunsTheCommandWithoutAShell()
    {
        MainWindow window;
        window.show();
        QVERIFY(sweep(window, QStringLiteral("127.0.0.1 ::1")));
        QList<HostCommand> launched;
        window.rowActions()->setLauncher([&launched](const HostCommand &command, QString *) {
            launched << command;
            return true;
        });
        window.rowActions()->setCommands(QStringLiteral("my-browser --new-tab \"http://%ip%:8080/a b\""),
                                         QStringLiteral("term -e ssh admin@%ip%"));
        auto *view = child<QTableView>(&window, "resultsView");
        view->setCurrentIndex(window.proxyModel()->index(0, 0));
        action(window, QStringLiteral("Open in browser"))->trigger();
        view->setCurrentIndex(window.proxyModel()->index(1, 0));
        action(window, QStringLiteral("Open in browser"))->trigger();
        action(window, QStringLiteral("Open SSH"))->trigger();
        QCOMPARE(launched.size(), 3);
        QCOMPARE(launched[0].program, QStringLiteral("my-browser"));
        QCOMPARE(launched[0].arguments,
                 (QStringList{QStringLiteral("--new-tab"), QStringLiteral("http://127.0.0.1:8080/a b")}));
        QCOMPARE(launched[1].arguments.last(), QStringLiteral("http://[::1]:8080/a b"));
        QCOMPARE(launched[2].arguments, (QStringList{QStringLiteral("-e"), QStringLiteral("ssh"), QStringLiteral("admin@::1")}));
    }

    void hostCommandExpansion_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("default browser, IPv4")
            << QStringLiteral("xdg-open http://%ip%/") << QStringLiteral("127.0.0.1") << QStringLiteral("xdg-open")
            << QStringList{QStringLiteral("http://127.0.0.1/")};
        QTest::newRow("URL with IPv6 gets brackets")
            << QStringLiteral("xdg-open https://%ip%/") << QStringLiteral("::1") << QStringLiteral("xdg-open")
            << QStringList{QStringLiteral("https://[::1]/")};
        QTest::newRow("IPv6 outside a URL stays bare")
            << QStringLiteral("ssh %ip%") << QStringLiteral("::1") << QStringLiteral("ssh")
            << QStringList{QStringLiteral("::1")};
        QTest::newRow("shell syntax in the address stays one argument")
            << QStringLiteral("ping -c1 %ip%") << QStringLiteral("x; rm -rf ~ $(id)") << QStringLiteral("ping")
            << QStringList{QStringLiteral("-c1"), QStringLiteral("x; rm -rf ~ $(id)")};
        QTest::newRow("quoted words group")
            << QStringLiteral("\"/opt/My Term/term\" -e \"ssh %ip%\"") << QStringLiteral("127.0.0.2")
            << QStringLiteral("/opt/My Term/term") << QStringList{QStringLiteral("-e"), QStringLiteral("ssh 127.0.0.2")};
    }
    void hostCommandExpansion()
    {
        QFETCH(QString, command);
        QFETCH(QString, address);
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        HostCommand out;
        QString error;
        QVERIFY(HostCommand::expand(command, address, &out, &error));
        QCOMPARE(out.program, program);
        QCOMPARE(out.arguments, arguments);
    }

    void anEmptyCommandIsAnError()
    {
        HostCommand out;
        QString error;
        QVERIFY(!HostCommand::expand(QStringLiteral("   "), QStringLiteral("127.0.0.1"), &out, &error));
        QVERIFY(!error.isEmpty());
    }

    void aMissingProgramIsReportedNotRun()
    {
        HostCommand command{QStringLiteral("/nonexistent/pingsweep-no-such-program"), {}};
        QString error;
        QVERIFY(!HostCommand::launchDetached(command, &error));
        QVERIFY2(error.contains(QStringLiteral("pingsweep-no-such-program")), qPrintable(error));
    }

    void targetInputSplitsFileTokens_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("filesFirst");
        QTest::newRow("typed only") << QStringLiteral("127.0.0.1 127.0.0.0/30") << QStringList{}
                                    << QStringLiteral("127.0.0.1 127.0.0.0/30") << false;
        QTest::newRow("file, then typed; columns kept")
            << QStringLiteral("@/tmp/a.txt 127.0.0.1") << QStringList{QStringLiteral("/tmp/a.txt")}
            << QStringLiteral("            127.0.0.1") << true;
        QTest::newRow("quoted path with space and quote")
            << QStringLiteral("127.0.0.9, @\"/tmp/my \"\"lab\"\".txt\"") << QStringList{QStringLiteral("/tmp/my \"lab\".txt")}
            << QStringLiteral("127.0.0.9,                       ") << false;
        QTest::newRow("comma ends an unquoted path")
            << QStringLiteral("@/tmp/a.txt,@/tmp/b.txt") << QStringList{QStringLiteral("/tmp/a.txt"), QStringLiteral("/tmp/b.txt")}
            << QStringLiteral("           ,           ") << true;
    }
    void targetInputSplitsFileTokens()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, files);
        QFETCH(QString, typed);
        QFETCH(bool, filesFirst);
        const TargetInput input = TargetInput::split(text);
        QCOMPARE(input.files, files);
        QCOMPARE(input.typedText, typed);
        QCOMPARE(input.filesFirst, filesFirst);
    }

    void fileTokenRoundTrips_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << QStringLiteral("/tmp/hosts.txt");
        QTest::newRow("space") << QStringLiteral("/tmp/my hosts.txt");
        QTest::newRow("comma and quote") << QStringLiteral("/tmp/a,\"b\".txt");
    }
    void fileTokenRoundTrips()
    {
        QFETCH(QString, path);
        QCOMPARE(TargetInput::split(TargetInput::fileToken(path)).files, QStringList{path});
    }

    void progressText_data()
    {
        QTest::addColumn<int>("done");
        QTest::addColumn<int>("total");
        QTest::addColumn<double>("rate");
        QTest::addColumn<qint64>("eta");
        QTest::addColumn<QString>("expected");
        QTest::newRow("running with a rate") << 1000 << 4000 << 500.0 << qint64(6000)
                                             << QStringLiteral("1000 / 4000 · 500 hosts/s · ETA 6.0 s");
        QTest::newRow("minutes") << 10 << 100000 << 100.0 << qint64(999900)
                                 << QStringLiteral("10 / 100000 · 100 hosts/s · ETA 16:40");
    }
    void progressText()
    {
        QFETCH(int, done);
        QFETCH(int, total);
        QFETCH(double, rate);
        QFETCH(qint64, eta);
        QFETCH(QString, expected);
        QLocale::setDefault(QLocale::c());
        ProgressTracker::Snapshot s;
        s.done = done;
        s.total = total;
        s.rate = rate;
        s.etaMs = eta;
        s.running = true;
        QCOMPARE(ProgressTracker::progressText(s), expected);
    }

    void rateIsRecent()
    {
        QCOMPARE(ProgressTracker::rateOf(0, 0, 2000, 1000), 500.0);
        QCOMPARE(ProgressTracker::rateOf(1000, 10, 1000, 10), 0.0);
        QCOMPARE(ProgressTracker::durationText(65000), QStringLiteral("1:05"));
        QCOMPARE(ProgressTracker::durationText(7), QStringLiteral("7 ms"));
        QCOMPARE(ProgressTracker::durationText(3723000), QStringLiteral("1:02:03"));
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestRowActions)
#include "tst_rowactions.moc"
