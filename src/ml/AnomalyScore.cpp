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

// The tail rule is the forecast surprise's only: on NAB's tuning half a Pareto tail on the
// seasonal distance's likelihood too lost windows (7 at quantile 0.98; 2 with today's
// defaults), on the context novelty's 1, on all three 15.
LikelihoodConfig withGaussianTail(LikelihoodConfig config)
{
    config.tail = TailRule::Gaussian;
    config.incidentRows = 0;
    return config;
}

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
    if (config.incidentRows > 0)
        m_incident.assign(m_history.capacity(), 0); // one mark per history slot
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
    if (m_estimated)
        score = std::clamp(std::log(tailProbability(average) + kLogFloor) / std::log(kLogFloor), 0.0, 1.0);
    if (m_history.size() < m_history.capacity())
        m_history.push_back(average);
    else
        m_history[m_historyCursor] = average;
    if (m_config.incidentRows > 0)
        markIncident(average);
    m_historyCursor = (m_historyCursor + 1) % m_history.capacity();
    if (++m_sinceEstimate >= m_config.reestimateEvery || (!m_estimated && int(m_history.size()) >= m_config.learningRows)) {
        if (int(m_history.size()) >= m_config.learningRows)
            estimate();
        m_sinceEstimate = 0;
    }
    return score;
}

void AnomalyLikelihood::markIncident(double average)
{
    // Called after `average` was stored at m_historyCursor (not yet advanced).
    const size_t capacity = m_history.capacity();
    const bool elevated = m_estimated && (average - m_mean) >= m_config.incidentLevel * m_deviation;
    if (!elevated && m_elevatedRun >= m_config.incidentRows)
        m_incidentTrail = int(m_recent.size()) - 1; // the next averages still hold incident rows
    m_elevatedRun = elevated ? m_elevatedRun + 1 : 0;
    m_incident[m_historyCursor] = m_elevatedRun >= m_config.incidentRows || m_incidentTrail > 0;
    if (!elevated && m_incidentTrail > 0)
        --m_incidentTrail;
    if (m_elevatedRun == m_config.incidentRows) { // the run just became an incident: from its start
        for (size_t back = 1; back < size_t(m_elevatedRun) && back < m_history.size(); ++back)
            m_incident[(m_historyCursor + capacity - back) % capacity] = 1;
    }
}

void AnomalyLikelihood::estimate()
{
    double sum = 0, squares = 0;
    for (double value : m_history) {
        sum += value;
        squares += value * value;
    }
    const double n = double(m_history.size());
    m_mean = sum / n;
    m_deviation = std::max(kMinDeviation, std::sqrt(std::max(0.0, squares / n - m_mean * m_mean)));
    m_estimated = true;
    m_pareto.reset();
    if (m_config.tail == TailRule::Gaussian)
        return;
    // The threshold u is the history's tailQuantile; the averages above it, less u, are the
    // excesses the Pareto tail is fitted to.
    if (m_config.incidentRows > 0) {
        m_scratch.clear();
        for (size_t i = 0; i < m_history.size(); ++i) {
            if (!m_incident[i])
                m_scratch.push_back(m_history[i]);
        }
        if (m_scratch.empty())
            return;
    } else {
        m_scratch.assign(m_history.begin(), m_history.end());
    }
    const double kept = double(m_scratch.size());
    const auto at = m_scratch.begin() + std::ptrdiff_t(std::min(m_scratch.size() - 1, size_t(m_config.tailQuantile * kept)));
    std::nth_element(m_scratch.begin(), at, m_scratch.end());
    const double threshold = *at;
    const auto excessesEnd = std::partition(at + 1, m_scratch.end(), [threshold](double value) { return value > threshold; });
    for (auto it = at + 1; it != excessesEnd; ++it)
        *it -= threshold;
    m_threshold = threshold;
    m_thresholdShare = double(excessesEnd - (at + 1)) / kept;
    m_gaussianBelowThreshold = std::max(1e-12, 1.0 - gaussianTail(threshold));
    m_pareto = ParetoTail::fit(std::span<double>(at + 1, excessesEnd));
    if (m_pareto) // as the Gaussian's deviation: a flat history is not infinitely sure
        m_pareto->scale = std::max(m_pareto->scale, kMinDeviation);
}

double AnomalyLikelihood::gaussianTail(double average) const
{
    return 0.5 * std::erfc((average - m_mean) / m_deviation / std::sqrt(2.0));
}

