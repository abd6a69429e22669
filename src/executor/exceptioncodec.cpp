#include "exceptioncodec.h"

#include "errors.h"

#include <QString>

#include <functional>
#include <new>
#include <stdexcept>
#include <typeinfo>

namespace ps {

namespace {

const QString kType = QStringLiteral("type");
const QString kMessage = QStringLiteral("message");

struct KnownType
{
    const char *name;
    std::function<std::exception_ptr(const std::string &)> make;
};

template<typename E>
KnownType known(const char *name)
{
    return {name, [](const std::string &m) { return std::make_exception_ptr(E(m)); }};
}

// Most derived first: the first dynamic_cast that matches names the type.
const std::vector<KnownType> &knownTypes()
{
    static const std::vector<KnownType> types = {
        known<WorkerCrashedError>("ps::WorkerCrashedError"),
        known<UnknownTaskError>("ps::UnknownTaskError"),
        known<TimeoutError>("ps::TimeoutError"),
        known<InvalidStateError>("ps::InvalidStateError"),
        known<std::invalid_argument>("std::invalid_argument"),
        known<std::out_of_range>("std::out_of_range"),
        known<std::length_error>("std::length_error"),
        known<std::domain_error>("std::domain_error"),
        known<std::logic_error>("std::logic_error"),
        known<std::range_error>("std::range_error"),
        known<std::overflow_error>("std::overflow_error"),
        known<std::underflow_error>("std::underflow_error"),
        known<std::runtime_error>("std::runtime_error"),
    };
    return types;
}

QString typeNameOf(const std::exception &e)
{
#define PS_MATCH(T, NAME) \
    if (dynamic_cast<const T *>(&e)) \
        return QStringLiteral(NAME);
    PS_MATCH(WorkerCrashedError, "ps::WorkerCrashedError")
    PS_MATCH(UnknownTaskError, "ps::UnknownTaskError")
    PS_MATCH(TimeoutError, "ps::TimeoutError")
    PS_MATCH(InvalidStateError, "ps::InvalidStateError")
    PS_MATCH(std::invalid_argument, "std::invalid_argument")
    PS_MATCH(std::out_of_range, "std::out_of_range")
    PS_MATCH(std::length_error, "std::length_error")
    PS_MATCH(std::domain_error, "std::domain_error")
    PS_MATCH(std::logic_error, "std::logic_error")
    PS_MATCH(std::range_error, "std::range_error")
    PS_MATCH(std::overflow_error, "std::overflow_error")
    PS_MATCH(std::underflow_error, "std::underflow_error")
    PS_MATCH(std::bad_alloc, "std::bad_alloc")
    PS_MATCH(std::runtime_error, "std::runtime_error")
#undef PS_MATCH
    return QString::fromLatin1(typeid(e).name());
}

} // namespace

QCborMap encodeException(const std::exception_ptr &exception)
{
    QCborMap map;
    try {
        std::rethrow_exception(exception);
    } catch (const std::exception &e) {
        map.insert(kType, typeNameOf(e));
        map.insert(kMessage, QString::fromUtf8(e.what()));
    } catch (...) {
        map.insert(kType, QStringLiteral("unknown"));
        map.insert(kMessage, QStringLiteral("a non-standard exception"));
    }
    return map;
}

std::exception_ptr decodeException(const QCborMap &encoded)
{
    const QString type = encoded.value(kType).toString();
    const std::string message = encoded.value(kMessage).toString().toStdString();
    if (type == QLatin1String("std::bad_alloc"))
        return std::make_exception_ptr(std::bad_alloc());
    for (const KnownType &k : knownTypes()) {
        if (type == QLatin1String(k.name))
            return k.make(message);
    }
    return std::make_exception_ptr(RemoteTaskError(type, QString::fromStdString(message)));
}

} // namespace ps
