// pingsweep-cli: the sweep engine without a display (QCoreApplication, no Qt Gui/Widgets).
#include "clioptions.h"
#include "clirunner.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pingsweep-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PINGSWEEP_VERSION));

    ps::CliOptions options;
    int exitCode = 0;
    if (!ps::parseCliOptions(QCoreApplication::arguments(), &options, &exitCode))
        return exitCode;
    ps::CliRunner runner(std::move(options));
    QObject::connect(&runner, &ps::CliRunner::done, &app, &QCoreApplication::exit);
    runner.start();
    return QCoreApplication::exec();
}
