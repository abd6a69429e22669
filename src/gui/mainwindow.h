#pragma once

#include "csvformat.h"
#include "progresstracker.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QThreadPool;
class QTimer;

namespace Ui {
class MainWindow;
}

namespace ps {

class FileDrop;
class InterfaceMenu;
class RecentFiles;
class ResultsHeader;
class ResultsModel;
class ResultsProxyModel;
class RowActions;
class SettingsStore;
class SweepController;
class SweepSession;
class TargetHistory;

// Only wires: the form, the sweep (controller + session), the results model and its proxy,
// the row actions, the dialogs and the settings. Parsing, pinging and export live in the core
// libraries; each piece of GUI behaviour lives in its own small class.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ResultsModel *resultsModel() const { return m_model; }
    ResultsProxyModel *proxyModel() const { return m_proxy; }
    SweepController *sweepController() const { return m_sweep; }
    SweepSession *session() const { return m_session; }
    RowActions *rowActions() const { return m_rowActions; }

    enum class ExportScope { All, Visible, Selected };

public Q_SLOTS:
    void startSweep();
    void stopSweep();
    void repingRows(const QList<int> &sourceRows);
    // File work runs off the GUI thread; each reports in the status bar or a message box.
    void importTargetsFile(const QString &path);
    void openSweepFile(const QString &path);
    void saveSweepFile(const QString &path);
    void exportCsv(const QString &path, ps::MainWindow::ExportScope scope, const ps::CsvOptions &options = {});

Q_SIGNALS:
    // A file job finished (tests wait for these).
    void importReportShown();
    void sweepFileLoaded(bool ok);
    void csvWritten(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupActions();
    void restoreSettings();
    void saveSettings();
    void setBusyUi(bool busy);
    void onProgressChanged(const ProgressTracker::Snapshot &snapshot);
    void onSweepFinished(bool stopped);
    void updateSummary();
    void updateMethodLabel();
    void showError(const QString &title, const QString &text);
    void showMessage(const QString &text, int timeoutMs = 6000);
    void chooseTargetsFile();
    void chooseSweepFile(bool save);
    void showExportDialog();
    void showPreferences();
    void showAbout();
    void setDocumentPath(const QString &path);

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::unique_ptr<SettingsStore> m_settings;
    QThreadPool *m_filePool;
    SweepController *m_sweep;
    ResultsModel *m_model;
    ResultsProxyModel *m_proxy;
    SweepSession *m_session;
    ProgressTracker *m_progress;
    RowActions *m_rowActions = nullptr;
    ResultsHeader *m_header = nullptr;
    RecentFiles *m_recent = nullptr;
    TargetHistory *m_history = nullptr;
    InterfaceMenu *m_interfaces = nullptr;
    FileDrop *m_drop = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_methodLabel = nullptr;
    QLabel *m_noticeLabel = nullptr;
    QTimer *m_noticeTimer = nullptr;
    qint64 m_elapsedMs = 0;
};

} // namespace ps
