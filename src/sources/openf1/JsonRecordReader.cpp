#include "JsonRecordReader.h"

#include "sources/RealSession.h"

#include <QIODevice>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace pitwall::sources {

namespace {

namespace od = simdjson::ondemand;

// Extended JSON writes doubles as text, with NaN and infinities spelt out.
bool numberFromText(std::string_view text, double &out)
{
    if (text == "NaN") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (text == "Infinity" || text == "-Infinity") {
        out = text[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

// Walks an object's fields in order: `onField(key, field)` answers the code to stop with,
// or std::nullopt to go on to the next field. Errors returned are the JSON's own.
template <typename OnField>
simdjson::error_code forEachField(od::value &value, OnField onField)
{
    od::object object;
    if (auto error = value.get_object().get(object))
        return error;
    for (auto fieldResult : object) {
        od::field field;
        if (auto error = std::move(fieldResult).get(field))
            return error;
        std::string_view key;
        if (auto error = field.unescaped_key().get(key))
            return error;
        if (const std::optional<simdjson::error_code> stop = onField(key, field))
            return *stop;
    }
    return simdjson::SUCCESS;
}

// Reads a wrapper's inner value as a number: {"$numberLong": "…"} or a plain number.
simdjson::error_code wrappedNumber(od::value inner, FieldValue &out)
{
    od::json_type type;
    if (auto error = inner.type().get(type))
        return error;
    if (type == od::json_type::number) {
        double n = 0;
        if (inner.get_double().get(n) == simdjson::SUCCESS)
            out = FieldValue{FieldKind::Number, false, n, {}};
        return simdjson::SUCCESS;
    }
    if (type == od::json_type::string) {
        std::string_view text;
        if (auto error = inner.get_string().get(text))
            return error;
        double n = 0;
        if (numberFromText(text, n))
            out = FieldValue{FieldKind::Number, false, n, {}};
        else
            out = FieldValue{FieldKind::Text, false, 0, text}; // reported by the typed read
        return simdjson::SUCCESS;
    }
    if (type == od::json_type::object) { // {"$date": {"$numberLong": "…"}}
        return forEachField(inner, [&out](std::string_view key, od::field &field) -> std::optional<simdjson::error_code> {
            if (key == "$numberLong" || key == "$numberInt" || key == "$numberDouble")
                return wrappedNumber(field.value(), out);
            return std::nullopt;
        });
    }
    return simdjson::SUCCESS; // left as Other
}

// One value into a FieldValue. Errors returned are the JSON's own (the file stops there);
// a value of an unexpected shape becomes Other and the typed read names it.
simdjson::error_code readValue(od::value value, FieldValue &out)
{
    od::json_type type;
    if (auto error = value.type().get(type))
        return error;
    out = FieldValue{FieldKind::Other, false, 0, {}};
    switch (type) {
    case od::json_type::null: out.kind = FieldKind::Null; return value.is_null().error();
    case od::json_type::boolean: {
        bool flag = false;
        if (auto error = value.get_bool().get(flag))
            return error;
        out = FieldValue{FieldKind::Bool, flag, 0, {}};
        return simdjson::SUCCESS;
    }
    case od::json_type::number: {
        double n = 0;
        if (value.get_double().get(n) == simdjson::SUCCESS)
            out = FieldValue{FieldKind::Number, false, n, {}};
        return simdjson::SUCCESS;
    }
    case od::json_type::string: {
        std::string_view text;
        if (auto error = value.get_string().get(text))
            return error;
        out = FieldValue{FieldKind::Text, false, 0, text};
        return simdjson::SUCCESS;
    }
    case od::json_type::object: {
        // Only the first field decides: a wrapper ({"$numberInt": …}) or some other object.
        return forEachField(value, [&out](std::string_view key, od::field &field) -> std::optional<simdjson::error_code> {
            if (key == "$numberDouble" || key == "$numberInt" || key == "$numberLong" || key == "$numberDecimal")
                return wrappedNumber(field.value(), out);
            if (key == "$date") {
                od::value inner = field.value();
                od::json_type innerType;
                if (auto error = inner.type().get(innerType))
                    return error;
                if (innerType != od::json_type::string)
                    return wrappedNumber(inner, out);
                std::string_view text;
                if (auto error = inner.get_string().get(text))
                    return error;
                out = FieldValue{FieldKind::Text, false, 0, text};
                return simdjson::SUCCESS;
            }
            return simdjson::SUCCESS; // some other object: Other
        });
    }
    case od::json_type::array: return simdjson::SUCCESS; // skipped by the iteration that follows
    }
    return simdjson::SUCCESS;
}

class RecordWalker {
public:
    RecordWalker(FieldNames names, const QString &file, RealSession &log, const RecordCallback &onRecord)
        : m_names(names)
        , m_file(file)
        , m_log(log)
        , m_onRecord(onRecord)
        , m_values(names.size())
    {
    }

    // One element of the top level. Returns false to stop (a JSON fault, or the callback).
    template <typename Element>
    bool record(Element &element)
    {
        ++m_index;
        ++m_log.linesRead;
        od::json_type type;
        if (auto error = element.type().get(type))
            return fault(error);
        if (type != od::json_type::object) {
            m_log.addIssue(m_file, m_index, QStringLiteral("record is not an object"));
            return true;
        }
        od::object object;
        if (auto error = element.get_object().get(object))
            return fault(error);
        for (FieldValue &v : m_values)
            v = FieldValue{};
        for (auto fieldResult : object) {
            od::field field;
            if (auto error = std::move(fieldResult).get(field))
                return fault(error);
            std::string_view key;
            if (auto error = field.unescaped_key().get(key))
                return fault(error);
            const int slot = slotOf(key);
            if (slot < 0)
                continue; // fields nobody asked for (_id, segments…) are skipped unread
            if (auto error = readValue(field.value(), m_values[size_t(slot)]))
                return fault(error);
        }
        return m_onRecord(m_values, m_index);
    }

    // A fault met inside a record is that record's; one met between records, the next one's.
    bool fault(simdjson::error_code error) { return faultAt(error, m_index); }
    bool faultBefore(simdjson::error_code error) { return faultAt(error, m_index + 1); }

    bool faultAt(simdjson::error_code error, qint64 index)
    {
        m_log.addIssue(m_file, index,
                       QStringLiteral("not valid JSON from here on (%1)").arg(QString::fromLatin1(simdjson::error_message(error))));
        return false;
    }

    qint64 index() const { return m_index; }

    // Every element of a top-level array or document stream, in order, until a fault or
    // the callback stops it. Returns false when stopped.
    template <typename Element, typename Range>
    bool recordEach(Range &range)
    {
        for (auto result : range) {
            Element element;
            if (auto error = std::move(result).get(element)) {
                faultBefore(error);
                return false;
            }
            if (!record(element))
                return false;
        }
        return true;
    }

private:
    int slotOf(std::string_view key) const
    {
        for (size_t i = 0; i < m_names.size(); ++i) {
            if (m_names[i] == key)
                return int(i);
        }
        return -1;
    }

    FieldNames m_names;
    const QString &m_file;
    RealSession &m_log;
    const RecordCallback &m_onRecord;
    std::vector<FieldValue> m_values;
    qint64 m_index = 0;
};

} // namespace

JsonRecordReader::JsonRecordReader(FieldNames names)
    : m_names(names)
{
}

void JsonRecordReader::read(QIODevice &device, qint64 size, const QString &file, RealSession &log, const RecordCallback &onRecord)
{
    simdjson::padded_string json(size_t(qMax<qint64>(size, 0)));
    if (!json.data()) {
        log.addIssue(file, 0, QStringLiteral("not enough memory for %1 bytes").arg(size));
        return;
    }
    qint64 filled = 0;
    while (filled < size) {
        const qint64 got = device.read(json.data() + filled, size - filled);
        if (got <= 0)
            break;
        filled += got;
    }
    if (filled != size) {
        log.addIssue(file, 0, QStringLiteral("read error: %1").arg(device.errorString()));
        return;
    }

    // The first byte that is not blank (after a byte-order mark) says which layout this is.
    const char *data = json.data();
    size_t start = 0;
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    while (start < size_t(size) && (data[start] == ' ' || data[start] == '\n' || data[start] == '\r' || data[start] == '\t'))
        ++start;
    if (start == size_t(size)) {
        log.addIssue(file, 0, QStringLiteral("empty file"));
        return;
    }
    const simdjson::padded_string_view view(data + start, size_t(size) - start, size_t(size) - start + simdjson::SIMDJSON_PADDING);

    RecordWalker walker(m_names, file, log, onRecord);
    od::parser parser;
    if (data[start] == '[') {
        // The whole text is indexed first: faults of structure (a cut-off file) show here,
        // before any record, and make the file one issue.
        od::document doc;
        if (auto error = parser.iterate(view).get(doc)) {
            walker.faultAt(error, 0);
            return;
        }
        od::array array;
        if (auto error = doc.get_array().get(array)) {
            walker.faultAt(error, 0);
            return;
        }
        walker.recordEach<od::value>(array);
        return;
    }
    if (data[start] == '{') {
        od::document_stream stream;
        // A batch must hold the largest document; mongoexport's are small, one object may not be.
        const size_t batch = std::clamp<size_t>(view.size(), simdjson::dom::DEFAULT_BATCH_SIZE, size_t(32) << 20);
        if (auto error = parser.iterate_many(view.data(), view.size(), batch).get(stream)) {
            walker.faultAt(error, 0);
            return;
        }
        if (!walker.recordEach<od::document_reference>(stream))
            return;
        if (stream.truncated_bytes() > 0)
            walker.faultBefore(simdjson::TAPE_ERROR);
        return;
    }
    log.addIssue(file, 0, QStringLiteral("not a JSON file (no array or object)"));
}

} // namespace pitwall::sources
