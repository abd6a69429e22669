#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace ps {

// The File ▸ Recent target files menu: newest first, at most kMaxFiles, one action per file
// (Alt+1…9 style mnemonics) and "Clear list".
class RecentFiles final : public QObject
{
    Q_OBJECT

public:
    RecentFiles(QMenu *menu, QObject *parent);

    QStringList files() const { return m_files; }
    void setFiles(const QStringList &files);
    void add(const QString &path);

    static constexpr int kMaxFiles = 10;

Q_SIGNALS:
    void fileChosen(const QString &path);
    void changed();

private:
    void rebuildMenu();

    QMenu *m_menu;
    QStringList m_files;
};

} // namespace ps
