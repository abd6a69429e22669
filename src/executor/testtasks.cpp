#include "testtasks.h"

#include <QCborArray>
#include <QCborMap>
#include <QThread>

#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace ps {

namespace {

[[noreturn]] void throwNamed(const QCborMap &spec)
{
    const QString type = spec.value(QStringLiteral("type")).toString();
    const std::string message = spec.value(QStringLiteral("message")).toString().toStdString();
    if (type == QLatin1String("invalid_argument"))
        throw std::invalid_argument(message);
    if (type == QLatin1String("out_of_range"))
        throw std::out_of_range(message);
    if (type == QLatin1String("logic_error"))
        throw std::logic_error(message);
    if (type == QLatin1String("int"))
        throw 42;  // not a std::exception
    throw std::runtime_error(message);
}

void writeRaw(const QByteArray &bytes)
{
    const ssize_t n = ::write(1, bytes.constData(), std::size_t(bytes.size()));
    Q_UNUSED(n);
}

} // namespace

void registerTestTasks(TaskRegistry &registry)
{
    registry.add(QStringLiteral("echo"), [](const QCborValue &v) { return v; });
    registry.add(QStringLiteral("add"), [](const QCborValue &v) {
        const QCborArray a = v.toArray();
        return QCborValue(a.at(0).toInteger() + a.at(1).toInteger());
    });
    registry.add(QStringLiteral("square"), [](const QCborValue &v) {
        const qint64 n = v.toInteger();
        return QCborValue(n * n);
    });
    registry.add(QStringLiteral("sleep"), [](const QCborValue &v) {
        QThread::msleep(std::max<qint64>(0, std::min<qint64>(v.toInteger(), 60000)));
        return v;
    });
    registry.add(QStringLiteral("pid"), [](const QCborValue &) { return QCborValue(qint64(::getpid())); });
    registry.add(QStringLiteral("throw"), [](const QCborValue &v) -> QCborValue { throwNamed(v.toMap()); });
    registry.add(QStringLiteral("crash"), [](const QCborValue &) -> QCborValue { std::abort(); });
    registry.add(QStringLiteral("exit"), [](const QCborValue &v) -> QCborValue {
        ::_exit(int(v.toInteger()));
    });
    registry.add(QStringLiteral("garbage"), [](const QCborValue &) {
        writeRaw(QByteArray("\x00\x00\x00\x05not-cbor", 12));
        QThread::msleep(2000);
        return QCborValue();
    });
    registry.add(QStringLiteral("oversized"), [](const QCborValue &) {
        writeRaw(QByteArray("\x40\x00\x00\x00", 4));  // claims a 1 GiB frame
        QThread::msleep(2000);
        return QCborValue();
    });
    registry.add(QStringLiteral("hang"), [](const QCborValue &) {
        QThread::sleep(60);
        return QCborValue();
    });
    registry.add(QStringLiteral("fail-init"), [](const QCborValue &) -> QCborValue {
        throw std::runtime_error("initializer refused to start");
    });
}

} // namespace ps
