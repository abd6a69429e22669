#pragma once

#include "hostresult.h"

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}

namespace ps {

class ResultsModel;
class ResultsProxyModel;
class SweepController;

// Only wires: the form, the sweep controller, the results model and its proxy. Parsing,
// pinging and export live in the core libraries.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ResultsModel *resultsModel() const { return m_model; }
    SweepController *sweepController() const { return m_sweep; }

public Q_SLOTS:
    void startSweep();
    void stopSweep();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onStarted(int total);
    void onHostFinished(int index, const HostResult &result);
    void onProgress(int done, int total);
    void onFinished(bool stopped);
    void updateSummary();
    void setRunningUi(bool running);

    std::unique_ptr<Ui::MainWindow> m_ui;
    SweepController *m_sweep;
    ResultsModel *m_model;
    ResultsProxyModel *m_proxy;
    int m_alive = 0;
    int m_dead = 0;
    int m_errors = 0;
};

} // namespace ps
