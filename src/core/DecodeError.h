#pragma once

#include <QString>

namespace pitwall {

// Why a message from outside (Kafka, a file, a user) was refused.
enum class DecodeErrorKind { Oversize, NotJson, NotAnObject, MissingField, WrongType, OutOfRange, InvalidValue };

struct DecodeError {
    DecodeErrorKind kind;
    QString field; // empty when the error is about the whole message
    QString reason;

    QString describe() const;
};

QString decodeErrorKindName(DecodeErrorKind kind);

} // namespace pitwall
