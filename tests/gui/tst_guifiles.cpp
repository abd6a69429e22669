// The window's file work, on the real window under the offscreen platform: export to a
// temporary file and read it back (all / visible / selected rows, through the dialog too),
// save and open a sweep, import a target file (report, field, recent files, drop), and
// sweep it. Only loopback is ever probed.
#include "csvreader.h"
#include "exportdialog.h"
#include "guitest.h"
#include "importreportdialog.h"
#include "mainwindow.h"
#include "resultsmodel.h"
#include "resultsproxymodel.h"
#include "sweepcontroller.h"
#include "sweepsession.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace ps;
using guitest::child;

namespace {

std::vector<HostResult> readCsv(const QString &path)
{
    std::vector<HostResult> results;
    CsvReader reader;
    if (!reader.readFile(path, &results))
        qWarning() << reader.errorString();
    return results;
}

QStringList addresses(const std::vector<HostResult> &results)
{
    QStringList out;
    for (const HostResult &r : results)
        out << r.address;
    return out;
}

bool sweep(MainWindow &window, const QString &targets)
{
    child<QLineEdit>(&window, "targetsEdit")->setText(targets);
    window.startSweep();
    return QTest::qWaitFor([&] { return !window.session()->isBusy() && window.resultsModel()->rowCount() > 0; },
                           30000);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestGuiFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { guitest::isolateSettings(m_settingsDir.path()); }
    void init() { guitest::resetSettings(); }

    void exportAllRowsAndReadThemBack()
    {
        MainWindow window;
        window.show();
        QVERIFY(sweep(window, QStringLiteral("127.0.0.0/29")));
        const QString path = m_dir.filePath(QStringLiteral("all.csv"));
        QSignalSpy written(&window, &MainWindow::csvWritten);
        window.exportCsv(path, MainWindow::ExportScope::All);
        QVERIFY(written.wait(10000));
        QCOMPARE(written.at(0).at(0).toBool(), true);
        const std::vector<HostResult> results = readCsv(path);
        QCOMPARE(int(results.size()), 6);
        for (const HostResult &r : results)
            QCOMPARE(r.status, HostResult::Status::Alive);
        QCOMPARE(addresses(results).first(), QStringLiteral("127.0.0.1"));
    }

    void exportVisibleAndSelectedRows()
    {
        MainWindow window;
        window.show();
        QVERIFY(sweep(window, QStringLiteral("127.0.0.0/28")));
        QTest::keyClicks(child<QLineEdit>(&window, "filterEdit"), QStringLiteral("127.0.0.1"));
        // 127.0.0.1 and 127.0.0.10-14 contain it.
        QTRY_COMPARE(window.proxyModel()->rowCount(), 6);
        QSignalSpy written(&window, &MainWindow::csvWritten);
        const QString visible = m_dir.filePath(QStringLiteral("visible.csv"));
        window.exportCsv(visible, MainWindow::ExportScope::Visible);
        QVERIFY(written.wait(10000));
        QCOMPARE(addresses(readCsv(visible)),
                 (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.10"), QStringLiteral("127.0.0.11"),
                              QStringLiteral("127.0.0.12"), QStringLiteral("127.0.0.13"), QStringLiteral("127.0.0.14")}));

        auto *view = child<QTableView>(&window, "resultsView");
        view->selectRow(1);
        view->selectionModel()->select(window.proxyModel()->index(3, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QString selected = m_dir.filePath(QStringLiteral("selected.csv"));
        window.exportCsv(selected, MainWindow::ExportScope::Selected);
        QVERIFY(written.wait(10000));
        QCOMPARE(addresses(readCsv(selected)), (QStringList{QStringLiteral("127.0.0.10"), QStringLiteral("127.0.0.12")}));
    }

    void exportThroughTheDialog()
    {
        MainWindow window;
        window.show();
        QVERIFY(sweep(window, QStringLiteral("127.0.0.0/29")));
        child<QAction>(&window, "actionExport")->trigger();
        auto *dialog = guitest::visibleDialog<ExportDialog>();
        QVERIFY(dialog);
        const QString path = m_dir.filePath(QStringLiteral("dialog.csv"));
        child<QLineEdit>(dialog, "pathEdit")->setText(path);
        child<QRadioButton>(dialog, "allRadio")->setChecked(true);
        QSignalSpy written(&window, &MainWindow::csvWritten);
        child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save)->click();
        QVERIFY(written.wait(10000));
        QCOMPARE(int(readCsv(path).size()), 6);
    }

    void exportFailureLeavesTheOldFileAndSaysWhy()
    {
        MainWindow window;
        window.show();
        QVERIFY(sweep(window, QStringLiteral("127.0.0.1")));
        QSignalSpy written(&window, &MainWindow::csvWritten);
        window.exportCsv(m_dir.filePath(QStringLiteral("no/such/folder/x.csv")), MainWindow::ExportScope::All);
        QVERIFY(written.wait(10000));
        QCOMPARE(written.at(0).at(0).toBool(), false);
        QTRY_VERIFY(window.findChild<QMessageBox *>(QStringLiteral("errorBox")));
    }

    void saveAndOpenASweep()
    {
        const QString path = m_dir.filePath(QStringLiteral("sweep.csv"));
        std::vector<HostResult> saved;
        {
            MainWindow window;
            window.show();
            QVERIFY(sweep(window, QStringLiteral("127.0.0.0/29 ::1")));
            QSignalSpy written(&window, &MainWindow::csvWritten);
            window.saveSweepFile(path);
            QVERIFY(written.wait(10000));
            QVERIFY(window.windowTitle().startsWith(QStringLiteral("sweep.csv")));
            saved = window.resultsModel()->allResults();
        }
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::sweepFileLoaded);
        window.openSweepFile(path);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(0).toBool(), true);
        ResultsModel *model = window.resultsModel();
        QCOMPARE(model->rowCount(), 7);
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->stateAt(row), ResultsModel::RowState::Finished);
            QCOMPARE(model->resultAt(row)->address, saved[std::size_t(row)].address);
            QCOMPARE(model->resultAt(row)->status, saved[std::size_t(row)].status);
            QCOMPARE(model->resultAt(row)->finishedAt, saved[std::size_t(row)].finishedAt);
        }
        QVERIFY2(child<QLabel>(&window, "summaryLabel")->text().startsWith(QStringLiteral("7 alive")),
                 qPrintable(child<QLabel>(&window, "summaryLabel")->text()));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("sweep.csv")));
    }

    void openingAFileThatIsNotASweepSaysWhy()
    {
        const QString path = m_dir.filePath(QStringLiteral("hosts.txt"));
        writeFile(path, "127.0.0.1\n127.0.0.2\n");
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::sweepFileLoaded);
        window.openSweepFile(path);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(0).toBool(), false);
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("errorBox"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("hosts.txt")), qPrintable(box->text()));
        QCOMPARE(window.resultsModel()->rowCount(), 0);
    }

    void importShowsTheReportAndFillsTheField()
    {
        const QString path = m_dir.filePath(QStringLiteral("import list.txt"));
        writeFile(path, "# lab hosts\n127.0.0.1\n127.0.0.2-4\nName,Owner\n127.0.0.9 300.1.1.1\n127.0.0.20, web\n");
        MainWindow window;
        window.show();
        QSignalSpy shown(&window, &MainWindow::importReportShown);
        window.importTargetsFile(path);
        QVERIFY(shown.wait(10000));
        auto *dialog = guitest::visibleDialog<ImportReportDialog>();
        QVERIFY(dialog);
        QVERIFY(child<QListWidget>(dialog, "issuesList")->count() >= 1);        // 300.1.1.1
        QVERIFY(child<QListWidget>(dialog, "skippedList")->count() >= 1);       // the header line
        QVERIFY2(child<QLabel>(dialog, "firstLabel")->text().startsWith(QStringLiteral("127.0.0.1, 127.0.0.2")),
                 qPrintable(child<QLabel>(dialog, "firstLabel")->text()));
        child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();
        auto *targets = child<QLineEdit>(&window, "targetsEdit");
        QCOMPARE(targets->text(), QStringLiteral("@\"%1\"").arg(path));
        // In File ▸ Recent target files now.
        bool listed = false;
        for (QAction *action : child<QMenu>(&window, "menuRecent")->actions())
            listed |= action->toolTip() == path;
        QVERIFY(listed);

        // Start sweeps what the file holds (read again, off the GUI thread).
        window.startSweep();
        QTRY_VERIFY_WITH_TIMEOUT(window.resultsModel()->rowCount() > 0 && !window.session()->isBusy(), 30000);
        QStringList rows;
        for (int row = 0; row < window.resultsModel()->rowCount(); ++row)
            rows << window.resultsModel()->addressAt(row);
        QVERIFY2(rows.contains(QStringLiteral("127.0.0.4")) && rows.contains(QStringLiteral("127.0.0.9"))
                     && rows.contains(QStringLiteral("127.0.0.20")) && !rows.contains(QStringLiteral("300.1.1.1")),
                 qPrintable(rows.join(u' ')));
    }

    void fileAndTypedTargetsCombine()
    {
        const QString path = m_dir.filePath(QStringLiteral("combine.txt"));
        writeFile(path, "127.0.0.1-5\n");
        MainWindow window;
        window.show();
        child<QLineEdit>(&window, "targetsEdit")->setText(QStringLiteral("@%1 127.0.0.30 !127.0.0.3").arg(path));
        window.startSweep();
        QTRY_VERIFY_WITH_TIMEOUT(window.resultsModel()->rowCount() > 0 && !window.session()->isBusy(), 30000);
        QStringList rows;
        for (int row = 0; row < window.resultsModel()->rowCount(); ++row)
            rows << window.resultsModel()->addressAt(row);
        QCOMPARE(rows, (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2"), QStringLiteral("127.0.0.4"),
                                    QStringLiteral("127.0.0.5"), QStringLiteral("127.0.0.30")}));
    }

    void aMissingFileInTheFieldIsReported()
    {
        MainWindow window;
        window.show();
        child<QLineEdit>(&window, "targetsEdit")->setText(QStringLiteral("@%1").arg(m_dir.filePath(QStringLiteral("gone.txt"))));
        window.startSweep();
        QTRY_VERIFY(window.findChild<QMessageBox *>(QStringLiteral("errorBox")));
        QVERIFY(!window.session()->isBusy());
        QCOMPARE(window.resultsModel()->rowCount(), 0);
    }

    void droppingAFileImportsIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("dropped.txt"));
        writeFile(path, "127.0.0.7\n");
        MainWindow window;
        window.show();
        QSignalSpy shown(&window, &MainWindow::importReportShown);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        auto *field = child<QLineEdit>(&window, "targetsEdit");
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(field, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(field, &drop);
        QVERIFY(shown.wait(10000));
        QVERIFY(guitest::visibleDialog<ImportReportDialog>());
    }

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestGuiFiles)
#include "tst_guifiles.moc"
