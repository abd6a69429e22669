#include "csvreader.h"
#include "csvwriter.h"
#include "jsonwriter.h"
#include "sampleresults.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using ps::CsvReader;
using ps::CsvWriter;
using ps::HostResult;
using ps::JsonWriter;

namespace {

// Lowers RLIMIT_FSIZE for this process, so writing a regular file past `bytes` fails with EFBIG,
// as on a full disk. Unlike directory permissions this holds for root too, which is how the
// tests run. SIGXFSZ (which would kill us) is ignored meanwhile; both are restored on exit.
class FileSizeLimit final
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        m_active = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    bool isActive() const { return m_active; }

private:
    Q_DISABLE_COPY_MOVE(FileSizeLimit)
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_active = false;
};

// The two writers behind one signature, so every guarantee is checked for both formats.
using WriteFile = std::function<bool(const QString &path, const std::vector<HostResult> &, QString *error)>;

WriteFile csvWriteFile()
{
    return [](const QString &path, const std::vector<HostResult> &results, QString *error) {
        CsvWriter writer;
        const bool ok = writer.writeFile(path, results);
        *error = writer.errorString();
        return ok;
    };
}

WriteFile jsonWriteFile()
{
    return [](const QString &path, const std::vector<HostResult> &results, QString *error) {
        JsonWriter writer;
        const bool ok = writer.writeFile(path, results);
        *error = writer.errorString();
        return ok;
    };
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

std::vector<HostResult> manyResults()
{
    return std::vector<HostResult>(2000, samples::alive());  // ~200 kB either way
}

} // namespace

Q_DECLARE_METATYPE(WriteFile)

class TestSaveFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writeFileMatchesDeviceOutput();
    void writtenFileReadsBack();
    void replacesTheOldFileCompletely_data();
    void replacesTheOldFileCompletely();
    void unwritablePath_data();
    void unwritablePath();
    void interruptedWriteKeepsTheOldFile_data();
    void interruptedWriteKeepsTheOldFile();
    void readOnlyDirectoryKeepsTheOldFile();
};

void TestSaveFile::writeFileMatchesDeviceOutput()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<HostResult> results = samples::mixed();

    QBuffer csvBuffer;
    csvBuffer.open(QIODevice::WriteOnly);
    CsvWriter csv(ps::CsvOptions{u';', true});
    QVERIFY(csv.write(&csvBuffer, results));
    QVERIFY2(csv.writeFile(dir.filePath(QStringLiteral("out.csv")), results), qPrintable(csv.errorString()));
    QCOMPARE(readAll(dir.filePath(QStringLiteral("out.csv"))), csvBuffer.data());

    QBuffer jsonBuffer;
    jsonBuffer.open(QIODevice::WriteOnly);
    JsonWriter json;
    QVERIFY(json.write(&jsonBuffer, results));
    QVERIFY2(json.writeFile(dir.filePath(QStringLiteral("out.json")), results), qPrintable(json.errorString()));
    QCOMPARE(readAll(dir.filePath(QStringLiteral("out.json"))), jsonBuffer.data());

    QCOMPARE(entries(dir.path()), QStringList({QStringLiteral("out.csv"), QStringLiteral("out.json")}));
}

void TestSaveFile::writtenFileReadsBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sweep.csv"));
    CsvWriter writer(ps::CsvOptions{u'\t', true});
    QVERIFY2(writer.writeFile(path, samples::mixed()), qPrintable(writer.errorString()));
    CsvReader reader;
    std::vector<HostResult> back;
    QVERIFY2(reader.readFile(path, &back), qPrintable(reader.errorString()));
    QCOMPARE(back, samples::mixed());
    QCOMPARE(reader.detectedOptions().delimiter, QChar(u'\t'));
    QVERIFY(reader.detectedOptions().bom);
}

void TestSaveFile::replacesTheOldFileCompletely_data()
{
    QTest::addColumn<WriteFile>("writeFile");
    QTest::newRow("csv") << csvWriteFile();
    QTest::newRow("json") << jsonWriteFile();
}

