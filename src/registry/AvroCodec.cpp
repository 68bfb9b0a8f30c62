#include "AvroCodec.h"

#include <QMutex>
#include <avro.h>
#include <cmath>
#include <limits>
#include <vector>

namespace pitwall::registry {

namespace {

QString avroError()
{
    return QString::fromUtf8(avro_strerror()).trimmed();
}

bool isSupportedPrimitive(avro_type_t type)
{
    switch (type) {
    case AVRO_STRING:
    case AVRO_INT32:
    case AVRO_INT64:
    case AVRO_DOUBLE:
    case AVRO_FLOAT:
    case AVRO_BOOLEAN:
    case AVRO_NULL: return true;
    default: return false;
    }
}

// Avro binary (spec 1.11, "Binary Encoding") checked against the record's schema before
// avro-c reads it: avro-c allocates a string's declared length before reading it (a hostile
// length asks for gigabytes) and leaks that buffer when the payload ends inside the string.
// A long beyond ±2^53 is refused too (JSON cannot hold it exactly; encode() refuses it).
// Found by tests/fuzz/fuzz_registry.
class AvroBinaryCheck {
public:
    static constexpr int64_t kMaxExactWhole = 9007199254740991; // 2^53 - 1
    explicit AvroBinaryCheck(const QByteArray &payload)
        : m_data(payload.constData())
        , m_left(payload.size())
    {
    }

    bool record(avro_schema_t schema)
    {
        const size_t count = avro_schema_record_size(schema);
        for (size_t i = 0; i < count; ++i) {
            avro_schema_t field = avro_schema_record_field_get_by_index(schema, int(i));
            if (avro_typeof(field) == AVRO_UNION) {
                int64_t branch = 0;
                if (!zigzag(branch) || branch < 0 || size_t(branch) >= avro_schema_union_size(field))
                    return false;
                field = avro_schema_union_branch(field, int(branch));
            }
            if (!primitive(avro_typeof(field)))
                return false;
        }
        return true;
    }

private:
    bool skip(qsizetype bytes)
    {
        if (bytes < 0 || bytes > m_left)
            return false;
        m_data += bytes;
        m_left -= bytes;
        return true;
    }
    bool zigzag(int64_t &value)
    {
        uint64_t raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (m_left <= 0)
                return false;
            const auto byte = uint8_t(*m_data);
            skip(1);
            raw |= uint64_t(byte & 0x7F) << shift;
            if (!(byte & 0x80)) {
                value = int64_t(raw >> 1) ^ -int64_t(raw & 1);
                return true;
            }
        }
        return false; // more than ten bytes: no long
    }
    bool primitive(avro_type_t type)
    {
        int64_t value = 0;
        switch (type) {
        case AVRO_NULL: return true;
        case AVRO_BOOLEAN: return skip(1);
        case AVRO_INT32: return zigzag(value) && value >= INT32_MIN && value <= INT32_MAX;
        // Beyond ±2^53 a whole number has no exact JSON form: encode() refuses it, so must this.
        case AVRO_INT64: return zigzag(value) && value >= -kMaxExactWhole && value <= kMaxExactWhole;
        case AVRO_FLOAT: return skip(4);
        case AVRO_DOUBLE: return skip(8);
        case AVRO_STRING: return zigzag(value) && value >= 0 && value <= m_left && skip(qsizetype(value));
        default: return false;
        }
    }

