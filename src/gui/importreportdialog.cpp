#include "importreportdialog.h"

#include "plural.h"
#include "ui_importreportdialog.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPushButton>

namespace ps {

namespace {
constexpr int kPreviewTargets = 8;
constexpr quint64 kSweepLimit = quint64(1) << 20;  // SweepOptions::maxTargets
}

ImportReportDialog::ImportReportDialog(const filejobs::TargetFile &file, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ImportReportDialog>()), m_path(file.path)
{
    m_ui->setupUi(this);
    const QLocale locale;
    const TargetParseResult &parsed = file.parsed;
    const QString name = QFileInfo(file.path).fileName();
    setWindowTitle(tr("Import report — %1").arg(name));

    const quint64 count = parsed.targets.size();
    QString headline;
    if (count == 0)
        headline = tr("<b>%1 holds no targets.</b>").arg(name.toHtmlEscaped());
    else if (parsed.issueCount == 0)
        headline = tr("<b>%1 targets from %2.</b>").arg(parsed.targets.sizeText(), name.toHtmlEscaped());
    else
        headline = tr("<b>%1 targets from %2</b>, and %3: invalid entries are left out.")
                       .arg(parsed.targets.sizeText(), name.toHtmlEscaped(),
                            plural(parsed.issueCount, tr("%1 problem"), tr("%1 problems")));
    if (count > kSweepLimit)
        headline += u' ' + tr("That is more than one sweep takes (%1); narrow it with exclusions or split the file.")
                               .arg(locale.toString(kSweepLimit));
    m_ui->headlineLabel->setText(headline);
    m_ui->fileLabel->setText(tr("%1 (%2 bytes, %3)")
                                 .arg(QDir::toNativeSeparators(file.path), locale.toString(file.bytes), file.encoding));
    m_ui->targetsLabel->setText(parsed.targets.isSizeExact() ? locale.toString(count) : parsed.targets.sizeText());
    m_ui->linesLabel->setText(tr("%1 used, %2 skipped, %3 with problems")
                                  .arg(locale.toString(parsed.usedLineCount), locale.toString(parsed.skippedLineCount),
                                       locale.toString(parsed.issueCount)));

    QStringList first;
    TargetSet::Cursor cursor = parsed.targets.cursor();
    Target target;
    while (first.size() < kPreviewTargets && cursor.next(&target))
        first << target.text;
    if (count > quint64(first.size()))
        first << QStringLiteral("…");
    m_ui->firstLabel->setText(first.isEmpty() ? tr("none") : first.join(QStringLiteral(", ")));

    for (const TargetIssue &issue : parsed.issues)
        m_ui->issuesList->addItem(issue.toString());
    if (parsed.issueCount > parsed.issues.size())
        m_ui->issuesList->addItem(tr("… and %n more", nullptr, parsed.issueCount - int(parsed.issues.size())));
    for (const SkippedLine &line : parsed.skippedLines)
        m_ui->skippedList->addItem(line.toString());
    if (parsed.skippedLineCount > parsed.skippedLines.size())
        m_ui->skippedList->addItem(
            tr("… and %n more", nullptr, parsed.skippedLineCount - int(parsed.skippedLines.size())));
    m_ui->detailsTabs->setTabText(0, tr("Problems (%1)").arg(locale.toString(parsed.issueCount)));
    m_ui->detailsTabs->setTabText(1, tr("Skipped lines (%1)").arg(locale.toString(parsed.skippedLineCount)));
    // Open on whichever list has something to say.
    m_ui->detailsTabs->setCurrentIndex(parsed.issueCount == 0 && parsed.skippedLineCount > 0 ? 1 : 0);

    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Use these targets"));
    ok->setEnabled(count > 0);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ImportReportDialog::~ImportReportDialog() = default;

} // namespace ps
