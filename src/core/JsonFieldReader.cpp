#include "JsonFieldReader.h"

#include <QJsonDocument>
#include <cmath>
#include <simdjson.h>

namespace pitwall {

struct JsonFieldReader::Document {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
};

struct JsonFieldReader::Field {
    simdjson::dom::element element;
};

namespace {

const char *jsonTypeName(simdjson::dom::element_type type)
{
    using Type = simdjson::dom::element_type;
    switch (type) {
    case Type::NULL_VALUE: return "null";
    case Type::BOOL: return "boolean";
    case Type::INT64:
    case Type::UINT64:
    case Type::DOUBLE: return "number";
    case Type::STRING: return "string";
    case Type::ARRAY: return "array";
    case Type::OBJECT: return "object";
    }
    return "undefined";
}

} // namespace

JsonFieldReader::JsonFieldReader(QByteArrayView bytes)
{
    if (bytes.size() > kMaxMessageBytes) {
        m_error = DecodeError{DecodeErrorKind::Oversize,
                              {},
                              QStringLiteral("%1 bytes, the limit is %2").arg(bytes.size()).arg(kMaxMessageBytes)};
        return;
    }
    m_document = std::make_unique<Document>();
    simdjson::dom::element root;
    // parse() copies into a padded buffer when the input is not padded (Kafka's is not).
    if (const auto error = m_document->parser.parse(bytes.data(), size_t(bytes.size())).get(root)) {
        m_error = DecodeError{DecodeErrorKind::NotJson, {}, QString::fromLatin1(simdjson::error_message(error))};
        return;
    }
    if (root.get_object().get(m_document->object)) {
        m_error = DecodeError{DecodeErrorKind::NotAnObject,
                              {},
                              QStringLiteral("expected a JSON object, got %1").arg(QLatin1StringView(jsonTypeName(root.type())))};
    }
}

JsonFieldReader::~JsonFieldReader() = default;

void JsonFieldReader::fail(DecodeErrorKind kind, const char *field, const QString &reason)
{
    if (!m_error)
        m_error = DecodeError{kind, QString::fromLatin1(field), reason};
}

void JsonFieldReader::failType(const char *field, const char *expected, const Field &got)
{
    fail(DecodeErrorKind::WrongType, field,
         QStringLiteral("expected %1, got %2").arg(QLatin1StringView(expected), QLatin1StringView(jsonTypeName(got.element.type()))));
}

std::optional<JsonFieldReader::Field> JsonFieldReader::present(const char *field, bool required)
{
    if (m_error)
        return std::nullopt;
    simdjson::dom::element element;
    const bool missing = m_document->object.at_key(field).get(element) != simdjson::SUCCESS;
    if (missing || element.is_null()) {
        if (required)
            fail(DecodeErrorKind::MissingField, field, missing ? QStringLiteral("is missing") : QStringLiteral("is null"));
        return std::nullopt;
    }
    return Field{element};
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
    std::string_view utf8;
    if (value->element.get_string().get(utf8)) {
        failType(field, "a string", *value);
        return std::nullopt;
    }
    auto text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    if (text.size() > maxLength) {
        fail(DecodeErrorKind::OutOfRange, field, QStringLiteral("%1 characters, the limit is %2").arg(text.size()).arg(maxLength));
        return std::nullopt;
    }
    return text;
}

std::optional<double> JsonFieldReader::number(const char *field, bool required, double min, double max)
{
    const auto value = present(field, required);
    if (!value)
        return std::nullopt;
    double number = 0;
    if (value->element.get_double().get(number)) { // integers convert too
        failType(field, "a number", *value);
        return std::nullopt;
    }
    if (!std::isfinite(number) || number < min || number > max) {
        fail(DecodeErrorKind::OutOfRange, field, QStringLiteral("%1 is outside [%2, %3]").arg(number).arg(min).arg(max));
        return std::nullopt;
    }
    return number;
}

std::optional<double> JsonFieldReader::wholeNumber(const char *field, bool required, double min, double max, const char *expected)
{
    const auto value = number(field, required, min, max);
    if (value && std::trunc(*value) != *value) {
        fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected %1, got %2").arg(QLatin1String(expected)).arg(*value));
        return std::nullopt;
    }
    return value;
}

int JsonFieldReader::requiredInt(const char *field, int min, int max)
{
    return static_cast<int>(wholeNumber(field, true, min, max, "an integer").value_or(0));
}

std::optional<int> JsonFieldReader::nullableInt(const char *field, int min, int max)
{
    const auto value = wholeNumber(field, false, min, max, "an integer");
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

QJsonObject JsonFieldReader::optionalObject(const char *field)
{
    const auto value = present(field, false);
    if (!value)
        return {};
    // The same object as JSON text: how Flink's tables (a STRING column) carry it.
    if (std::string_view text; value->element.get_string().get(text) == simdjson::SUCCESS) {
        const auto document = QJsonDocument::fromJson(QByteArray(text.data(), qsizetype(text.size())));
        if (!document.isObject())
            failType(field, "an object or its JSON text", *value);
        return document.object();
    }
    if (!value->element.is_object()) {
        failType(field, "an object", *value);
        return {};
    }
    // Free-form details (race events only): handed on as a QJsonObject.
    const std::string text = simdjson::to_string(value->element);
    return QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size()))).object();
}

QStringList JsonFieldReader::optionalStringList(const char *field, qsizetype maxItems, qsizetype maxLength)
{
    const auto value = present(field, false);
    if (!value || value->element.is_null())
        return {};
    simdjson::dom::array array;
    if (value->element.get_array().get(array)) {
        failType(field, "an array of strings", *value);
        return {};
    }
    QStringList items;
    for (const auto element : array) {
        std::string_view utf8;
        if (element.get_string().get(utf8)) {
            fail(DecodeErrorKind::WrongType, field, QStringLiteral("expected an array of strings"));
            return {};
        }
        if (items.size() >= maxItems) {
            fail(DecodeErrorKind::OutOfRange, field, QStringLiteral("more than %1 items").arg(maxItems));
            return {};
        }
        const QString item = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
        if (item.size() > maxLength) {
            fail(DecodeErrorKind::OutOfRange, field, QStringLiteral("an item longer than %1 characters").arg(maxLength));
            return {};
        }
        items << item;
    }
    return items;
}

qint64 JsonFieldReader::requiredTimestampMs(const char *field)
{
    return static_cast<qint64>(wholeNumber(field, true, 0, double(kMaxTimestampMs), "whole milliseconds").value_or(0));
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
    bool flag = false;
    if (value->element.get_bool().get(flag)) {
        failType(field, "a boolean", *value);
        return false;
    }
    return flag;
}

} // namespace pitwall
