// Settings round trip through QSettings in a temporary folder: options, targets, history,
// recent files, window geometry, columns and sort order survive closing the window.
#include "aboutdialog.h"
#include "guitest.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "resultsmodel.h"
#include "settingsstore.h"
#include "sweepsession.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStringListModel>
#include <QHeaderView>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ps;
using guitest::child;

class TestGuiSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::isolateSettings(m_settingsDir.path()); }
    void init() { guitest::resetSettings(); }

    void settingsLiveInTheTestFolder()
    {
        SettingsStore store;
        store.setLastTargets(QStringLiteral("127.0.0.5"));
        store.sync();
        QVERIFY2(QSettings().fileName().startsWith(m_settingsDir.path()), qPrintable(QSettings().fileName()));
    }

    void storeRoundTrip()
    {
        SweepOptions o;
        o.mode = ExecutorMode::Process;
        o.workers = 3;
        o.probe.timeoutMs = 1500;
        o.probe.count = 3;
        o.probe.intervalMs = 200;
        o.probe.method = ProbeMethod::Tcp;
        o.probe.tcpPorts = {22, 8080};
        o.ratePerSecond = 500;
        o.reverseDns = true;
        {
            SettingsStore store;
            store.setSweepOptions(o);
            store.setRecentFiles({QStringLiteral("/tmp/a.txt"), QStringLiteral("/tmp/b.txt")});
            store.setTargetHistory({QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.0/30")});
            store.setBrowserCommand(QStringLiteral("firefox http://%ip%/"));
        }
        SettingsStore store;
        const SweepOptions r = store.sweepOptions();
        QCOMPARE(r.mode, o.mode);
        QCOMPARE(r.workers, o.workers);
        QCOMPARE(r.probe.timeoutMs, 1500);
        QCOMPARE(r.probe.count, 3);
        QCOMPARE(r.probe.intervalMs, 200);
        QCOMPARE(r.probe.method, ProbeMethod::Tcp);
        QCOMPARE(r.probe.tcpPorts, (QList<quint16>{22, 8080}));
        QCOMPARE(r.ratePerSecond, 500);
        QCOMPARE(r.reverseDns, true);
        QCOMPARE(store.recentFiles(), (QStringList{QStringLiteral("/tmp/a.txt"), QStringLiteral("/tmp/b.txt")}));
        QCOMPARE(store.targetHistory().size(), 2);
        QCOMPARE(store.browserCommand(), QStringLiteral("firefox http://%ip%/"));
        QCOMPARE(store.sshCommand(), SettingsStore::defaultSshCommand());
    }

    void unreadableValuesFallBackToDefaults()
    {
        {
            QSettings s;
            s.setValue(QStringLiteral("options/mode"), QStringLiteral("quantum"));
            s.setValue(QStringLiteral("options/timeoutMs"), -5);
            s.setValue(QStringLiteral("options/tcpPorts"), QStringLiteral("http"));
            s.setValue(QStringLiteral("options/method"), QStringLiteral("carrier-pigeon"));
        }
        const SweepOptions o = SettingsStore().sweepOptions();
        QCOMPARE(o.mode, ExecutorMode::Thread);
        QCOMPARE(o.probe.timeoutMs, 10);  // clamped into the field's range
        QCOMPARE(o.probe.tcpPorts, SweepOptions().probe.tcpPorts);
        QCOMPARE(o.probe.method, ProbeMethod::Auto);
    }

    void theWindowComesBackAsItWasLeft()
    {
        QRect geometry;
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(760, 520);  // inside the offscreen screen (800×600)
            child<QLineEdit>(&window, "targetsEdit")->setText(QStringLiteral("127.0.0.0/30 127.0.1.1"));
            child<QComboBox>(&window, "modeCombo")->setCurrentIndex(1);
            child<QSpinBox>(&window, "workersSpin")->setValue(3);
            child<QSpinBox>(&window, "timeoutSpin")->setValue(1500);
            child<QSpinBox>(&window, "countSpin")->setValue(3);
            child<QSpinBox>(&window, "intervalSpin")->setValue(200);
            child<QComboBox>(&window, "methodCombo")->setCurrentIndex(3);
            child<QLineEdit>(&window, "portsEdit")->setText(QStringLiteral("22 8080"));
            child<QSpinBox>(&window, "rateSpin")->setValue(500);
            child<QCheckBox>(&window, "reverseDnsCheck")->setChecked(true);
            child<QCheckBox>(&window, "aliveOnlyCheck")->setChecked(true);
            QHeaderView *header = child<QTableView>(&window, "resultsView")->horizontalHeader();
            header->resizeSection(ResultsModel::HostnameColumn, 333);
            header->setSectionHidden(ResultsModel::WorkerColumn, true);
            child<QTableView>(&window, "resultsView")->sortByColumn(ResultsModel::TtlColumn, Qt::DescendingOrder);
            geometry = window.geometry();
            QVERIFY(window.close());
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(child<QLineEdit>(&window, "targetsEdit")->text(), QStringLiteral("127.0.0.0/30 127.0.1.1"));
        QCOMPARE(child<QComboBox>(&window, "modeCombo")->currentIndex(), 1);
        QCOMPARE(child<QSpinBox>(&window, "workersSpin")->value(), 3);
        QCOMPARE(child<QSpinBox>(&window, "timeoutSpin")->value(), 1500);
        QCOMPARE(child<QSpinBox>(&window, "countSpin")->value(), 3);
        QCOMPARE(child<QSpinBox>(&window, "intervalSpin")->value(), 200);
        QCOMPARE(child<QComboBox>(&window, "methodCombo")->currentIndex(), 3);
        QCOMPARE(child<QLineEdit>(&window, "portsEdit")->text(), QStringLiteral("22, 8080"));
        QCOMPARE(child<QSpinBox>(&window, "rateSpin")->value(), 500);
        QVERIFY(child<QCheckBox>(&window, "reverseDnsCheck")->isChecked());
        QVERIFY(child<QCheckBox>(&window, "aliveOnlyCheck")->isChecked());
        QHeaderView *header = child<QTableView>(&window, "resultsView")->horizontalHeader();
        QCOMPARE(header->sectionSize(ResultsModel::HostnameColumn), 333);
        QVERIFY(header->isSectionHidden(ResultsModel::WorkerColumn));
        QCOMPARE(header->sortIndicatorSection(), int(ResultsModel::TtlColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(window.geometry().size(), geometry.size());
    }

    void theFirstWindowFitsA1280x720Screen()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(window.frameGeometry().width() <= 1280 && window.frameGeometry().height() <= 720,
                 qPrintable(QStringLiteral("%1x%2").arg(window.width()).arg(window.height())));
        QVERIFY(window.minimumSizeHint().width() <= 1280);
    }

    void targetHistoryIsKeptAndOffered()
    {
        {
            MainWindow window;
            window.show();
            for (const QString &targets : {QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2 127.0.0.3")}) {
                child<QLineEdit>(&window, "targetsEdit")->setText(targets);
                window.startSweep();
                QTRY_VERIFY_WITH_TIMEOUT(!window.session()->isBusy(), 30000);
            }
            QVERIFY(window.close());
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *field = child<QLineEdit>(&window, "targetsEdit");
        QCOMPARE(field->text(), QStringLiteral("127.0.0.2 127.0.0.3"));  // the last targets
        auto *model = qobject_cast<QStringListModel *>(field->completer()->model());
        QVERIFY(model);
        QCOMPARE(model->stringList(), (QStringList{QStringLiteral("127.0.0.2 127.0.0.3"), QStringLiteral("127.0.0.1")}));
        field->setFocus();
        QTest::keyClick(field, Qt::Key_Down);  // the whole history, as an address bar offers it
        QTRY_VERIFY(field->completer()->popup()->isVisible());
    }

    void preferencesChangeTheOpenCommands()
    {
        MainWindow window;
        window.show();
        child<QAction>(&window, "actionPreferences")->trigger();
        auto *dialog = guitest::visibleDialog<PreferencesDialog>();
        QVERIFY(dialog);
        QCOMPARE(child<QLineEdit>(dialog, "browserEdit")->text(), SettingsStore::defaultBrowserCommand());
        child<QLineEdit>(dialog, "sshEdit")->setText(QStringLiteral("konsole -e ssh root@%ip%"));
        child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(SettingsStore().sshCommand(), QStringLiteral("konsole -e ssh root@%ip%"));
    }

    void aboutNamesTheVersionAndTheModes()
    {
        MainWindow window;
        window.show();
        child<QAction>(&window, "actionAbout")->trigger();
        auto *dialog = guitest::visibleDialog<AboutDialog>();
        QVERIFY(dialog);
        QVERIFY(child<QLabel>(dialog, "titleLabel")->text().contains(QStringLiteral(PINGSWEEP_VERSION)));
        const QString description = child<QLabel>(dialog, "descriptionLabel")->text();
        QVERIFY(description.contains(QStringLiteral("Threads")) && description.contains(QStringLiteral("Processes")));
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestGuiSettings)
#include "tst_guisettings.moc"
