#pragma once

#include <QIODevice>

// A device that accepts `budget` bytes and then fails every write, like a disk filling up in
// the middle of an export. The seam for "the writer stops and reports"; the QSaveFile half of
// the guarantee is tested on real files in tst_savefile.
class FailingDevice final : public QIODevice
{
public:
    explicit FailingDevice(qint64 budget) : m_budget(budget) {}

    QByteArray written;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 length) override
    {
        if (written.size() + length > m_budget) {
            setErrorString(QStringLiteral("simulated disk full"));
            return -1;
        }
        written.append(data, length);
        return length;
    }

private:
    qint64 m_budget;
};
