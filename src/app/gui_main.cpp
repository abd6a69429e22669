// pingsweep: the desktop application.
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("PingSweep"));
    QApplication::setOrganizationName(QStringLiteral("PingSweep"));
    QApplication::setApplicationVersion(QStringLiteral(PINGSWEEP_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("pingsweep"));

    ps::MainWindow window;
    window.show();
    return QApplication::exec();
}
