#pragma once

#include "csvformat.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ExportDialog;
}

namespace ps {

// File ▸ Export CSV: which rows (all, the visible ones, the selected ones), the delimiter and
// BOM, and the file. Only asks; the window writes through the export layer.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Scope { All, Visible, Selected };

    ExportDialog(int all, int visible, int selected, QWidget *parent = nullptr);
    ~ExportDialog() override;

    Scope scope() const;
    void setScope(Scope scope);
    CsvOptions csvOptions() const;
    QString path() const;
    void setPath(const QString &path);

private:
    void browse();
    void updateOk();

    std::unique_ptr<Ui::ExportDialog> m_ui;
};

} // namespace ps
