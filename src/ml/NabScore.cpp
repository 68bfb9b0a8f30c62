#include "NabScore.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <random>

namespace pitwall::ml::nab {

std::span<const Profile> profiles()
{
    static constexpr Profile kProfiles[] = {{"standard", 1.0, 0.11, 1.0},
                                            {"reward_low_FP_rate", 1.0, 0.22, 1.0},
                                            {"reward_low_FN_rate", 1.0, 0.11, 2.0}};
    return kProfiles;
}

double scaledSigmoid(double relativePosition)
{
    if (relativePosition > 3.0)
        return -1.0;
    return 2.0 / (1.0 + std::exp(5.0 * relativePosition)) - 1.0;
}

int probationLength(int rows, double probationPercent)
{
    return int(std::min(std::floor(probationPercent * rows), probationPercent * 5000));
}

FileScore scoreFile(const std::vector<bool> &detections, std::span<const Window> windows, const Profile &profile, double probationPercent)
{
    FileScore score;
    const int rows = int(detections.size());
    const int probation = probationLength(rows, probationPercent);
    const double maxTp = scaledSigmoid(-1.0);
    double falsePositiveSum = 0;
    size_t next = 0;                  // the next window not yet passed
    const Window *previous = nullptr; // the last window passed
    for (const auto &window : windows) {
        if (window.last >= probation)
            ++score.scoredWindows;
    }
    std::vector<double> best(windows.size(), -profile.fnWeight);
    for (int row = 0; row < rows; ++row) {
        while (next < windows.size() && windows[next].last < row)
            previous = &windows[next++];
        if (!detections[size_t(row)] || row < probation)
            continue;
        if (next < windows.size() && row >= windows[next].first) {
            const auto &window = windows[next];
            const double width = window.last - window.first + 1;
            const double position = -(window.last - row + 1) / width;
            best[next] = std::max(best[next], scaledSigmoid(position) * profile.tpWeight / maxTp);
            continue;
        }
        ++score.falsePositives;
        if (!previous) {
            falsePositiveSum += -1.0 * profile.fpWeight;
        } else {
            const double width = previous->last - previous->first + 1;
            falsePositiveSum += scaledSigmoid(std::abs(double(previous->last - row)) / (width - 1)) * profile.fpWeight;
        }
    }
    score.raw = falsePositiveSum;
    for (size_t i = 0; i < windows.size(); ++i) {
        if (windows[i].last < probation)
            continue;
        score.raw += best[i];
        score.windowsFound += best[i] > -profile.fnWeight;
    }
    score.nullScore = -profile.fnWeight * score.scoredWindows;
    return score;
}

double normalised(double raw, double nullScore, int scoredWindows, const Profile &profile)
{
    const double perfect = profile.tpWeight * scoredWindows;
    return perfect > nullScore ? 100.0 * (raw - nullScore) / (perfect - nullScore) : 0.0;
}

double normalised(const FileScore &score, const Profile &profile)
{
    return normalised(score.raw, score.nullScore, score.scoredWindows, profile);
}

FileScore &operator+=(FileScore &total, const FileScore &file)
{
    total.raw += file.raw;
    total.nullScore += file.nullScore;
    total.scoredWindows += file.scoredWindows;
    total.windowsFound += file.windowsFound;
    total.falsePositives += file.falsePositives;
    return total;
}

namespace {

FileScore sum(const std::vector<size_t> &draw, std::span<const FileScore> files)
{
    FileScore total;
    for (size_t index : draw)
        total += files[index];
    return total;
}

// The resampled statistic's central `level` share, by sorted rank.
Interval centralShare(std::vector<double> values, double level)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    const double tail = (1.0 - std::clamp(level, 0.0, 1.0)) / 2.0;
    const auto at = [&values](double share) {
        return values[std::min(values.size() - 1, size_t(share * double(values.size() - 1) + 0.5))];
    };
    return {at(tail), at(1.0 - tail)};
}

// `resamples` draws of file indexes, with replacement; a fixed seed so a report repeats.
template <typename Statistic>
std::vector<double> resampled(size_t files, int resamples, unsigned seed, Statistic statistic)
{
    std::vector<double> values;
    if (files == 0)
        return values;
    std::mt19937 random(seed);
    std::uniform_int_distribution<size_t> pick(0, files - 1);
    std::vector<size_t> draw(files);
    values.reserve(size_t(std::max(0, resamples)));
    for (int i = 0; i < resamples; ++i) {
        for (auto &index : draw)
            index = pick(random);
        values.push_back(statistic(draw));
    }
    return values;
}

} // namespace

Interval bootstrapInterval(std::span<const FileScore> files, const Profile &profile, double level, int resamples, unsigned seed)
{
    return centralShare(resampled(files.size(), resamples, seed,
                                  [&](const std::vector<size_t> &draw) { return normalised(sum(draw, files), profile); }),
                        level);
}

Interval pairedBootstrapInterval(std::span<const FileScore> candidate, std::span<const FileScore> baseline,
                                 const Profile &profile, double level, int resamples, unsigned seed)
{
    if (candidate.size() != baseline.size())
        return {};
    return centralShare(resampled(candidate.size(), resamples, seed,
                                  [&](const std::vector<size_t> &draw) {
                                      return normalised(sum(draw, candidate), profile) - normalised(sum(draw, baseline), profile);
                                  }),
                        level);
}

std::vector<Window> windowsByRow(const QStringList &rowTimestamps, const std::vector<std::pair<QString, QString>> &windows, QString *error)
{
    const auto key = [](QString text) {
        if (text.endsWith(QLatin1String(".000000")))
            text.chop(7);
        return text;
    };
    QHash<QString, int> rowOf;
    for (int row = 0; row < rowTimestamps.size(); ++row)
        rowOf.insert(key(rowTimestamps[row]), row);
    std::vector<Window> result;
    for (const auto &[first, last] : windows) {
        const auto from = rowOf.constFind(key(first));
        const auto to = rowOf.constFind(key(last));
        if (from == rowOf.constEnd() || to == rowOf.constEnd() || *to < *from) {
            if (error)
                *error = QStringLiteral("window %1 .. %2 does not match the file's rows").arg(first, last);
            return {};
        }
        result.push_back({*from, *to});
    }
    return result;
}

} // namespace pitwall::ml::nab
