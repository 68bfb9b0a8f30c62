#include "AnomalyScore.h"

#include "core/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <type_traits>

namespace pitwall::ml {

namespace {

constexpr double kRawCap = 20.0;          // one absurd row must not dominate the history's deviation
constexpr double kMinDeviation = 0.05;    // of the averaged surprise: a flat series is not infinitely sure
constexpr double kSeasonScaleRows = 1000; // rows over which the usual seasonal distance is averaged
constexpr double kLogFloor = 1e-10;       // the score's scale: a tail of 1e-10 scores 1

} // namespace

double rawSurprise(const DetectionRow &row, double z)
{
    if (!row.forecast || !row.lowerBound || !row.upperBound)
        return 0.0;
    const double sigma = (*row.upperBound - *row.lowerBound) / (2.0 * z);
    const double distance = std::abs(row.actual - *row.forecast);
    if (!(sigma > 0))
        return distance > 0 ? kRawCap : 0.0;
    return std::min(distance / sigma, kRawCap);
}

double anomalyConfidence(const DetectionRow &row, double z)
{
    return 100.0 * std::erf(rawSurprise(row, z) / std::sqrt(2.0));
}

AnomalyLikelihood::AnomalyLikelihood(LikelihoodConfig config)
    : m_config(config)
    , m_recent(size_t(std::max(1, config.shortWindow)), 0.0)
{
    m_history.reserve(size_t(std::max(1, config.historyRows)));
}

std::optional<double> AnomalyLikelihood::update(double raw)
{
    if (!std::isfinite(raw))
        raw = kRawCap;
    m_recentSum += raw - m_recent[m_recentCursor];
    m_recent[m_recentCursor] = raw;
    m_recentCursor = (m_recentCursor + 1) % m_recent.size();
    ++m_seen;
    const double average = m_recentSum / double(std::min(m_seen, m_recent.size()));

    // The distribution is estimated from averages before this one, so the current
    // average is judged against a past it is not part of.
    std::optional<double> score;
    if (m_estimated) {
        const double z = (average - m_mean) / m_deviation;
        const double tail = 0.5 * std::erfc(z / std::sqrt(2.0));
        score = std::clamp(std::log(tail + kLogFloor) / std::log(kLogFloor), 0.0, 1.0);
    }
    if (m_history.size() < m_history.capacity())
        m_history.push_back(average);
    else
        m_history[m_historyCursor] = average;
    m_historyCursor = (m_historyCursor + 1) % m_history.capacity();
    if (++m_sinceEstimate >= m_config.reestimateEvery || (!m_estimated && int(m_history.size()) >= m_config.learningRows)) {
        if (int(m_history.size()) >= m_config.learningRows) {
            double sum = 0, squares = 0;
            for (double value : m_history) {
                sum += value;
                squares += value * value;
            }
            const double n = double(m_history.size());
            m_mean = sum / n;
            m_deviation = std::max(kMinDeviation, std::sqrt(std::max(0.0, squares / n - m_mean * m_mean)));
            m_estimated = true;
        }
        m_sinceEstimate = 0;
    }
    return score;
}

bool EpisodeTracker::update(bool flagged)
{
    if (flagged) {
        m_quiet = 0;
        if (!m_open) {
            m_open = true;
            return true;
        }
        return false;
    }
    if (m_open && ++m_quiet >= m_quietRows)
        m_open = false;
    return false;
}

Expected<DetectorConfig> DetectorConfig::fromJson(QByteArrayView json)
{
    DetectorConfig config;
    if (json.trimmed().isEmpty())
        return config;
    const auto parsed = parseJsonObject(json);
    if (!parsed)
        return Error{QStringLiteral("ARIMA config: not a JSON object (%1)").arg(parsed.error())};
    auto object = parsed.value(); // a copy: the keys read here are taken out of it
    const auto take = [&object](const char *key, double min, double max, auto &target) -> std::optional<Error> {
        const auto value = object.take(QLatin1String(key));
        if (value.isUndefined())
            return std::nullopt;
        const double number = value.toDouble(std::nan(""));
        const bool whole = std::is_integral_v<std::remove_reference_t<decltype(target)>>;
        if (!value.isDouble() || number < min || number > max || (whole && std::trunc(number) != number))
            return Error{QStringLiteral("ARIMA config: %1 must be a %2 from %3 to %4")
                             .arg(QLatin1String(key), whole ? QStringLiteral("whole number") : QStringLiteral("number"))
                             .arg(min)
                             .arg(max)};
        target = std::remove_reference_t<decltype(target)>(number);
        return std::nullopt;
    };
    for (auto check : {take("anomalyThreshold", 0.0, 1.0, config.scoring.threshold),
                       take("episodeQuietRows", 1, 1000000, config.scoring.episodeQuietRows),
                       take("likelihoodWindow", 1, 1000, config.scoring.likelihood.shortWindow),
                       take("likelihoodHistory", 10, 100000, config.scoring.likelihood.historyRows),
                       take("likelihoodLearning", 10, 100000, config.scoring.likelihood.learningRows),
                       take("rangeTolerance", 0.0, 10.0, config.scoring.rangeTolerance)}) {
        if (check)
            return *check;
    }
    auto &context = config.scoring.context;
    for (auto check : {take("contextBins", 0, 64, context.bins), take("contextLength", 1, 8, context.length),
                       take("contextMemory", 100, 50000, context.memoryRows), take("contextDelay", 0, 10000, context.delayRows),
                       take("contextWindow", 1, 1000, context.window)}) {
        if (check)
            return *check;
    }
    if (context.bins == 1)
        return Error{QStringLiteral("ARIMA config: contextBins must be 0 (off) or from 2 to 64")};
    if (context.delayRows >= context.memoryRows)
        return Error{QStringLiteral("ARIMA config: contextDelay must be less than contextMemory")};
    if (object.contains(QLatin1String("seasonLags"))) {
        const auto lags = object.take(QLatin1String("seasonLags"));
        const auto badLags = Error{QStringLiteral("ARIMA config: seasonLags must be a list of at most 4 whole numbers from 2 to 100000")};
        if (!lags.isArray() || lags.toArray().size() > 4)
            return badLags;
        config.scoring.explicitSeasons = true;
        for (const auto &lag : lags.toArray()) {
            const double rows = lag.toDouble(-1);
            if (!lag.isDouble() || rows < 2 || rows > 100000 || std::trunc(rows) != rows)
                return badLags;
            config.scoring.seasonLags.push_back(int(rows));
        }
    }
    config.scoring.likelihood.learningRows = std::min(config.scoring.likelihood.learningRows, config.scoring.likelihood.historyRows);
    auto arima = ArimaConfig::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact));
    if (!arima)
        return arima.error();
    config.arima = arima.value();
    return config;
}

