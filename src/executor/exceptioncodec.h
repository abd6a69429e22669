#pragma once

#include <QCborMap>

#include <exception>

namespace ps {

// Carries an exception across the worker pipe with its type: the worker encodes
// {type, message}; the app rebuilds the same standard or executor exception type, or a
// RemoteTaskError naming a type it does not know.
QCborMap encodeException(const std::exception_ptr &exception);
std::exception_ptr decodeException(const QCborMap &encoded);

} // namespace ps
