#pragma once

// Shared by the GUI tests: settings in a temporary folder (never the user's), and small
// helpers to find and drive parts of the real window.
#include <QApplication>
#include <QDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QWidget>

namespace guitest {

// Points QSettings at `folder` (INI files) and QStandardPaths at its test locations. Call in
// initTestCase; call resetSettings() in init() so every test starts as a first run.
inline void isolateSettings(const QString &folder)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PingSweepTests"));
    QCoreApplication::setApplicationName(QStringLiteral("PingSweepTests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
}

inline void resetSettings()
{
    QSettings settings;
    settings.clear();
    settings.sync();
}

// The visible top-level dialog of type T (dialogs are opened with open(), not exec()).
template<typename T>
T *visibleDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *d = qobject_cast<T *>(w); d && d->isVisible())
            return d;
    }
    return nullptr;
}

template<typename T>
T *child(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

} // namespace guitest
