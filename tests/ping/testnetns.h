#pragma once

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

// A throw-away network namespace for the probes' "nobody answers" cases: inside it loopback is
// the only interface, and nftables rules make chosen loopback addresses drop or reject, so a
// test can see a timeout or an ICMP error without a single packet leaving the machine (no
// route, no resolver). Needs CAP_SYS_ADMIN (root); create() says why when it cannot, for a
// QSKIP. The destructor deletes the namespace, so a failing test does not leave it behind.
//
// runInside() joins the namespace with setns() on a fresh QThread, not the whole process: the
// test's other threads stay where they were, and the probe code runs unmodified (a QThread,
// not a std::thread, because QProcess needs the event dispatcher a QThread brings).
class TestNetns final
{
public:
    explicit TestNetns(QString name) : m_name(std::move(name)) {}
    ~TestNetns() { remove(); }
    Q_DISABLE_COPY_MOVE(TestNetns)

    QString name() const { return m_name; }

    bool create(const QString &nftRuleset, QString *why)
    {
        const QString ip = tool(QStringLiteral("ip"));
        if (ip.isEmpty()) {
            *why = QStringLiteral("no 'ip' command (iproute2) to create a network namespace");
            return false;
        }
        QString output;
        pruneStale(ip);
        if (!run(ip, {QStringLiteral("netns"), QStringLiteral("add"), m_name}, &output)) {
            *why = QStringLiteral("'ip netns add' not permitted here (needs root/CAP_SYS_ADMIN): %1").arg(output);
            return false;
        }
        m_created = true;
        if (!exec({QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                   QStringLiteral("lo"), QStringLiteral("up")}, &output)) {
            *why = QStringLiteral("could not bring up lo in %1: %2").arg(m_name, output);
            return false;
        }
        if (nftRuleset.isEmpty())
            return true;
        if (tool(QStringLiteral("nft")).isEmpty()) {
            *why = QStringLiteral("no 'nft' command: apt-get install -y nftables");
            return false;
        }
        if (!exec({QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")}, &output,
                  nftRuleset.toUtf8())) {
            *why = QStringLiteral("nftables rules rejected: %1").arg(output);
            return false;
        }
        return true;
    }

    void remove()
    {
        if (!m_created)
            return;
        QString output;
        if (!run(tool(QStringLiteral("ip")), {QStringLiteral("netns"), QStringLiteral("del"), m_name}, &output))
            qWarning("could not delete network namespace %s: %s", qPrintable(m_name), qPrintable(output));
        m_created = false;
    }

    bool hasIpv6Loopback()
    {
        QString output;
        return exec({QStringLiteral("ip"), QStringLiteral("-6"), QStringLiteral("addr"),
                     QStringLiteral("show"), QStringLiteral("dev"), QStringLiteral("lo")}, &output)
            && output.contains(QStringLiteral("inet6 ::1/128"));
    }

    // Runs `work` on a thread inside the namespace and waits for it. Check results afterwards,
    // on the test's thread: QTest's macros belong there.
    template <typename Work>
    bool runInside(Work work, QString *why)
    {
        const QByteArray path = QByteArrayLiteral("/run/netns/") + m_name.toUtf8();
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            *why = QStringLiteral("open %1: %2").arg(QString::fromUtf8(path), QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        int setnsError = 0;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            if (::setns(fd, CLONE_NEWNET) != 0) {
                setnsError = errno;
                return;
            }
            work();
        }));
        thread->start();
        thread->wait();
        ::close(fd);
        if (setnsError != 0) {
            *why = QStringLiteral("setns: %1").arg(QString::fromLocal8Bit(std::strerror(setnsError)));
            return false;
        }
        return true;
    }

private:
    // A test killed mid-run (a sanitizer abort, a timeout) cannot delete its namespace: remove
    // ours — "ps-ping-PID" / "ps-tcp-PID" — whose process is gone before making a new one.
    static void pruneStale(const QString &ip)
    {
        QString list;
        if (!run(ip, {QStringLiteral("netns"), QStringLiteral("list")}, &list))
            return;
        static const QRegularExpression ours(QStringLiteral(R"(^(ps-(?:ping|tcp)-(\d+))\b)"),
                                             QRegularExpression::MultilineOption);
        auto it = ours.globalMatch(list);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (!QFileInfo::exists(QStringLiteral("/proc/") + m.captured(2))) {
                QString ignored;
                run(ip, {QStringLiteral("netns"), QStringLiteral("del"), m.captured(1)}, &ignored);
            }
        }
    }


    static QString tool(const QString &name)
    {
        const QString onPath = QStandardPaths::findExecutable(name);
        if (!onPath.isEmpty())
            return onPath;
        return QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                                     QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
    }

    // `ip netns exec NAME command…`
    bool exec(const QStringList &command, QString *output, const QByteArray &input = QByteArray())
    {
        QStringList args{QStringLiteral("netns"), QStringLiteral("exec"), m_name};
        args << command;
        return run(tool(QStringLiteral("ip")), args, output, input);
    }

    static bool run(const QString &program, const QStringList &args, QString *output,
                    const QByteArray &input = QByteArray())
    {
        if (program.isEmpty()) {
            *output = QStringLiteral("command not found");
            return false;
        }
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(program, args);
        if (!process.waitForStarted(5000)) {
            *output = process.errorString();
            return false;
        }
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        const bool finished = process.waitForFinished(10000);
        *output = QString::fromLocal8Bit(process.readAll()).trimmed();
        return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    QString m_name;
    bool m_created = false;
};
