#pragma once
// The records carried on the demo's topics. Field names mirror the demo's schemas
// (../shared/spec, section 5.4); nullable demo fields are std::optional here.

#include <QString>
#include <optional>

namespace pitwall {

// f1-driver-positions
struct PositionUpdate {
    QString driverName;
    int position = 0;
    qint64 timestampMs = 0;
    std::optional<QString> raceId;
    std::optional<QString> teamName;
    std::optional<double> speedKph;

    bool operator==(const PositionUpdate &) const = default;
};

// f1-car-metrics
struct CarMetrics {
    QString teamName;
    qint64 timestampMs = 0;
    double engineTemperatureC = 0.0;

    bool operator==(const CarMetrics &) const = default;
};

// f1-commentary: highlight for P1, warning for P2-3, info otherwise (as in the demo).
enum class CommentaryType { Highlight, Warning, Info };

struct Commentary {
    QString id;
    QString message;
    qint64 timestampMs = 0;
    CommentaryType type = CommentaryType::Info;

    bool operator==(const Commentary &) const = default;
};

// f1-car-metrics-anomalies
struct EngineAnomaly {
    QString key;
    qint64 tsMs = 0;
    QString teamName;
    double engineTemperatureC = 0.0;
    bool isAnomaly = false;

    bool operator==(const EngineAnomaly &) const = default;
};

// commentary_queries
struct CommentaryQuery {
    QString query;

    bool operator==(const CommentaryQuery &) const = default;
};

QString commentaryTypeName(CommentaryType type);
std::optional<CommentaryType> commentaryTypeFromName(const QString &name);
CommentaryType commentaryTypeForPosition(int position);

} // namespace pitwall
