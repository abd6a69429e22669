#pragma once

#include "sweepoptions.h"

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace ps {

// Everything pingsweep-cli was asked to do, parsed and validated.
struct CliOptions
{
    QStringList targetArguments;
    QStringList targetFiles;
    QStringList excludes;
    bool listTargets = false;
    SweepOptions sweep;
    bool aliveOnly = false;
    QString format = QStringLiteral("text");
    QString outputFile;
    bool bom = false;                  // csv: UTF-8 byte order mark for spreadsheets
    QChar delimiter = u',';            // csv: ',' ';' or tab
    bool quiet = false;
    bool verbose = false;
};

// Exit codes, as documented in --help and the README.
enum CliExit { ExitAllAlive = 0, ExitSomeNotAlive = 1, ExitBadInput = 2, ExitNoMethod = 3 };

// Parses argv; on --help/--version prints and sets *exitCode to 0, on errors prints the
// message and sets it to 2. Returns true when the sweep should run.
bool parseCliOptions(const QStringList &arguments, CliOptions *options, int *exitCode);

} // namespace ps
