#pragma once

#include <QObject>
#include <QStringList>

class QCompleter;
class QLineEdit;
class QStringListModel;

namespace ps {

// Earlier targets for the targets field: a QCompleter that pops up matching entries as the
// user types, and every entry on Down when the field's popup is closed. Newest first.
class TargetHistory final : public QObject
{
    Q_OBJECT

public:
    TargetHistory(QLineEdit *edit, QObject *parent);

    QStringList entries() const;
    void setEntries(const QStringList &entries);
    void add(const QString &text);

    static constexpr int kMaxEntries = 30;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit;
    QStringListModel *m_model;
    QCompleter *m_completer;
};

} // namespace ps