ScoredDetector::ScoredDetector(const DetectorConfig &config)
    : m_stream(config.arima)
    , m_scoring(config.scoring)
    , m_z(zForConfidence(config.arima.confidencePercentage))
    , m_likelihood(config.scoring.likelihood)
    , m_seasonLikelihood(config.scoring.likelihood)
    , m_context(config.scoring.context.bins > 0 ? std::optional<ContextNovelty>(config.scoring.context) : std::nullopt)
    , m_contextLikelihood([&config] {
        auto likelihood = config.scoring.likelihood;
        likelihood.shortWindow = config.scoring.context.window;
        return likelihood;
    }())
    , m_lagged(size_t(std::max(1, config.scoring.seasonLags.empty()
                                      ? 1
                                      : *std::max_element(config.scoring.seasonLags.begin(), config.scoring.seasonLags.end()))),
               0.0)
    , m_lagScale(config.scoring.seasonLags.size(), 0.0)
    , m_episodes(config.scoring.episodeQuietRows)
{
}

std::optional<double> ScoredDetector::seasonalSurprise(double value)
{
    std::optional<double> nearest;
    const size_t size = m_lagged.size();
    for (size_t i = 0; i < m_scoring.seasonLags.size(); ++i) {
        const size_t lag = size_t(m_scoring.seasonLags[i]);
        if (m_lagSeen < lag)
            continue;
        const double distance = std::abs(value - m_lagged[(m_lagCursor + size - lag) % size]);
        double &scale = m_lagScale[i];
        scale = scale == 0 ? distance : scale + (distance - scale) / kSeasonScaleRows;
        const double surprise = scale > 0 ? std::min(distance / scale, kRawCap) : (distance > 0 ? kRawCap : 0.0);
        nearest = nearest ? std::min(*nearest, surprise) : surprise;
    }
    m_lagged[m_lagCursor] = value;
    m_lagCursor = (m_lagCursor + 1) % size;
    ++m_lagSeen;
    return nearest;
}

ScoredRow ScoredDetector::detect(double value)
{
    ScoredRow scored;
    scored.detection = m_stream.detect(value);
    if (scored.detection.forecast)
        scored.score = m_likelihood.update(rawSurprise(scored.detection, m_z));
    if (!m_scoring.seasonLags.empty()) {
        const auto seasonal = seasonalSurprise(value);
        if (seasonal && scored.score) {
            if (const auto score = m_seasonLikelihood.update(*seasonal))
                scored.score = std::max(*scored.score, *score);
        }
    }
    if (m_context) {
        const auto novelty = m_context->update(value);
        if (novelty && scored.score) {
            if (const auto score = m_contextLikelihood.update(*novelty))
                scored.score = std::max(*scored.score, *score);
        }
    }
    // A value beyond everything seen so far (by a share of that range) is news whatever
    // the forecast's band says: a level the series has never been at. Judged once the
    // model forecasts, so the first rows' range is not all news.
    if (const double tolerance = m_scoring.rangeTolerance; tolerance > 0 && m_min && m_max && scored.detection.forecast) {
        const double margin = tolerance * (*m_max - *m_min);
        if (value > *m_max + margin || value < *m_min - margin)
            scored.score = 1.0;
    }
    if (std::isfinite(value)) {
        m_min = m_min ? std::min(*m_min, value) : value;
        m_max = m_max ? std::max(*m_max, value) : value;
    }
    scored.flagged = scored.score && *scored.score >= m_scoring.threshold;
    scored.alert = m_episodes.update(scored.flagged);
    return scored;
}

} // namespace pitwall::ml
