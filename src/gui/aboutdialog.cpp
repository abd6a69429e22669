#include "aboutdialog.h"

#include "ui_aboutdialog.h"

#include <QIcon>

namespace ps {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent), m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    m_ui->iconLabel->setPixmap(QIcon(QStringLiteral(":/icons/pingsweep.svg")).pixmap(64, 64));
    m_ui->titleLabel->setText(tr("<h2>PingSweep %1</h2>").arg(QStringLiteral(PINGSWEEP_VERSION)));
    m_ui->versionLabel->setText(tr("Built with Qt %1, running on Qt %2.").arg(QStringLiteral(QT_VERSION_STR),
                                                                              QString::fromLatin1(qVersion())));
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AboutDialog::~AboutDialog() = default;

} // namespace ps
