#include "TelemetryParser.h"

#include <cmath>
#include <limits>

#include "LiveTimingText.h"

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace pitwall::sources {

namespace {
double numberOf(simdjson::dom::element element)
{
    double value = 0;
    if (element.get_double().get(value) != simdjson::SUCCESS)
        return 0;
    return value;
}

// A channel's number as an int: values past int's range (1.1e74 rpm in a damaged payload,
// found by tests/fuzz/fuzz_zpayload) were undefined behaviour when converted; they read as 0.
int wholeNumberOf(double value)
{
    return std::isfinite(value) && value >= double(std::numeric_limits<int>::min()) && value <= double(std::numeric_limits<int>::max())
               ? int(value)
               : 0;
}

bool drsOpen(int value)
{
    return value == 10 || value == 12 || value == 14;
}

// One channel of a CarData car ({"Channels": {"0": rpm, "2": speed, …}}).
void readChannel(CarSample &sample, std::string_view id, simdjson::dom::element element)
{
    const double value = numberOf(element);
    if (id == "0")
        sample.rpm = wholeNumberOf(value);
    else if (id == "2")
        sample.speedKph = value;
    else if (id == "3")
        sample.gear = wholeNumberOf(value);
    else if (id == "4")
        sample.throttlePct = qBound(0.0, value, 100.0); // 104 marks an invalid reading
    else if (id == "5")
        sample.brakePct = value >= 1 ? 100.0 : 0.0; // on/off, sent as 0/100 (or 0/1)
    else if (id == "45")
        sample.drs = drsOpen(wholeNumberOf(value));
}

// One coordinate of a Position car ({"X": …, "Y": …, "Z": …}).
void readCoordinate(PositionSample &sample, std::string_view key, simdjson::dom::element value)
{
    if (key == "X")
        sample.x = numberOf(value);
    else if (key == "Y")
        sample.y = numberOf(value);
    else if (key == "Z")
        sample.z = numberOf(value);
}
} // namespace

struct TelemetryParser::Impl {
    explicit Impl(RealSession &s)
        : session(s)
    {
    }

    RealSession &session;
    simdjson::dom::parser parser;
    // Car numbers repeat in every entry: share one QString per car instead of one per sample.
    std::vector<std::pair<std::string, QString>> numbers;

    const QString &number(std::string_view key)
    {
        for (const auto &[text, string] : numbers) {
            if (text == key)
                return string;
        }
        numbers.emplace_back(std::string(key), QString::fromUtf8(key.data(), qsizetype(key.size())));
        return numbers.back().second;
    }

    QString parse(const QByteArray &json, simdjson::dom::element &root)
    {
        const bool padded = json.capacity() - json.size() >= qsizetype(simdjson::SIMDJSON_PADDING);
        const auto error = parser.parse(json.constData(), size_t(json.size()), !padded).get(root);
        if (error != simdjson::SUCCESS)
            return QStringLiteral("payload JSON is invalid (%1)").arg(QString::fromUtf8(simdjson::error_message(error)));
        return {};
    }

    std::optional<qint64> sessionMs(simdjson::dom::element entry, const char *key, qint64 lineMs, std::optional<qint64> referenceUtcMs)
    {
        std::string_view text;
        if (entry[key].get_string().get(text) != simdjson::SUCCESS)
            return std::nullopt;
        const auto utc = livetiming::parseUtcMs(QString::fromLatin1(text.data(), qsizetype(text.size())));
        if (!utc)
            return std::nullopt;
        return referenceUtcMs ? *utc - *referenceUtcMs : lineMs;
    }

    // Reads a payload's timed entries and their cars, {arrayKey: [{timeKey: "…", carsKey:
    // {"44": car, …}}, …]}, into one sample per car, stamped with the entry's time and the
    // car's number: fill(sample, key, value) reads each field of the car's object (its
    // `channelsKey` member, or the car itself when that is null). An entry without a time
    // or cars, or a car without that object, counts as skipped.
    template <typename Samples, typename Fill>
    QString readCars(const QByteArray &json, const char *payload, const char *arrayKey, const char *timeKey, const char *carsKey,
                     const char *channelsKey, qint64 lineMs, std::optional<qint64> referenceUtcMs, int &skippedEntries,
                     Samples &out, Fill fill)
    {
        simdjson::dom::element root;
        if (QString error = parse(json, root); !error.isEmpty())
            return error;
        simdjson::dom::array entries;
        if (root[arrayKey].get_array().get(entries) != simdjson::SUCCESS)
            return QStringLiteral("%1 payload has no %2 array").arg(QLatin1String(payload), QLatin1String(arrayKey));
        for (simdjson::dom::element entry : entries) {
            const auto ms = sessionMs(entry, timeKey, lineMs, referenceUtcMs);
            simdjson::dom::object cars;
            if (!ms || entry[carsKey].get_object().get(cars) != simdjson::SUCCESS) {
                ++skippedEntries;
                continue;
            }
            for (const auto car : cars) {
                simdjson::dom::object fields;
                const auto error = channelsKey ? car.value[channelsKey].get_object().get(fields) : car.value.get_object().get(fields);
                if (error != simdjson::SUCCESS) {
                    ++skippedEntries;
                    continue;
                }
                typename Samples::value_type sample;
                sample.ms = *ms;
                sample.number = number(car.key);
                for (const auto field : fields)
                    fill(sample, field.key, field.value);
                out.push_back(sample);
            }
        }
        return {};
    }
};

qsizetype TelemetryParser::paddingBytes()
{
    return qsizetype(simdjson::SIMDJSON_PADDING);
}

TelemetryParser::TelemetryParser(RealSession &session)
    : d(std::make_unique<Impl>(session))
{
}

TelemetryParser::~TelemetryParser() = default;

QString TelemetryParser::parseCarData(const QByteArray &json, qint64 lineMs, std::optional<qint64> referenceUtcMs, int &skippedEntries)
{
    return d->readCars(json, "CarData", "Entries", "Utc", "Cars", "Channels", lineMs, referenceUtcMs, skippedEntries,
                       d->session.carData, [](CarSample &sample, std::string_view id, simdjson::dom::element element) {
                           readChannel(sample, id, element); // a lambda, so the call is inlined into readCars
                       });
}

QString TelemetryParser::parsePosition(const QByteArray &json, qint64 lineMs, std::optional<qint64> referenceUtcMs, int &skippedEntries)
{
    return d->readCars(json, "Position", "Position", "Timestamp", "Entries", nullptr, lineMs, referenceUtcMs, skippedEntries,
                       d->session.positions, [](PositionSample &sample, std::string_view key, simdjson::dom::element value) {
                           readCoordinate(sample, key, value);
                       });
}

} // namespace pitwall::sources
