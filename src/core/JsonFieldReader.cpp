#include "JsonFieldReader.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace pitwall {

namespace {

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("boolean");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

} // namespace

JsonFieldReader::JsonFieldReader(QByteArrayView bytes)
{
    if (bytes.size() > kMaxMessageBytes) {
        m_error = DecodeError{DecodeErrorKind::Oversize, {},
                              QStringLiteral("%1 bytes, the limit is %2").arg(bytes.size()).arg(kMaxMessageBytes)};
        return;
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        m_error = DecodeError{DecodeErrorKind::NotJson, {},
                              QStringLiteral("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset)};
        return;
    }
    if (!document.isObject()) {
        m_error = DecodeError{DecodeErrorKind::NotAnObject, {}, QStringLiteral("expected a JSON object")};
        return;
    }
    m_object = document.object();
}

void JsonFieldReader::fail(DecodeErrorKind kind, const char *field, const QString &reason)
{
    if (!m_error)
        m_error = DecodeError{kind, QString::fromLatin1(field), reason};
}

std::optional<QJsonValue> JsonFieldReader::present(const char *field, bool required)
{
    if (m_error)
        return std::nullopt;
    const auto value = m_object.value(QLatin1StringView(field));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(DecodeErrorKind::MissingField, field,
                 value.isNull() ? QStringLiteral("is null") : QStringLiteral("is missing"));
        return std::nullopt;
    }
    return value;
}

QString JsonFieldReader::requiredString(const char *field, qsizetype maxLength, bool allowEmpty)
{
    const auto value = nullableString(field, maxLength);
    if (!value) {
        present(field, true); // records "missing" unless an error is already set
        return {};
    }
    if (!allowEmpty && value->trimmed().isEmpty())
        fail(DecodeErrorKind::InvalidValue, field, QStringLiteral("is empty"));
    return *value;
}

std::optional<QString> JsonFieldReader::nullableString(const char *field, qsizetype maxLength)
{
    const auto value = present(field, false);
    if (!value)
        return std::nullopt;
    if (!value->isString()) {
        fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected a string, got %1").arg(jsonTypeName(*value)));
        return std::nullopt;
    }
    auto text = value->toString();
    if (text.size() > maxLength) {
        fail(DecodeErrorKind::OutOfRange, field,
             QStringLiteral("%1 characters, the limit is %2").arg(text.size()).arg(maxLength));
        return std::nullopt;
    }
    return text;
}

std::optional<double> JsonFieldReader::number(const char *field, bool required, double min, double max)
{
    const auto value = present(field, required);
    if (!value)
        return std::nullopt;
    if (!value->isDouble()) {
        fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected a number, got %1").arg(jsonTypeName(*value)));
        return std::nullopt;
    }
    const double number = value->toDouble();
    if (!std::isfinite(number) || number < min || number > max) {
        fail(DecodeErrorKind::OutOfRange, field,
             QStringLiteral("%1 is outside [%2, %3]").arg(number).arg(min).arg(max));
        return std::nullopt;
    }
    return number;
}

int JsonFieldReader::requiredInt(const char *field, int min, int max)
{
    const auto value = number(field, true, min, max);
    if (!value)
        return 0;
    if (std::trunc(*value) != *value) {
        fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected an integer, got %1").arg(*value));
        return 0;
    }
    return static_cast<int>(*value);
}

std::optional<int> JsonFieldReader::nullableInt(const char *field, int min, int max)
{
    const auto value = number(field, false, min, max);
    if (!value)
        return std::nullopt;
    if (std::trunc(*value) != *value) {
        fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected an integer, got %1").arg(*value));
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

QJsonObject JsonFieldReader::optionalObject(const char *field)
{
    const auto value = present(field, false);
    if (!value)
        return {};
    if (!value->isObject()) {
        fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected an object, got %1").arg(jsonTypeName(*value)));
        return {};
    }
    return value->toObject();
}

qint64 JsonFieldReader::requiredTimestampMs(const char *field)
{
    const auto value = number(field, true, 0, double(kMaxTimestampMs));
    if (!value)
        return 0;
    if (std::trunc(*value) != *value) {
        fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected whole milliseconds, got %1").arg(*value));
        return 0;
    }
    return static_cast<qint64>(*value);
}

double JsonFieldReader::requiredDouble(const char *field, double min, double max)
{
    return number(field, true, min, max).value_or(0.0);
}

std::optional<double> JsonFieldReader::nullableDouble(const char *field, double min, double max)
{
    return number(field, false, min, max);
}

bool JsonFieldReader::requiredBool(const char *field)
{
    const auto value = present(field, true);
    if (!value)
        return false;
    if (!value->isBool()) {
        fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected a boolean, got %1").arg(jsonTypeName(*value)));
        return false;
    }
    return value->toBool();
}

} // namespace pitwall