void TestSaveFile::replacesTheOldFileCompletely()
{
    QFETCH(WriteFile, writeFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("out"));
    QVERIFY(writeBytes(path, QByteArray(100000, 'x')));  // longer than the new content
    QString error;
    QVERIFY2(writeFile(path, {samples::alive()}, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    const QByteArray bytes = readAll(path);
    QVERIFY(!bytes.contains(QByteArray(10, 'x')));
    QVERIFY(bytes.size() < 2000);
    QCOMPARE(entries(dir.path()), QStringList(QStringLiteral("out")));  // no temporary left over
}

void TestSaveFile::unwritablePath_data()
{
    QTest::addColumn<WriteFile>("writeFile");
    QTest::addColumn<QString>("kind");
    // Directory permissions cannot stop root (the tests run as root), so each case makes the
    // path unwritable in a way that holds for any user.
    for (const QString &kind : {QStringLiteral("parent is a regular file"), QStringLiteral("directory does not exist"),
                                QStringLiteral("target is a directory"), QStringLiteral("inside /proc")}) {
        QTest::newRow(qPrintable(QStringLiteral("csv, ") + kind)) << csvWriteFile() << kind;
        QTest::newRow(qPrintable(QStringLiteral("json, ") + kind)) << jsonWriteFile() << kind;
    }
}

void TestSaveFile::unwritablePath()
{
    QFETCH(WriteFile, writeFile);
    QFETCH(QString, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path;
    if (kind == QLatin1String("parent is a regular file")) {
        QVERIFY(writeBytes(dir.filePath(QStringLiteral("file")), "keep me"));
        path = dir.filePath(QStringLiteral("file/out.csv"));
    } else if (kind == QLatin1String("directory does not exist")) {
        path = dir.filePath(QStringLiteral("missing/out.csv"));
    } else if (kind == QLatin1String("target is a directory")) {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("out.csv")));
        QVERIFY(writeBytes(dir.filePath(QStringLiteral("out.csv/inside")), "keep me"));
        path = dir.filePath(QStringLiteral("out.csv"));
    } else {
        if (!QFileInfo(QStringLiteral("/proc/self")).exists())
            QSKIP("no /proc here");
        path = QStringLiteral("/proc/pingsweep-export-test.csv");
    }
    const QStringList before = entries(dir.path());

    QString error;
    QVERIFY(!writeFile(path, samples::mixed(), &error));
    // The message names the path and carries QSaveFile's reason.
    QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + path + QStringLiteral(": "))
                 || error.startsWith(QStringLiteral("cannot save ") + path + QStringLiteral(": ")),
             qPrintable(error));
    QVERIFY2(error.size() > path.size() + 16, qPrintable(error));
    qInfo("%s", qPrintable(error));

    QCOMPARE(entries(dir.path()), before);  // nothing created, nothing removed
    if (kind == QLatin1String("parent is a regular file"))
        QCOMPARE(readAll(dir.filePath(QStringLiteral("file"))), QByteArray("keep me"));
    if (kind == QLatin1String("target is a directory")) {
        QVERIFY(QFileInfo(path).isDir());
        QCOMPARE(entries(path), QStringList(QStringLiteral("inside")));
    }
    if (kind == QLatin1String("inside /proc"))
        QVERIFY(!QFileInfo::exists(path));
}

void TestSaveFile::interruptedWriteKeepsTheOldFile_data()
{
    replacesTheOldFileCompletely_data();
}

void TestSaveFile::interruptedWriteKeepsTheOldFile()
{
    QFETCH(WriteFile, writeFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("results"));
    const QByteArray old = "the previous export\r\n";
    QVERIFY(writeBytes(path, old));

    QString error;
    bool ok = true;
    {
        FileSizeLimit limit(4096);  // the new content is ~200 kB: the disk "fills up" mid-write
        QVERIFY(limit.isActive());
        ok = writeFile(path, manyResults(), &error);
    }
    QVERIFY(!ok);
    QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + path) || error.startsWith(QStringLiteral("cannot save ") + path),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("too large"), Qt::CaseInsensitive), qPrintable(error));  // EFBIG
    QCOMPARE(readAll(path), old);
    QCOMPARE(entries(dir.path()), QStringList(QStringLiteral("results")));  // the temporary is gone

    // With the limit lifted the same export succeeds and replaces the file.
    QVERIFY2(writeFile(path, manyResults(), &error), qPrintable(error));
    QVERIFY(readAll(path).size() > 100000);
}

void TestSaveFile::readOnlyDirectoryKeepsTheOldFile()
{
    if (::geteuid() == 0)
        QSKIP("root ignores directory permissions; the cases above cover this for root");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("results.csv"));
    QVERIFY(writeBytes(path, "old"));
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
    CsvWriter writer;
    const bool ok = writer.writeFile(path, samples::mixed());
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY(!ok);
    QVERIFY2(writer.errorString().startsWith(QStringLiteral("cannot write ") + path), qPrintable(writer.errorString()));
    QCOMPARE(readAll(path), QByteArray("old"));
}

QTEST_GUILESS_MAIN(TestSaveFile)
#include "tst_savefile.moc"