    const char *m_data;
    qsizetype m_left;
};

// One JSON value into an Avro value of a primitive type.
std::optional<QString> setPrimitive(avro_value_t &target, const QJsonValue &value, const QString &field)
{
    auto wrong = [&field](const char *expected) { return QStringLiteral("'%1' must be %2").arg(field, QLatin1String(expected)); };
    switch (avro_value_get_type(&target)) {
    case AVRO_STRING: {
        if (!value.isString())
            return wrong("a string");
        const QByteArray utf8 = value.toString().toUtf8();
        avro_value_set_string_len(&target, utf8.constData(), size_t(utf8.size()) + 1); // the length counts the NUL
        return std::nullopt;
    }
    case AVRO_INT32: {
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || number != std::floor(number) || number < std::numeric_limits<int32_t>::min() ||
            number > std::numeric_limits<int32_t>::max())
            return wrong("a 32-bit whole number");
        avro_value_set_int(&target, int32_t(number));
        return std::nullopt;
    }
    case AVRO_INT64: {
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || number != std::floor(number) || std::abs(number) > 9007199254740991.0)
            return wrong("a whole number");
        avro_value_set_long(&target, int64_t(number));
        return std::nullopt;
    }
    case AVRO_DOUBLE:
    case AVRO_FLOAT:
        if (!value.isDouble())
            return wrong("a number");
        if (avro_value_get_type(&target) == AVRO_DOUBLE)
            avro_value_set_double(&target, value.toDouble());
        else
            avro_value_set_float(&target, float(value.toDouble()));
        return std::nullopt;
    case AVRO_BOOLEAN:
        if (!value.isBool())
            return wrong("true or false");
        avro_value_set_boolean(&target, value.toBool() ? 1 : 0);
        return std::nullopt;
    case AVRO_NULL:
        if (!value.isNull() && !value.isUndefined())
            return wrong("null");
        avro_value_set_null(&target);
        return std::nullopt;
    default: return QStringLiteral("'%1' has a type this codec does not handle").arg(field);
    }
}

// A scalar read with avro-c's getter for its type (`get` wraps the getter: they are macros),
// zero when the getter fails.
template <typename T, typename Get>
T scalar(Get get)
{
    T value{};
    get(&value);
    return value;
}

QJsonValue getPrimitive(const avro_value_t &source)
{
    switch (avro_value_get_type(&source)) {
    case AVRO_STRING: {
        const char *text = nullptr;
        size_t size = 0;
        avro_value_get_string(&source, &text, &size);
        return QString::fromUtf8(text, size > 0 ? qsizetype(size) - 1 : 0);
    }
    case AVRO_INT32: return scalar<int32_t>([&](int32_t *number) { avro_value_get_int(&source, number); });
    case AVRO_INT64: // exact: timestamps in ms do not survive a trip through double's text
        return qint64(scalar<int64_t>([&](int64_t *number) { avro_value_get_long(&source, number); }));
    case AVRO_DOUBLE: return scalar<double>([&](double *number) { avro_value_get_double(&source, number); });
    case AVRO_FLOAT: return double(scalar<float>([&](float *number) { avro_value_get_float(&source, number); }));
    case AVRO_BOOLEAN: return scalar<int>([&](int *flag) { avro_value_get_boolean(&source, flag); }) != 0;
    default: return QJsonValue();
    }
}

} // namespace

// The parsed schema and a generic value to encode into and decode from; avro-c values are
// not thread-safe, so one call at a time.
struct AvroCodec::Avro {
    avro_schema_t schema = nullptr;
    avro_value_iface_t *iface = nullptr;
    avro_value_t value{};
    bool hasValue = false;
    QStringList fields;
    mutable QMutex mutex;

    ~Avro()
    {
        if (hasValue)
            avro_value_decref(&value);
        if (iface)
            avro_value_iface_decref(iface);
        if (schema)
            avro_schema_decref(schema);
    }
};

AvroCodec::~AvroCodec() = default;

Expected<std::shared_ptr<const AvroCodec>> AvroCodec::fromSchema(const QString &schemaJson)
{
    std::shared_ptr<AvroCodec> codec(new AvroCodec);
    codec->m_schemaJson = schemaJson;
    codec->m_avro = std::make_unique<Avro>();
    auto &avro = *codec->m_avro;
    const QByteArray json = schemaJson.toUtf8();
    if (avro_schema_from_json_length(json.constData(), size_t(json.size()), &avro.schema) != 0)
        return Error{QStringLiteral("not an Avro schema: %1").arg(avroError())};
    if (avro_typeof(avro.schema) != AVRO_RECORD)
        return Error{QStringLiteral("the Avro schema must be a record")};
    const size_t count = avro_schema_record_size(avro.schema);
    for (size_t i = 0; i < count; ++i) {
        const QString name = QString::fromUtf8(avro_schema_record_field_name(avro.schema, int(i)));
        const avro_schema_t fieldSchema = avro_schema_record_field_get_by_index(avro.schema, int(i));
        bool supported = isSupportedPrimitive(avro_typeof(fieldSchema));
        if (avro_typeof(fieldSchema) == AVRO_UNION) {
            supported = avro_schema_union_size(fieldSchema) == 2 && avro_typeof(avro_schema_union_branch(fieldSchema, 0)) == AVRO_NULL &&
                        isSupportedPrimitive(avro_typeof(avro_schema_union_branch(fieldSchema, 1)));
        }
        if (!supported)
            return Error{QStringLiteral("field '%1': only primitive types and [\"null\", type] unions are supported").arg(name)};
        avro.fields << name;
    }
    avro.iface = avro_generic_class_from_schema(avro.schema);
    if (!avro.iface || avro_generic_value_new(avro.iface, &avro.value) != 0)
        return Error{QStringLiteral("avro-c could not make a value for the schema: %1").arg(avroError())};
    avro.hasValue = true;
    return std::shared_ptr<const AvroCodec>(std::move(codec));
}

