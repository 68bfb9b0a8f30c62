#include "GameNames.h"

#include <algorithm>
#include <initializer_list>
#include <span>

namespace pitwall::sources::f1game {

namespace {

struct Name {
    int id;
    const char *text; // UTF-8
};

// A format's table can be split in parts (what it shares with other formats, what is its
// own); the parts never hold the same id twice.
QString lookUp(std::initializer_list<std::span<const Name>> parts, int id)
{
    for (const std::span<const Name> part : parts) {
        const auto it = std::ranges::find(part, id, &Name::id);
        if (it != part.end())
            return QString::fromUtf8(it->text);
    }
    return {};
}

constexpr Name kTracks[] = {
    {0, "Melbourne"},  {2, "Shanghai"},    {3, "Sakhir (Bahrain)"},   {4, "Catalunya"},  {5, "Monaco"},
    {6, "Montreal"},   {7, "Silverstone"}, {9, "Hungaroring"},        {10, "Spa"},       {11, "Monza"},
    {12, "Singapore"}, {13, "Suzuka"},     {14, "Abu Dhabi"},         {15, "Texas"},     {16, "Brazil"},
    {17, "Austria"},   {19, "Mexico"},     {20, "Baku (Azerbaijan)"}, {26, "Zandvoort"}, {27, "Imola"},
    {29, "Jeddah"},    {30, "Miami"},      {31, "Las Vegas"},         {32, "Losail"},
};

// Gone from F1 25.
constexpr Name kTracksBefore2025[] = {
    {1, "Paul Ricard"},  {8, "Hockenheim"},    {18, "Sochi"}, {21, "Sakhir Short"}, {22, "Silverstone Short"},
    {23, "Texas Short"}, {24, "Suzuka Short"}, {25, "Hanoi"}, {28, "Portimão"},
};

constexpr Name kTracksFrom2025[] = {
    {39, "Silverstone (Reverse)"},
    {40, "Austria (Reverse)"},
    {41, "Zandvoort (Reverse)"},
};

constexpr Name kTeams2023[] = {
    {0, "Mercedes"},
    {1, "Ferrari"},
    {2, "Red Bull Racing"},
    {3, "Williams"},
    {4, "Aston Martin"},
    {5, "Alpine"},
    {6, "Alpha Tauri"},
    {7, "Haas"},
    {8, "McLaren"},
    {9, "Alfa Romeo"},
    {85, "Mercedes 2020"},
    {86, "Ferrari 2020"},
    {87, "Red Bull 2020"},
    {88, "Williams 2020"},
    {89, "Racing Point 2020"},
    {90, "Renault 2020"},
    {91, "Alpha Tauri 2020"},
    {92, "Haas 2020"},
    {93, "McLaren 2020"},
    {94, "Alfa Romeo 2020"},
    {95, "Aston Martin DB11 V12"},
    {96, "Aston Martin Vantage F1 Edition"},
    {97, "Aston Martin Vantage Safety Car"},
    {98, "Ferrari F8 Tributo"},
    {99, "Ferrari Roma"},
    {100, "McLaren 720S"},
    {101, "McLaren Artura"},
    {102, "Mercedes AMG GT Black Series Safety Car"},
    {103, "Mercedes AMG GTR Pro"},
    {104, "F1 Custom Team"},
    {106, "Prema '21"},
    {107, "Uni-Virtuosi '21"},
    {108, "Carlin '21"},
    {109, "Hitech '21"},
    {110, "Art GP '21"},
    {111, "MP Motorsport '21"},
    {112, "Charouz '21"},
    {113, "Dams '21"},
    {114, "Campos '21"},
    {115, "BWT '21"},
    {116, "Trident '21"},
    {117, "Mercedes AMG GT Black Series"},
    {118, "Mercedes '22"},
    {119, "Ferrari '22"},
    {120, "Red Bull Racing '22"},
    {121, "Williams '22"},
    {122, "Aston Martin '22"},
    {123, "Alpine '22"},
    {124, "Alpha Tauri '22"},
    {125, "Haas '22"},
    {126, "McLaren '22"},
    {127, "Alfa Romeo '22"},
    {128, "Konnersport '22"},
    {129, "Konnersport"},
    {130, "Prema '22"},
    {131, "Virtuosi '22"},
    {132, "Carlin '22"},
    {133, "MP Motorsport '22"},
    {134, "Charouz '22"},
    {135, "Dams '22"},
    {136, "Campos '22"},
    {137, "Van Amersfoort Racing '22"},
    {138, "Trident '22"},
    {139, "Hitech '22"},
    {140, "Art GP '22"},
};

// F1 24 and F1 25 share the current teams (RB and Sauber, not F1 23's Alpha Tauri and Alfa
// Romeo) and the generic ones; the rest is each game's own.
constexpr Name kTeamsFrom2024[] = {
    {0, "Mercedes"}, {1, "Ferrari"}, {2, "Red Bull Racing"}, {3, "Williams"}, {4, "Aston Martin"}, {5, "Alpine"},
    {6, "RB"},       {7, "Haas"},    {8, "McLaren"},         {9, "Sauber"},   {41, "F1 Generic"},  {104, "F1 Custom Team"},
};

constexpr Name kTeams2024[] = {
    {143, "Art GP '23"},        {144, "Campos '23"},
    {145, "Carlin '23"},        {146, "PHM '23"},
    {147, "Dams '23"},          {148, "Hitech '23"},
    {149, "MP Motorsport '23"}, {150, "Prema '23"},
    {151, "Trident '23"},       {152, "Van Amersfoort Racing '23"},
    {153, "Virtuosi '23"},
};

constexpr Name kTeams2025[] = {
    {129, "Konnersport"},
    {142, "APXGP '24"},
    {154, "APXGP '25"},
    {155, "Konnersport '24"},
    {158, "Art GP '24"},
    {159, "Campos '24"},
    {160, "Rodin Motorsport '24"},
    {161, "AIX Racing '24"},
    {162, "DAMS '24"},
    {163, "Hitech '24"},
    {164, "MP Motorsport '24"},
    {165, "Prema '24"},
    {166, "Trident '24"},
    {167, "Van Amersfoort Racing '24"},
    {168, "Invicta '24"},
    {185, "Mercedes '24"},
    {186, "Ferrari '24"},
    {187, "Red Bull Racing '24"},
    {188, "Williams '24"},
    {189, "Aston Martin '24"},
    {190, "Alpine '24"},
    {191, "RB '24"},
    {192, "Haas '24"},
    {193, "McLaren '24"},
    {194, "Sauber '24"},
};

// Practice and qualifying are 0-9 in every format; F1 24 put the sprint shootouts after them.
constexpr Name kPracticeAndQualifying[] = {
    {0, "Unknown"},      {1, "Practice 1"},   {2, "Practice 2"},   {3, "Practice 3"},       {4, "Short Practice"},
    {5, "Qualifying 1"}, {6, "Qualifying 2"}, {7, "Qualifying 3"}, {8, "Short Qualifying"}, {9, "One-Shot Qualifying"},
};

constexpr Name kSessions2023[] = {
    {10, "Race"},
    {11, "Race 2"},
    {12, "Race 3"},
    {13, "Time Trial"},
};

constexpr Name kSessionsFrom2024[] = {
    {10, "Sprint Shootout 1"},
    {11, "Sprint Shootout 2"},
    {12, "Sprint Shootout 3"},
    {13, "Short Sprint Shootout"},
    {14, "One-Shot Sprint Shootout"},
    {15, "Race"},
    {16, "Race 2"},
    {17, "Race 3"},
    {18, "Time Trial"},
};

constexpr Name kVisualCompounds[] = {
    {16, "Soft"},       {17, "Medium"}, {18, "Hard"},   {7, "Inter"}, {8, "Wet"},
    {19, "Super Soft"}, {20, "Soft"},   {21, "Medium"}, {22, "Hard"}, {15, "Wet"}, // F2
};

constexpr Name kActualCompounds[] = {
    {16, "C5"},         {17, "C4"},   {18, "C3"},     {19, "C2"},   {20, "C1"},
    {21, "C0"},         {7, "Inter"}, {8, "Wet"},     {9, "Dry"},   {10, "Wet"}, // F1 classic
    {11, "Super Soft"}, {12, "Soft"}, {13, "Medium"}, {14, "Hard"}, {15, "Wet"}, // F2
};

} // namespace

QString visualCompoundName(int visualCompound)
{
    return lookUp({kVisualCompounds}, visualCompound);
}

QString actualCompoundName(int actualCompound, int packetFormat)
{
    if (actualCompound == 22 && packetFormat >= 2025)
        return QStringLiteral("C6");
    return lookUp({kActualCompounds}, actualCompound);
}

QString trackName(int trackId, int packetFormat)
{
    if (packetFormat >= 2025)
        return lookUp({kTracks, kTracksFrom2025}, trackId);
    return lookUp({kTracks, kTracksBefore2025}, trackId);
}

QString teamName(int teamId, int packetFormat)
{
    if (packetFormat >= 2025)
        return lookUp({kTeamsFrom2024, kTeams2025}, teamId);
    if (packetFormat == 2024)
        return lookUp({kTeamsFrom2024, kTeams2024}, teamId);
    return lookUp({kTeams2023}, teamId);
}

QString sessionTypeName(int sessionType, int packetFormat)
{
    if (packetFormat <= 2023)
        return lookUp({kPracticeAndQualifying, kSessions2023}, sessionType);
    return lookUp({kPracticeAndQualifying, kSessionsFrom2024}, sessionType);
}

bool isRaceSession(int sessionType, int packetFormat)
{
    if (packetFormat <= 2023)
        return sessionType >= 10 && sessionType <= 12;
    return sessionType >= 15 && sessionType <= 17;
}

} // namespace pitwall::sources::f1game
