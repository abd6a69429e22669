#pragma once

#include "sweepoptions.h"

#include <QWidget>

#include <memory>

namespace Ui {
class OptionsPanel;
}

namespace ps {

// The sweep options row of the main window: executor mode and workers, timeout, probes per
// host and interval, probe method and TCP ports, rate limit, reverse DNS. Turns the form into
// SweepOptions and back; knows nothing of sweeps or settings.
class OptionsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit OptionsPanel(QWidget *parent = nullptr);
    ~OptionsPanel() override;

    SweepOptions options() const;
    void setOptions(const SweepOptions &options);
    // False with a message a user can act on when the form cannot make options (bad ports).
    bool validate(QString *error) const;
    // For the status bar: the method that will run ("auto → native ICMP: raw ICMP socket"),
    // with the whole story (why auto chose it) in *details.
    QString methodSummary(QString *details) const;
    // The panel's input widgets in tab order, for the window's tab chain.
    QList<QWidget *> tabOrder() const;

Q_SIGNALS:
    // The probe method or its ports changed (the status bar says what auto picks).
    void methodChanged();

private:
    void updateEnabled();

    std::unique_ptr<Ui::OptionsPanel> m_ui;
};

} // namespace ps
