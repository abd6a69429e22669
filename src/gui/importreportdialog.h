#pragma once

#include "filejobs.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ImportReportDialog;
}

namespace ps {

// What a target file gave: how many targets, from how many lines, the problems (invalid
// address-like text, with line and column) and the lines that gave nothing, and why. OK puts
// the file into the targets field.
class ImportReportDialog final : public QDialog
{
    Q_OBJECT

public:
    ImportReportDialog(const filejobs::TargetFile &file, QWidget *parent = nullptr);
    ~ImportReportDialog() override;

    QString path() const { return m_path; }

private:
    std::unique_ptr<Ui::ImportReportDialog> m_ui;
    QString m_path;
};

} // namespace ps