double AnomalyLikelihood::tailProbability(double average) const
{
    const double gaussian = gaussianTail(average);
    if (!m_pareto) // the Gaussian rule, or too few excesses to fit a tail to
        return gaussian;
    double pareto;
    if (average > m_threshold) {
        pareto = m_thresholdShare * m_pareto->survival(average - m_threshold);
    } else {
        // Below u no alert is possible (the tail is at least the share above u); the
        // Gaussian's shape, rescaled to meet the fitted tail at u, keeps the score continuous.
        pareto = 1.0 - (1.0 - m_thresholdShare) * std::min(1.0, (1.0 - gaussian) / m_gaussianBelowThreshold);
    }
    return m_config.tail == TailRule::ParetoOrGauss ? std::max(gaussian, pareto) : pareto;
}

std::optional<ParetoTail> ParetoTail::fit(std::span<double> excesses, size_t minCount)
{
    if (excesses.size() < std::max<size_t>(minCount, 2))
        return std::nullopt;
    std::sort(excesses.begin(), excesses.end());
    // a0 = E[Y], a1 = E[Y (1 - F(Y))] (unbiased estimates); for the GPD a0 = scale / (1 - shape)
    // and a1 = scale / (2 (2 - shape)).
    const size_t count = excesses.size();
    double a0 = 0, a1 = 0;
    for (size_t i = 0; i < count; ++i) {
        a0 += excesses[i];
        a1 += excesses[i] * double(count - 1 - i) / double(count - 1);
    }
    a0 /= double(count);
    a1 /= double(count);
    if (!(a1 > 0))
        return std::nullopt;
    // a0 <= 2 a1 only past shape 1, where the moments do not exist: the bound.
    const double shape = a0 > 2 * a1 ? std::clamp(2.0 - a0 / (a0 - 2 * a1), -0.5, 1.0) : 1.0;
    return ParetoTail{shape, 2 * a1 * (2 - shape)};
}

double ParetoTail::survival(double excess) const
{
    if (std::abs(shape) < 1e-9)
        return std::exp(-excess / scale);
    const double base = 1 + shape * excess / scale;
    return base > 0 ? std::pow(base, -1 / shape) : 0.0; // past the end of a bounded tail
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
    QStringList detectorKeys{QStringLiteral("likelihoodTail"), QStringLiteral("seasonLags")}; // for a helpful refusal
    const auto take = [&object, &detectorKeys](const char *key, double min, double max, auto &target) -> std::optional<Error> {
        detectorKeys.push_back(QLatin1String(key));
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
    if (const auto tail = object.take(QLatin1String("likelihoodTail")); !tail.isUndefined()) {
        const auto name = tail.toString();
        auto &rule = config.scoring.likelihood.tail;
        if (name == QLatin1String("gaussian"))
            rule = TailRule::Gaussian;
        else if (name == QLatin1String("gpd"))
            rule = TailRule::Pareto;
        else if (name == QLatin1String("gpd-max"))
            rule = TailRule::ParetoOrGauss;
        else
            return Error{QStringLiteral("ARIMA config: likelihoodTail must be \"gaussian\", \"gpd\" or \"gpd-max\"")};
    }
    for (auto check : {take("anomalyThreshold", 0.0, 1.0, config.scoring.threshold),
                       take("likelihoodTailQuantile", 0.8, 0.999, config.scoring.likelihood.tailQuantile),
                       take("likelihoodTailIncidentRows", 0, 100000, config.scoring.likelihood.incidentRows),
                       take("likelihoodTailIncidentLevel", 0.0, 100.0, config.scoring.likelihood.incidentLevel),
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
    for (const auto &key : object.keys()) {
        if (!ArimaConfig::keys().contains(key))
            return Error{QStringLiteral("ARIMA config: unknown key '%1' (ML_DETECT_ANOMALIES' keys: %2; the local detector's: %3)")
                             .arg(key, ArimaConfig::keys().join(QLatin1String(", ")), detectorKeys.join(QLatin1String(", ")))};
    }
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
    , m_seasonLikelihood(withGaussianTail(config.scoring.likelihood))
    , m_context(config.scoring.context.bins > 0 ? std::optional<ContextNovelty>(config.scoring.context) : std::nullopt)
    , m_contextLikelihood([&config] {
        auto likelihood = withGaussianTail(config.scoring.likelihood);
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
