#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>

namespace ps {

RecentFiles::RecentFiles(QMenu *menu, QObject *parent) : QObject(parent), m_menu(menu)
{
    rebuildMenu();
}

void RecentFiles::setFiles(const QStringList &files)
{
    m_files.clear();
    for (const QString &file : files) {
        if (!file.isEmpty() && !m_files.contains(file) && m_files.size() < kMaxFiles)
            m_files.append(file);
    }
    rebuildMenu();
    Q_EMIT changed();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = m_files;
    files.removeAll(absolute);
    files.prepend(absolute);
    setFiles(files);
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    int number = 0;
    for (const QString &file : std::as_const(m_files)) {
        ++number;
        // "&1 hosts.txt — /home/me/lists": the name first, where it lives after.
        const QFileInfo info(file);
        const QString label = (number < 10 ? QStringLiteral("&%1 ").arg(number) : QString())
                              + info.fileName() + QStringLiteral("  —  ")
                              + QDir::toNativeSeparators(info.absolutePath());
        QAction *action = m_menu->addAction(label);
        action->setToolTip(QDir::toNativeSeparators(file));
        connect(action, &QAction::triggered, this, [this, file] { Q_EMIT fileChosen(file); });
    }
    if (m_files.isEmpty()) {
        m_menu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("&Clear list")), &QAction::triggered, this, [this] { setFiles({}); });
}

} // namespace ps
