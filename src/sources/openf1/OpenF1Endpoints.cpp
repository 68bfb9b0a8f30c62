#include "OpenF1Endpoints.h"

#include <array>

namespace pitwall::sources {

namespace {

constexpr std::array<const char *, kOpenF1EndpointCount> kNames = {
    "sessions", "meetings",     "drivers", "laps",     "position", "intervals",  "pit",
    "stints",   "race_control", "weather", "location", "car_data", "team_radio",
};

} // namespace

QString openF1EndpointName(OpenF1Endpoint endpoint)
{
    return QString::fromLatin1(kNames[size_t(endpoint)]);
}

std::optional<OpenF1File> classifyOpenF1File(QStringView fileName)
{
    const qsizetype dot = fileName.lastIndexOf(u'.');
    if (dot <= 0)
        return std::nullopt;
    const QStringView extension = fileName.mid(dot + 1);
    OpenF1FileFormat format;
    if (extension.compare(u"json", Qt::CaseInsensitive) == 0)
        format = OpenF1FileFormat::Json;
    else if (extension.compare(u"csv", Qt::CaseInsensitive) == 0)
        format = OpenF1FileFormat::Csv;
    else
        return std::nullopt;
    const QStringView stem = fileName.left(dot);
    // No name is another's prefix followed by '_' ("pit" and "pit_…" are both pit), so the
    // first match is the only one.
    for (int i = 0; i < kOpenF1EndpointCount; ++i) {
        const QLatin1StringView name(kNames[size_t(i)]);
        if (!stem.startsWith(name, Qt::CaseInsensitive))
            continue;
        if (stem.size() == name.size() || stem.at(name.size()) == u'_')
            return OpenF1File{OpenF1Endpoint(i), format};
    }
    return std::nullopt;
}

} // namespace pitwall::sources
