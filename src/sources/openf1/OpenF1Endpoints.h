#pragma once
// OpenF1's endpoints (https://openf1.org, /v1/<endpoint>) and how a file says which one it
// holds: its name's stem starts with the endpoint's name, alone or followed by "_…"
// ("location_driver_44.csv", "car_data_1.json"), with the extension .json or .csv. That
// is how the API's answers are saved by hand and how exports name their parts.

#include <QString>
#include <QStringView>
#include <optional>

namespace pitwall::sources {

enum class OpenF1Endpoint {
    Sessions,
    Meetings,
    Drivers,
    Laps,
    Position,
    Intervals,
    Pit,
    Stints,
    RaceControl,
    Weather,
    Location,
    CarData,
    TeamRadio, // recognised so it is not "unknown", but nothing of it is read
};
inline constexpr int kOpenF1EndpointCount = int(OpenF1Endpoint::TeamRadio) + 1;

enum class OpenF1FileFormat { Json, Csv };

struct OpenF1File {
    OpenF1Endpoint endpoint;
    OpenF1FileFormat format;
};

// The endpoint's name as OpenF1 writes it ("race_control").
QString openF1EndpointName(OpenF1Endpoint endpoint);
// The endpoint and format a file name says, or nothing for any other file.
std::optional<OpenF1File> classifyOpenF1File(QStringView fileName);

} // namespace pitwall::sources
