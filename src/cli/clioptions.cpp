#include "clioptions.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>

namespace ps {

namespace {

bool parsePositive(const QString &text, int minimum, int *out)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum)
        return false;
    *out = value;
    return true;
}

} // namespace

bool parseCliOptions(const QStringList &arguments, CliOptions *options, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Ping sweep of addresses, ranges and CIDR blocks.\n"
        "Exit codes: 0 every host alive, 1 some host not alive, 2 bad arguments or targets,\n"
        "3 no probe method could run."));
    parser.addHelpOption();
    // Not addVersionOption(): it would take -v, which is --verbose here (fping's habit).
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Displays version information."));
    parser.addOption(version);
    parser.addPositionalArgument(QStringLiteral("targets"),
                                 QStringLiteral("Addresses, ranges and CIDR blocks to sweep."),
                                 QStringLiteral("[TARGET...]"));
    const QCommandLineOption file({QStringLiteral("f"), QStringLiteral("file")},
                                  QStringLiteral("Targets from FILE ('-' = stdin); repeatable."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption exclude(QStringLiteral("exclude"), QStringLiteral("Remove targets."),
                                     QStringLiteral("TARGETS"));
    const QCommandLineOption listTargets(QStringLiteral("list-targets"),
                                         QStringLiteral("Print the expanded targets and probe nothing."));
    const QCommandLineOption mode({QStringLiteral("m"), QStringLiteral("mode")},
                                  QStringLiteral("Executor mode: thread or process (default thread)."),
                                  QStringLiteral("MODE"), QStringLiteral("thread"));
    const QCommandLineOption workers({QStringLiteral("w"), QStringLiteral("workers")},
                                     QStringLiteral("Worker threads or processes."), QStringLiteral("N"));
    const QCommandLineOption timeout({QStringLiteral("t"), QStringLiteral("timeout")},
                                     QStringLiteral("Timeout per probe in ms (default 1000)."),
                                     QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption count({QStringLiteral("c"), QStringLiteral("count")},
                                   QStringLiteral("Probes per host (default 1)."), QStringLiteral("N"),
                                   QStringLiteral("1"));
    const QCommandLineOption interval({QStringLiteral("i"), QStringLiteral("interval")},
                                      QStringLiteral("Interval between probes to one host in ms (default 1000)."),
                                      QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption probe(QStringLiteral("probe"),
                                   QStringLiteral("Probe method: auto, icmp, system or tcp[:PORTS] (default auto)."),
                                   QStringLiteral("METHOD"), QStringLiteral("auto"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Probes per second, 0 = unlimited (default 0)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption maxTargets(QStringLiteral("max-targets"),
                                        QStringLiteral("Refuse sweeps of more targets (default 1048576)."),
                                        QStringLiteral("N"), QStringLiteral("1048576"));
    const QCommandLineOption aliveOnly({QStringLiteral("a"), QStringLiteral("alive-only")},
                                       QStringLiteral("Only alive hosts in the output."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output format: text, csv or json (default text)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the results to FILE (atomically)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption bom(QStringLiteral("bom"), QStringLiteral("CSV: start with a UTF-8 byte order mark."));
    const QCommandLineOption delimiter(QStringLiteral("delimiter"),
                                       QStringLiteral("CSV field delimiter: ',' ';' or 'tab' (default ',')."),
                                       QStringLiteral("CHAR"), QStringLiteral(","));
    const QCommandLineOption dns(QStringLiteral("dns"), QStringLiteral("Reverse DNS for the hostname column (alive hosts, 2 s limit)."));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("No progress or summary on stderr."));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Say which probe method runs and why."));
    parser.addOptions({file, exclude, listTargets, mode, workers, timeout, count, interval, probe,
                       rate, maxTargets, aliveOnly, format, output, bom, delimiter, dns, quiet, verbose});

    QTextStream err(stderr);
    auto fail = [&](const QString &message) {
        err << "pingsweep-cli: " << message << "\n";
        *exitCode = ExitBadInput;
        return false;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        *exitCode = 0;
        return false;
    }
    if (parser.isSet(version)) {
        QTextStream(stdout) << "pingsweep-cli " << PINGSWEEP_VERSION << "\n";
        *exitCode = 0;
        return false;
    }

    options->targetArguments = parser.positionalArguments();
    options->targetFiles = parser.values(file);
    options->excludes = parser.values(exclude);
    options->listTargets = parser.isSet(listTargets);
    if (!executorModeFromName(parser.value(mode), &options->sweep.mode))
        return fail(QStringLiteral("--mode must be 'thread' or 'process', not '%1'").arg(parser.value(mode)));
    if (parser.isSet(workers)) {
        int n = 0;
        if (!parsePositive(parser.value(workers), 1, &n))
            return fail(QStringLiteral("--workers must be a whole number of at least 1"));
        options->sweep.workers = n;
    }
    if (!parsePositive(parser.value(timeout), 1, &options->sweep.probe.timeoutMs))
        return fail(QStringLiteral("--timeout must be a whole number of milliseconds, at least 1"));
    if (!parsePositive(parser.value(count), 1, &options->sweep.probe.count))
        return fail(QStringLiteral("--count must be a whole number of at least 1"));
    if (!parsePositive(parser.value(interval), 1, &options->sweep.probe.intervalMs))
        return fail(QStringLiteral("--interval must be a whole number of milliseconds, at least 1"));
    if (!parsePositive(parser.value(rate), 0, &options->sweep.ratePerSecond))
        return fail(QStringLiteral("--rate must be a whole number, 0 for unlimited"));
    bool ok = false;
    options->sweep.maxTargets = parser.value(maxTargets).toULongLong(&ok);
    if (!ok || options->sweep.maxTargets == 0)
        return fail(QStringLiteral("--max-targets must be a whole number of at least 1"));

    const QString method = parser.value(probe);
    const QString methodName = method.section(u':', 0, 0);
    if (!ProbeRequest::methodFromName(methodName, &options->sweep.probe.method))
        return fail(QStringLiteral("--probe must be auto, icmp, system or tcp[:PORTS], not '%1'").arg(method));
    if (method.contains(u':')) {
        if (options->sweep.probe.method != ProbeMethod::Tcp)
            return fail(QStringLiteral("only --probe tcp takes a port list"));
        options->sweep.probe.tcpPorts.clear();
        for (const QString &p : method.section(u':', 1).split(u',')) {
            int port = 0;
            if (!parsePositive(p, 1, &port) || port > 65535)
                return fail(QStringLiteral("'%1' is not a TCP port (1-65535)").arg(p));
            options->sweep.probe.tcpPorts.append(quint16(port));
        }
    }
    options->aliveOnly = parser.isSet(aliveOnly);
    options->format = parser.value(format);
    if (options->format != QLatin1String("text") && options->format != QLatin1String("csv")
        && options->format != QLatin1String("json"))
        return fail(QStringLiteral("--format must be text, csv or json, not '%1'").arg(options->format));
    options->outputFile = parser.value(output);
    options->bom = parser.isSet(bom);
    const QString d = parser.value(delimiter);
    if (d == QLatin1String(",") || d == QLatin1String(";"))
        options->delimiter = d.at(0);
    else if (d == QLatin1String("tab") || d == QLatin1String("\t"))
        options->delimiter = u'\t';
    else
        return fail(QStringLiteral("--delimiter must be ',', ';' or 'tab', not '%1'").arg(d));
    options->sweep.reverseDns = parser.isSet(dns);
    options->quiet = parser.isSet(quiet);
    options->verbose = parser.isSet(verbose);
    if (options->targetArguments.isEmpty() && options->targetFiles.isEmpty())
        return fail(QStringLiteral("no targets given (try --help)"));
    return true;
}

} // namespace ps
