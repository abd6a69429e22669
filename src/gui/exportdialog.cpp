#include "exportdialog.h"

#include "ui_exportdialog.h"

#include <QFileDialog>
#include <QLocale>
#include <QPushButton>

namespace ps {

ExportDialog::ExportDialog(int all, int visible, int selected, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ExportDialog>())
{
    m_ui->setupUi(this);
    const QLocale locale;
    m_ui->allRadio->setText(tr("&All rows (%1)").arg(locale.toString(all)));
    m_ui->visibleRadio->setText(tr("&Visible rows — as filtered (%1)").arg(locale.toString(visible)));
    m_ui->selectedRadio->setText(tr("S&elected rows (%1)").arg(locale.toString(selected)));
    m_ui->selectedRadio->setEnabled(selected > 0);
    if (selected > 1)
        m_ui->selectedRadio->setChecked(true);
    else if (visible != all)
        m_ui->visibleRadio->setChecked(true);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_ui->pathEdit, &QLineEdit::textChanged, this, &ExportDialog::updateOk);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
}

ExportDialog::~ExportDialog() = default;

ExportDialog::Scope ExportDialog::scope() const
{
    if (m_ui->selectedRadio->isChecked())
        return Scope::Selected;
    if (m_ui->visibleRadio->isChecked())
        return Scope::Visible;
    return Scope::All;
}

void ExportDialog::setScope(Scope scope)
{
    (scope == Scope::Selected ? m_ui->selectedRadio : scope == Scope::Visible ? m_ui->visibleRadio : m_ui->allRadio)
        ->setChecked(true);
}

CsvOptions ExportDialog::csvOptions() const
{
    CsvOptions options;
    const QChar delimiters[] = {u',', u';', u'\t'};
    options.delimiter = delimiters[std::clamp(m_ui->delimiterCombo->currentIndex(), 0, 2)];
    options.bom = m_ui->bomCheck->isChecked();
    return options;
}

QString ExportDialog::path() const
{
    return m_ui->pathEdit->text().trimmed();
}

void ExportDialog::setPath(const QString &path)
{
    m_ui->pathEdit->setText(path);
}

void ExportDialog::updateOk()
{
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(!path().isEmpty());
}

void ExportDialog::browse()
{
    // open(), not exec(): no nested event loop while a sweep keeps updating the table.
    auto *dialog = new QFileDialog(this, tr("Export CSV"), path(), tr("CSV files (*.csv);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &ExportDialog::setPath);
    dialog->open();
}

} // namespace ps
