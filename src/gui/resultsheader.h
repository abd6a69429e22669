#pragma once

#include <QByteArray>
#include <QObject>

class QTableView;

namespace ps {

// The results table's header: default column widths (addresses, names and errors wide,
// numbers narrow), a context menu to show or hide columns, and the state (widths, order,
// hidden columns, sort column and order) saved and restored as one QHeaderView state.
class ResultsHeader final : public QObject
{
    Q_OBJECT

public:
    ResultsHeader(QTableView *view, QObject *parent);

    void applyDefaults();
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    static int defaultWidth(int column, int charWidth);

private:
    void showMenu(const QPoint &pos);

    QTableView *m_view;
};

} // namespace ps
