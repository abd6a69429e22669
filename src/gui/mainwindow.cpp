#include "mainwindow.h"

#include "plural.h"
#include "aboutdialog.h"
#include "exportdialog.h"
#include "filedrop.h"
#include "filejobs.h"
#include "guiresources.h"
#include "importreportdialog.h"
#include "interfacemenu.h"
#include "preferencesdialog.h"
#include "recentfiles.h"
#include "resultsheader.h"
#include "resultsmodel.h"
#include "resultsproxymodel.h"
#include "rowactions.h"
#include "settingsstore.h"
#include "sweepcontroller.h"
#include "sweepsession.h"
#include "targethistory.h"
#include "targetinput.h"
#include "ui_mainwindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QScreen>
#include <QThreadPool>
#include <QTimer>

namespace ps {

namespace {
constexpr int kFilterDelayMs = 150;  // filter 65,536 rows once a word is typed, not per key
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_ui(std::make_unique<Ui::MainWindow>()),
      m_settings(std::make_unique<SettingsStore>()),
      m_filePool(new QThreadPool(this)),
      m_sweep(new SweepController(this)),
      m_model(new ResultsModel(this)),
      m_proxy(new ResultsProxyModel(this)),
      m_session(new SweepSession(m_sweep, m_model, m_filePool, this)),
      m_progress(new ProgressTracker(this))
{
    initGuiResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/pingsweep.svg")));
    m_filePool->setObjectName(QStringLiteral("MainWindow-files"));
    m_filePool->setMaxThreadCount(2);

    m_proxy->setSourceModel(m_model);
    m_ui->resultsView->setModel(m_proxy);
    m_header = new ResultsHeader(m_ui->resultsView, this);
    m_rowActions = new RowActions(m_ui->resultsView, m_proxy, m_model, this);
    m_history = new TargetHistory(m_ui->targetsEdit, this);
    m_recent = new RecentFiles(m_ui->menuRecent, this);
    m_drop = new FileDrop(this);
    m_drop->watch(this);
    m_drop->watch(m_ui->targetsEdit);
    m_drop->watch(m_ui->resultsView->viewport());

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_noticeLabel = new QLabel(this);
    m_noticeLabel->setObjectName(QStringLiteral("noticeLabel"));
    m_noticeLabel->setTextFormat(Qt::PlainText);
    m_methodLabel = new QLabel(this);
    m_methodLabel->setObjectName(QStringLiteral("methodStatusLabel"));
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    connect(m_noticeTimer, &QTimer::timeout, m_noticeLabel, &QLabel::clear);
    // All three are permanent: QStatusBar hides its normal widgets while a temporary message
    // shows, and the counts must stay in sight during a sweep. Notices get their own label.
    statusBar()->addPermanentWidget(m_summaryLabel);
    statusBar()->addPermanentWidget(m_noticeLabel, 1);
    statusBar()->addPermanentWidget(m_methodLabel);

    setupActions();
    restoreSettings();
    updateMethodLabel();
    updateSummary();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupActions()
{
    Ui::MainWindow &ui = *m_ui;
    ui.actionStart->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(ui.startButton, &QPushButton::clicked, this, &MainWindow::startSweep);
    connect(ui.actionStart, &QAction::triggered, this, &MainWindow::startSweep);
    connect(ui.targetsEdit, &QLineEdit::returnPressed, this, &MainWindow::startSweep);
    connect(ui.stopButton, &QPushButton::clicked, this, &MainWindow::stopSweep);
    connect(ui.actionStop, &QAction::triggered, this, &MainWindow::stopSweep);
    connect(ui.importButton, &QToolButton::clicked, this, &MainWindow::chooseTargetsFile);
    connect(ui.actionImport, &QAction::triggered, this, &MainWindow::chooseTargetsFile);
    connect(ui.actionOpenSweep, &QAction::triggered, this, [this] { chooseSweepFile(false); });
    connect(ui.actionSaveSweep, &QAction::triggered, this, [this] { chooseSweepFile(true); });
    connect(ui.actionExport, &QAction::triggered, this, &MainWindow::showExportDialog);
    connect(ui.actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui.actionPreferences, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(ui.actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(ui.actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(ui.actionFocusTargets, &QAction::triggered, this, [this] {
        m_ui->targetsEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->targetsEdit->selectAll();
    });
    connect(ui.actionFocusFilter, &QAction::triggered, this, [this] {
        m_ui->filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->filterEdit->selectAll();
    });
    connect(ui.actionFocusTable, &QAction::triggered, this,
            [this] { m_ui->resultsView->setFocus(Qt::ShortcutFocusReason); });

    // Edit: the row actions, then preferences; Sweep: re-ping beside Start and Stop.
    ui.menuEdit->addActions(m_rowActions->actions());
    ui.menuEdit->addSeparator();
    ui.menuEdit->addAction(ui.actionPreferences);
    ui.menuSweep->addSeparator();
    ui.menuSweep->addAction(m_rowActions->repingAction());

    auto *interfaceMenu = new QMenu(ui.interfaceButton);
    interfaceMenu->setObjectName(QStringLiteral("interfaceMenu"));
    m_interfaces = new InterfaceMenu(interfaceMenu, this);
    ui.interfaceButton->setMenu(interfaceMenu);
    connect(m_interfaces, &InterfaceMenu::subnetChosen, this, [this](const QString &cidr) {
        m_ui->targetsEdit->setText(cidr);
        m_ui->targetsEdit->setFocus(Qt::OtherFocusReason);
        showMessage(tr("Targets set to %1 — press Start to sweep it").arg(cidr));
    });

    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(kFilterDelayMs);
    connect(ui.filterEdit, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));
    connect(filterDelay, &QTimer::timeout, this, [this] { m_proxy->setFilterText(m_ui->filterEdit->text()); });
    connect(ui.aliveOnlyCheck, &QCheckBox::toggled, m_proxy, &ResultsProxyModel::setAliveOnly);
    connect(ui.optionsPanel, &OptionsPanel::methodChanged, this, &MainWindow::updateMethodLabel);

    connect(m_recent, &RecentFiles::fileChosen, this, &MainWindow::importTargetsFile);
    connect(m_drop, &FileDrop::fileDropped, this, &MainWindow::importTargetsFile);
    connect(m_rowActions, &RowActions::repingRequested, this, &MainWindow::repingRows);
    connect(m_rowActions, &RowActions::message, this, [this](const QString &text) { showMessage(text); });

    connect(m_session, &SweepSession::busyChanged, this, &MainWindow::setBusyUi);
    connect(m_session, &SweepSession::startFailed, this, &MainWindow::showError);
    connect(m_session, &SweepSession::notice, this, [this](const QString &text) { showMessage(text, 10000); });
    connect(m_session, &SweepSession::started, m_progress, &ProgressTracker::start);
    connect(m_session, &SweepSession::progress, m_progress, &ProgressTracker::update);
    connect(m_session, &SweepSession::finished, this, &MainWindow::onSweepFinished);
    connect(m_progress, &ProgressTracker::changed, this, &MainWindow::onProgressChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateSummary);

    // One tab chain through the window, the options panel included.
    QList<QWidget *> chain{ui.targetsEdit, ui.importButton, ui.interfaceButton, ui.startButton, ui.stopButton};
    chain += ui.optionsPanel->tabOrder();
    chain += {ui.filterEdit, ui.aliveOnlyCheck, ui.resultsView};
    for (int i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain[i - 1], chain[i]);
}

void MainWindow::restoreSettings()
{
    m_ui->optionsPanel->setOptions(m_settings->sweepOptions());
    m_ui->targetsEdit->setText(m_settings->lastTargets());
    m_history->setEntries(m_settings->targetHistory());
    m_recent->setFiles(m_settings->recentFiles());
    m_rowActions->setCommands(m_settings->browserCommand(), m_settings->sshCommand());
    m_ui->aliveOnlyCheck->setChecked(m_settings->aliveOnly());
    m_header->restoreState(m_settings->resultsHeader());
    if (!restoreGeometry(m_settings->windowGeometry())) {
        // First run: a size that leaves room on a 1280×720 screen, centred.
        const QRect screen = QGuiApplication::primaryScreen() ? QGuiApplication::primaryScreen()->availableGeometry()
                                                              : QRect(0, 0, 1280, 720);
        const QSize size(std::min(1180, screen.width() - 40), std::min(660, screen.height() - 40));
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, screen));
    }
    restoreState(m_settings->windowState());
}

void MainWindow::saveSettings()
{
    m_settings->setSweepOptions(m_ui->optionsPanel->options());
    m_settings->setLastTargets(m_ui->targetsEdit->text());
    m_settings->setTargetHistory(m_history->entries());
    m_settings->setRecentFiles(m_recent->files());
    m_settings->setAliveOnly(m_ui->aliveOnlyCheck->isChecked());
    m_settings->setResultsHeader(m_header->saveState());
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->sync();
}

void MainWindow::startSweep()
{
    if (m_session->isBusy())
        return;
    QString error;
    if (!m_ui->optionsPanel->validate(&error)) {
        showError(tr("Options"), error);
        return;
    }
    const QString text = m_ui->targetsEdit->text().trimmed();
    if (text.isEmpty()) {
        showError(tr("Targets"), tr("Type the targets to sweep first, or import a file (Ctrl+O)."));
        return;
    }
    const SweepOptions options = m_ui->optionsPanel->options();
    if (!m_session->start(text, options))
        return;
    m_history->add(text);
    setDocumentPath(QString());
    m_settings->setLastTargets(text);
    m_settings->setSweepOptions(options);
}

void MainWindow::stopSweep()
{
    m_session->stop();
}

void MainWindow::repingRows(const QList<int> &sourceRows)
{
    QString error;
    if (!m_ui->optionsPanel->validate(&error)) {
        showError(tr("Options"), error);
        return;
    }
    m_session->reping(sourceRows, m_ui->optionsPanel->options());
}

void MainWindow::setBusyUi(bool busy)
{
    m_ui->startButton->setEnabled(!busy);
    m_ui->actionStart->setEnabled(!busy);
    m_ui->stopButton->setEnabled(busy);
    m_ui->actionStop->setEnabled(busy);
    m_ui->optionsPanel->setEnabled(!busy);  // options are read at start; changing them mid-sweep would mislead
    m_ui->actionOpenSweep->setEnabled(!busy);
    m_rowActions->setSweepRunning(busy);
    // Keep Esc within reach: the focus was likely on Start, now disabled.
    if (!busy && m_ui->stopButton->hasFocus())
        m_ui->startButton->setFocus(Qt::OtherFocusReason);
}

void MainWindow::onProgressChanged(const ProgressTracker::Snapshot &s)
{
    m_ui->progressBar->setRange(0, std::max(1, s.total));
    m_ui->progressBar->setValue(s.total > 0 ? s.done : 0);
    m_ui->progressBar->setFormat(ProgressTracker::progressText(s));
    m_elapsedMs = s.elapsedMs;
    updateSummary();
}

void MainWindow::onSweepFinished(bool stopped)
{
    const qint64 elapsed = m_sweep->elapsedMs();
    m_progress->update(m_sweep->doneCount());
    m_progress->finish(elapsed);
    showMessage(stopped ? tr("Stopped: pending hosts cancelled, every finished result kept")
                        : tr("Sweep finished in %1").arg(ProgressTracker::durationText(elapsed)));
}

void MainWindow::updateSummary()
{
    if (m_model->rowCount() == 0 && !m_session->isBusy()) {
        m_summaryLabel->setText(tr("Ready — type targets (or import a file) and press Start"));
        return;
    }
    const ResultsModel::Counts c = m_model->counts();
    const QLocale locale;
    QString text = tr("%1 alive · %2 dead · %3 errors")
                       .arg(locale.toString(c.alive), locale.toString(c.dead), locale.toString(c.error));
    if (c.cancelled > 0)
        text += tr(" · %1 cancelled").arg(locale.toString(c.cancelled));
    if (c.unfinished > 0)
        text += tr(" · %1 to go").arg(locale.toString(c.unfinished));
    text += u' ' + QChar(0x2014) + u' ' + plural(m_model->totalRows(), tr("%1 row"), tr("%1 rows"));
    if (m_elapsedMs > 0)
        text += tr(" · %1 elapsed").arg(ProgressTracker::durationText(m_elapsedMs));
    m_summaryLabel->setText(text);
}

void MainWindow::updateMethodLabel()
{
    QString details;
    m_methodLabel->setText(m_ui->optionsPanel->methodSummary(&details));
    m_methodLabel->setToolTip(details);
}

void MainWindow::showError(const QString &title, const QString &text)
{
    // open(), not exec(): the sweep and the table keep going while the message is up.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showMessage(const QString &text, int timeoutMs)
{
    m_noticeLabel->setText(text.isEmpty() ? QString() : QStringLiteral("  |  ") + text);
    m_noticeTimer->start(timeoutMs);
}

void MainWindow::setDocumentPath(const QString &path)
{
    setWindowFilePath(path);
    setWindowTitle(path.isEmpty() ? tr("PingSweep") : tr("%1 — PingSweep").arg(QFileInfo(path).fileName()));
}

void MainWindow::chooseTargetsFile()
{
    const QString start = m_recent->files().isEmpty() ? QDir::homePath() : QFileInfo(m_recent->files().first()).path();
    auto *dialog = new QFileDialog(this, tr("Import targets"), start,
                                   tr("Target lists (*.txt *.csv *.lst *.list);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::importTargetsFile);
    dialog->open();
}

void MainWindow::chooseSweepFile(bool save)
{
    auto *dialog = new QFileDialog(this, save ? tr("Save sweep") : tr("Open sweep"),
                                   windowFilePath().isEmpty() ? QDir::homePath() : windowFilePath(),
                                   tr("Sweep results (*.csv);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(save ? QFileDialog::AcceptSave : QFileDialog::AcceptOpen);
    dialog->setFileMode(save ? QFileDialog::AnyFile : QFileDialog::ExistingFile);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this,
            save ? &MainWindow::saveSweepFile : &MainWindow::openSweepFile);
    dialog->open();
}

void MainWindow::importTargetsFile(const QString &path)
{
    showMessage(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    QPointer<MainWindow> self(this);
    filejobs::readTargets(m_filePool, path).then(this, [self](const filejobs::TargetFile &file) {
        if (!self)
            return;
        self->showMessage(QString());
        if (!file.ok()) {
            self->showError(tr("Import targets"), file.error);
            return;
        }
        auto *dialog = new ImportReportDialog(file, self);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, self, [self, path = file.path] {
            self->m_ui->targetsEdit->setText(TargetInput::fileToken(QDir::toNativeSeparators(path)));
            self->m_recent->add(path);
            self->showMessage(tr("Targets from %1 — press Start to sweep them").arg(QFileInfo(path).fileName()));
        });
        dialog->open();
        Q_EMIT self->importReportShown();
    });
}

void MainWindow::openSweepFile(const QString &path)
{
    if (m_session->isBusy()) {
        showError(tr("Open sweep"), tr("Stop the running sweep first."));
        return;
    }
    QPointer<MainWindow> self(this);
    filejobs::readSweep(m_filePool, path).then(this, [self](const filejobs::SweepFile &file) {
        if (!self)
            return;
        if (!file.ok() || self->m_session->isBusy()) {
            self->showError(tr("Open sweep"), file.ok() ? tr("A sweep started meanwhile.") : file.error);
            Q_EMIT self->sweepFileLoaded(false);
            return;
        }
        self->m_model->setResults(file.results);
        self->m_elapsedMs = 0;
        self->m_ui->progressBar->setRange(0, 1);
        self->m_ui->progressBar->setValue(0);
        self->m_ui->progressBar->setFormat(
            tr("Loaded %1").arg(plural(qint64(file.results.size()), tr("%1 row"), tr("%1 rows"))));
        self->setDocumentPath(file.path);
        self->updateSummary();
        self->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(file.path)));
        Q_EMIT self->sweepFileLoaded(true);
    });
}

void MainWindow::saveSweepFile(const QString &path)
{
    exportCsv(path, ExportScope::All);
    setDocumentPath(path);
}

void MainWindow::exportCsv(const QString &path, ExportScope scope, const CsvOptions &options)
{
    std::vector<HostResult> rows;
    switch (scope) {
    case ExportScope::All: rows = m_model->allResults(); break;
    case ExportScope::Visible: rows = m_model->results(m_proxy->visibleSourceRows()); break;
    case ExportScope::Selected: rows = m_model->results(m_rowActions->selectedSourceRows()); break;
    }
    QFuture<filejobs::Written> job = filejobs::writeCsv(m_filePool, path, std::move(rows), options);
    QPointer<MainWindow> self(this);
    job.then(this, [self](const filejobs::Written &w) {
        if (!self)
            return;
        if (w.ok())
            self->showMessage(tr("Wrote %1 to %2")
                                  .arg(plural(w.rows, tr("%1 row"), tr("%1 rows")), QDir::toNativeSeparators(w.path)));
        else
            self->showError(tr("Export CSV"), w.error);
        Q_EMIT self->csvWritten(w.ok());
    });
}

void MainWindow::showExportDialog()
{
    const int selected = int(m_ui->resultsView->selectionModel()->selectedRows().size());
    auto *dialog = new ExportDialog(m_model->rowCount(), m_proxy->rowCount(), selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString base = windowFilePath().isEmpty() ? QDir::home().filePath(QStringLiteral("pingsweep.csv"))
                                                    : windowFilePath();
    dialog->setPath(QDir::toNativeSeparators(base));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ExportScope scope = dialog->scope() == ExportDialog::Scope::Selected ? ExportScope::Selected
                                  : dialog->scope() == ExportDialog::Scope::Visible ? ExportScope::Visible
                                                                                     : ExportScope::All;
        exportCsv(QDir::fromNativeSeparators(dialog->path()), scope, dialog->csvOptions());
    });
    dialog->open();
}

void MainWindow::showPreferences()
{
    auto *dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCommands(m_settings->browserCommand(), m_settings->sshCommand());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_settings->setBrowserCommand(dialog->browserCommand());
        m_settings->setSshCommand(dialog->sshCommand());
        m_rowActions->setCommands(dialog->browserCommand(), dialog->sshCommand());
    });
    dialog->open();
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    // Pending work is cancelled now; running probes end on their own (the controller and the
    // file pool wait for them when the window is destroyed — at most one probe's time).
    m_session->stop();
    event->accept();
}

} // namespace ps
