#include "preferencesdialog.h"

#include "settingsstore.h"
#include "ui_preferencesdialog.h"

#include <QPushButton>

namespace ps {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        setCommands(SettingsStore::defaultBrowserCommand(), SettingsStore::defaultSshCommand());
    });
}

PreferencesDialog::~PreferencesDialog() = default;

void PreferencesDialog::setCommands(const QString &browser, const QString &ssh)
{
    m_ui->browserEdit->setText(browser);
    m_ui->sshEdit->setText(ssh);
}

QString PreferencesDialog::browserCommand() const
{
    return m_ui->browserEdit->text().trimmed();
}

QString PreferencesDialog::sshCommand() const
{
    return m_ui->sshEdit->text().trimmed();
}

} // namespace ps
