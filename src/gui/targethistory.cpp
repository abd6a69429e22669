#include "targethistory.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QLineEdit>
#include <QStringListModel>

namespace ps {

TargetHistory::TargetHistory(QLineEdit *edit, QObject *parent)
    : QObject(parent), m_edit(edit), m_model(new QStringListModel(this)), m_completer(new QCompleter(m_model, this))
{
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    // Users remember a part of a long target list ("10.2."), not always its start.
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_edit->setCompleter(m_completer);
    m_edit->installEventFilter(this);
}

QStringList TargetHistory::entries() const
{
    return m_model->stringList();
}

void TargetHistory::setEntries(const QStringList &entries)
{
    QStringList unique;
    for (const QString &entry : entries) {
        const QString trimmed = entry.trimmed();
        if (!trimmed.isEmpty() && !unique.contains(trimmed) && unique.size() < kMaxEntries)
            unique.append(trimmed);
    }
    m_model->setStringList(unique);
}

void TargetHistory::add(const QString &text)
{
    QStringList list = entries();
    list.removeAll(text.trimmed());
    list.prepend(text.trimmed());
    setEntries(list);
}

bool TargetHistory::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down && !m_completer->popup()->isVisible()
        && m_model->rowCount() > 0) {
        // Down on a closed field lists the whole history, as a browser's address bar does.
        m_completer->setCompletionPrefix(QString());
        m_completer->complete();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace ps
