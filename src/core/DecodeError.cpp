#include "DecodeError.h"

namespace pitwall {

QString decodeErrorKindName(DecodeErrorKind kind)
{
    switch (kind) {
    case DecodeErrorKind::Oversize: return QStringLiteral("oversize");
    case DecodeErrorKind::NotJson: return QStringLiteral("not-json");
    case DecodeErrorKind::NotAnObject: return QStringLiteral("not-an-object");
    case DecodeErrorKind::MissingField: return QStringLiteral("missing-field");
    case DecodeErrorKind::WrongType: return QStringLiteral("wrong-type");
    case DecodeErrorKind::OutOfRange: return QStringLiteral("out-of-range");
    case DecodeErrorKind::InvalidValue: break;
    }
    return QStringLiteral("invalid-value");
}

QString DecodeError::describe() const
{
    if (field.isEmpty())
        return QStringLiteral("%1: %2").arg(decodeErrorKindName(kind), reason);
    return QStringLiteral("%1 (%2): %3").arg(decodeErrorKindName(kind), field, reason);
}

} // namespace pitwall
