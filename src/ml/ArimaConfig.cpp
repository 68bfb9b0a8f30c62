#include "ArimaConfig.h"

#include "ArimaModel.h"
#include "core/JsonText.h"

#include <QJsonObject>
#include <QStringList>
#include <cmath>

namespace pitwall::ml {

namespace {

Error configError(const QString &what)
{
    return Error{QStringLiteral("ARIMA config: %1").arg(what)};
}

// Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9).
double normalQuantile(double probability)
{
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                                   -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    constexpr double low = 0.02425;
    if (probability < low) {
        const double q = std::sqrt(-2 * std::log(probability));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (probability > 1 - low)
        return -normalQuantile(1 - probability);
    const double q = probability - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

} // namespace

double zForConfidence(double confidencePercentage)
{
    return normalQuantile(0.5 + confidencePercentage / 200.0);
}

const QStringList &ArimaConfig::keys()
{
    static const QStringList known{
        "minTrainingSize", "maxTrainingSize", "confidencePercentage", "horizon", "p", "d", "q", "updateInterval", "evalWindowSize", "enableStl", "m"};
    return known;
}

Expected<ArimaConfig> ArimaConfig::fromJson(QByteArrayView json)
{
    ArimaConfig config;
    if (json.trimmed().isEmpty())
        return config;
    const auto parsed = parseJsonObject(json);
    if (!parsed)
        return configError(QStringLiteral("not a JSON object (%1)").arg(parsed.error()));
    const QJsonObject &object = parsed.value();
    for (const auto &key : object.keys()) {
        if (!keys().contains(key))
            return configError(QStringLiteral("unknown key '%1' (known: %2)").arg(key, keys().join(QLatin1String(", "))));
    }
    auto integer = [&](const char *key, int min, int max, int &target) -> std::optional<Error> {
        const auto value = object.value(QLatin1String(key));
        if (value.isUndefined())
            return std::nullopt;
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::trunc(number) != number || number < min || number > max)
            return configError(QStringLiteral("%1 must be a whole number from %2 to %3").arg(key).arg(min).arg(max));
        target = int(number);
        return std::nullopt;
    };
    int p = -1, d = -1, q = -1;
    for (auto check : {integer("minTrainingSize", 8, 10000, config.minTrainingSize),
                       integer("maxTrainingSize", 8, 10000, config.maxTrainingSize), integer("horizon", 1, 1000, config.horizon),
                       integer("p", 0, ArimaModel::kMaxP, p), integer("d", 0, ArimaModel::kMaxD, d),
                       integer("q", 0, ArimaModel::kMaxQ, q), integer("updateInterval", 1, 10000, config.updateInterval),
                       integer("evalWindowSize", 1, 10000, config.evalWindowSize), integer("m", 2, 5000, config.m)}) {
        if (check)
            return *check;
    }
    if (p >= 0)
        config.p = p;
    if (d >= 0)
        config.d = d;
    if (q >= 0)
        config.q = q;
    if (object.contains("confidencePercentage")) {
        const auto value = object.value("confidencePercentage");
        if (!value.isDouble() || value.toDouble() <= 0 || value.toDouble() >= 100)
            return configError(QStringLiteral("confidencePercentage must be a number between 0 and 100"));
        config.confidencePercentage = value.toDouble();
    }
    if (object.contains("enableStl")) {
        if (!object.value("enableStl").isBool())
            return configError(QStringLiteral("enableStl must be true or false"));
        config.enableStl = object.value("enableStl").toBool();
    }
    if (config.minTrainingSize > config.maxTrainingSize)
        return configError(
            QStringLiteral("minTrainingSize (%1) is larger than maxTrainingSize (%2)").arg(config.minTrainingSize).arg(config.maxTrainingSize));
    if (config.enableStl) {
        // STL needs two full seasons in the window before the first forecast.
        if (config.m == 0)
            return configError(QStringLiteral("enableStl needs m, the season length in rows"));
        if (config.minTrainingSize < 2 * config.m)
            return configError(QStringLiteral("with enableStl, minTrainingSize (%1) must be at least 2 * m (%2)")
                                   .arg(config.minTrainingSize)
                                   .arg(2 * config.m));
    }
    return config;
}

} // namespace pitwall::ml
