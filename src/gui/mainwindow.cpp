#include "mainwindow.h"

#include "resultsmodel.h"
#include "resultsproxymodel.h"
#include "sweepcontroller.h"
#include "targetparser.h"
#include "ui_mainwindow.h"

#include <QCloseEvent>
#include <QHeaderView>
#include <QMessageBox>
#include <QShortcut>

// The icons' .qrc is compiled into the ps_gui static library: register it explicitly (outside
// any namespace, as Q_INIT_RESOURCE requires).
static void initGuiResources()
{
    Q_INIT_RESOURCE(pingsweep);
}

namespace ps {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_ui(std::make_unique<Ui::MainWindow>()),
      m_sweep(new SweepController(this)),
      m_model(new ResultsModel(this)),
      m_proxy(new ResultsProxyModel(this))
{
    initGuiResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/pingsweep.svg")));
    m_ui->targetsEdit->setText(QStringLiteral("127.0.0.0/28"));

    m_proxy->setSourceModel(m_model);
    m_ui->resultsView->setModel(m_proxy);
    m_ui->resultsView->sortByColumn(ResultsModel::AddressColumn, Qt::AscendingOrder);
    m_ui->resultsView->verticalHeader()->hide();
    m_ui->resultsView->horizontalHeader()->setStretchLastSection(true);
    m_ui->resultsView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);

    connect(m_ui->startButton, &QPushButton::clicked, this, &MainWindow::startSweep);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &MainWindow::stopSweep);
    connect(m_ui->targetsEdit, &QLineEdit::returnPressed, this, &MainWindow::startSweep);
    auto *startShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(startShortcut, &QShortcut::activated, this, &MainWindow::startSweep);
    auto *stopShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(stopShortcut, &QShortcut::activated, this, &MainWindow::stopSweep);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_proxy, &ResultsProxyModel::setFilterText);
    connect(m_ui->aliveOnlyCheck, &QCheckBox::toggled, m_proxy, &ResultsProxyModel::setAliveOnly);

    connect(m_sweep, &SweepController::started, this, &MainWindow::onStarted);
    connect(m_sweep, &SweepController::hostSubmitted, m_model, &ResultsModel::markRunning);
    connect(m_sweep, &SweepController::hostFinished, this, &MainWindow::onHostFinished);
    connect(m_sweep, &SweepController::progress, this, &MainWindow::onProgress);
    connect(m_sweep, &SweepController::finished, this, &MainWindow::onFinished);
    connect(m_sweep, &SweepController::warning, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });

    statusBar()->showMessage(tr("Ready. Type targets and press Start."));
}

MainWindow::~MainWindow() = default;

void MainWindow::startSweep()
{
    if (m_sweep->isRunning())
        return;
    const TargetParseResult parsed = TargetParser::parseTyped(m_ui->targetsEdit->text());
    if (!parsed.ok()) {
        QStringList lines;
        for (const TargetIssue &issue : parsed.issues)
            lines << issue.toString();
        QMessageBox::warning(this, tr("Targets"), tr("These targets could not be used:\n%1").arg(lines.join(u'\n')));
        return;
    }
    SweepOptions options;
    options.mode = m_ui->modeCombo->currentIndex() == 1 ? ExecutorMode::Process : ExecutorMode::Thread;
    options.workers = m_ui->workersSpin->value();
    options.probe.timeoutMs = m_ui->timeoutSpin->value();
    options.probe.count = m_ui->countSpin->value();
    options.probe.intervalMs = 1000;
    if (!m_sweep->start(parsed.targets, options))
        QMessageBox::warning(this, tr("Sweep"), m_sweep->errorString());
}

void MainWindow::stopSweep()
{
    m_sweep->stop();
}

void MainWindow::onStarted(int total)
{
    m_alive = m_dead = m_errors = 0;
    m_model->setTargets(m_sweep->targets());
    m_ui->progressBar->setRange(0, total);
    m_ui->progressBar->setValue(0);
    setRunningUi(true);
    updateSummary();
}

void MainWindow::onHostFinished(int index, const HostResult &result)
{
    m_model->setResult(index, result);
    switch (result.status) {
    case HostResult::Status::Alive: ++m_alive; break;
    case HostResult::Status::Dead: ++m_dead; break;
    case HostResult::Status::Error: ++m_errors; break;
    case HostResult::Status::Cancelled: break;
    }
}

void MainWindow::onProgress(int done, int total)
{
    Q_UNUSED(total);
    m_ui->progressBar->setValue(done);
    updateSummary();
}

void MainWindow::onFinished(bool stopped)
{
    m_model->flush();
    setRunningUi(false);
    updateSummary();
    if (stopped)
        statusBar()->showMessage(statusBar()->currentMessage() + tr(" — stopped"));
}

void MainWindow::updateSummary()
{
    statusBar()->showMessage(tr("%1 alive, %2 dead, %3 errors — %4 of %5 done in %6 s")
                                 .arg(m_alive)
                                 .arg(m_dead)
                                 .arg(m_errors)
                                 .arg(m_sweep->doneCount())
                                 .arg(m_sweep->targets().size())
                                 .arg(m_sweep->elapsedMs() / 1000.0, 0, 'f', 1));
}

void MainWindow::setRunningUi(bool running)
{
    m_ui->startButton->setEnabled(!running);
    m_ui->stopButton->setEnabled(running);
    m_ui->modeCombo->setEnabled(!running);
    m_ui->workersSpin->setEnabled(!running);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_sweep->stop();  // pending work is cancelled; running probes end on their own
    event->accept();
}

} // namespace ps