Expected<QByteArray> AvroCodec::encode(const QJsonObject &record) const
{
    auto &avro = *m_avro;
    QMutexLocker lock(&avro.mutex);
    avro_value_reset(&avro.value);
    for (auto it = record.begin(); it != record.end(); ++it)
        if (!avro.fields.contains(it.key()))
            return Error{QStringLiteral("'%1' is not a field of the schema").arg(it.key())};
    for (int i = 0; i < avro.fields.size(); ++i) {
        const QString &name = avro.fields[i];
        avro_value_t field;
        avro_value_get_by_index(&avro.value, size_t(i), &field, nullptr);
        const QJsonValue value = record.value(name);
        if (avro_value_get_type(&field) == AVRO_UNION) {
            avro_value_t branch;
            const bool isNull = value.isNull() || value.isUndefined();
            avro_value_set_branch(&field, isNull ? 0 : 1, &branch);
            if (auto wrong = setPrimitive(branch, isNull ? QJsonValue() : value, name))
                return Error{*wrong};
            continue;
        }
        if (value.isUndefined())
            return Error{QStringLiteral("'%1' is missing (the schema does not allow null)").arg(name)};
        if (auto wrong = setPrimitive(field, value, name))
            return Error{*wrong};
    }
    size_t size = 0;
    if (avro_value_sizeof(&avro.value, &size) != 0)
        return Error{QStringLiteral("avro-c: %1").arg(avroError())};
    QByteArray bytes(qsizetype(size), '\0');
    avro_writer_t writer = avro_writer_memory(bytes.data(), int64_t(size));
    const int failed = avro_value_write(writer, &avro.value);
    avro_writer_free(writer);
    if (failed)
        return Error{QStringLiteral("avro-c could not write the record: %1").arg(avroError())};
    return bytes;
}

Expected<QJsonObject> AvroCodec::decode(const QByteArray &payload) const
{
    auto &avro = *m_avro;
    QMutexLocker lock(&avro.mutex);
    if (!AvroBinaryCheck(payload).record(avro.schema))
        return Error{QStringLiteral(
            "not an Avro record of this schema: it ends early, declares more bytes than it holds or holds a number JSON cannot carry")};
    avro_value_reset(&avro.value);
    avro_reader_t reader = avro_reader_memory(payload.constData(), payload.size());
    const int failed = avro_value_read(reader, &avro.value);
    avro_reader_free(reader);
    if (failed)
        return Error{QStringLiteral("not an Avro record of this schema: %1").arg(avroError())};
    // The record's encoded size is what was read: anything after it is not this schema's.
    size_t read = 0;
    avro_value_sizeof(&avro.value, &read);
    if (qsizetype(read) != payload.size())
        return Error{QStringLiteral("%1 bytes left over after the Avro record (another schema?)").arg(payload.size() - qsizetype(read))};
    QJsonObject record;
    for (int i = 0; i < avro.fields.size(); ++i) {
        avro_value_t field;
        avro_value_get_by_index(&avro.value, size_t(i), &field, nullptr);
        if (avro_value_get_type(&field) == AVRO_UNION) {
            avro_value_t branch;
            avro_value_get_current_branch(&field, &branch);
            record.insert(avro.fields[i], getPrimitive(branch));
        } else {
            record.insert(avro.fields[i], getPrimitive(field));
        }
    }
    return record;
}

} // namespace pitwall::registry
