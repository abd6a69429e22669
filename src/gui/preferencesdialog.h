#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

namespace ps {

// The commands that open a host in a browser or over SSH.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    void setCommands(const QString &browser, const QString &ssh);
    QString browserCommand() const;
    QString sshCommand() const;

private:
    std::unique_ptr<Ui::PreferencesDialog> m_ui;
};

} // namespace ps
