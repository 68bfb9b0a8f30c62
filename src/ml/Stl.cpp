#include "Stl.h"

#include <algorithm>
#include <cmath>

namespace pitwall::ml {

namespace {

// One local-linear LOESS estimate at position `at` (1-based, may lie outside 1..n for
// extrapolation) from y[left..right] (1-based, inclusive) with a span of `span` points.
// Returns false when no point gets weight.
bool loessAt(std::span<const double> y, int span, double at, int left, int right, double &estimate)
{
    const int n = int(y.size());
    double h = std::max(at - left, right - at);
    if (span > n)
        h += double((span - n) / 2);
    const double hUpper = 0.999 * h, hLower = 0.001 * h;
    double weights[2048];
    std::vector<double> spill;
    double *w = weights;
    if (right - left + 1 > 2048) {
        spill.resize(size_t(right - left + 1));
        w = spill.data();
    }
    double total = 0;
    for (int j = left; j <= right; ++j) {
        const double distance = std::abs(j - at);
        double weight = 0;
        if (distance <= hUpper) {
            const double u = distance / h, v = 1.0 - u * u * u; // tricube
            weight = distance <= hLower ? 1.0 : v * v * v;
            total += weight;
        }
        w[j - left] = weight;
    }
    if (total <= 0)
        return false;
    for (int j = left; j <= right; ++j)
        w[j - left] /= total;
    if (h > 0) {
        double centre = 0;
        for (int j = left; j <= right; ++j)
            centre += w[j - left] * j;
        double slopeScale = at - centre, spread = 0;
        for (int j = left; j <= right; ++j)
            spread += w[j - left] * (j - centre) * (j - centre);
        if (std::sqrt(spread) > 0.001 * (n - 1)) {
            slopeScale /= spread;
            for (int j = left; j <= right; ++j)
                w[j - left] *= slopeScale * (j - centre) + 1.0;
        }
    }
    estimate = 0;
    for (int j = left; j <= right; ++j)
        estimate += w[j - left] * y[size_t(j - 1)];
    return true;
}

// LOESS smoothing of the whole series with a sliding neighbourhood of `span` points.
std::vector<double> loessSmooth(std::span<const double> y, int span)
{
    const int n = int(y.size());
    std::vector<double> smooth(static_cast<size_t>(n));
    if (n < 2) {
        std::copy(y.begin(), y.end(), smooth.begin());
        return smooth;
    }
    int left = 1, right = std::min(span, n);
    const int half = (span + 1) / 2;
    for (int i = 1; i <= n; ++i) {
        if (span < n && i > half && right != n) {
            ++left;
            ++right;
        }
        double estimate = 0;
        smooth[size_t(i - 1)] = loessAt(y, span, i, left, right, estimate) ? estimate : y[size_t(i - 1)];
    }
    return smooth;
}

std::vector<double> movingAverage(std::span<const double> x, int length)
{
    std::vector<double> average;
    if (int(x.size()) < length)
        return average;
    double sum = 0;
    for (int i = 0; i < length; ++i)
        sum += x[size_t(i)];
    average.push_back(sum / length);
    for (size_t i = size_t(length); i < x.size(); ++i) {
        sum += x[i] - x[i - size_t(length)];
        average.push_back(sum / length);
    }
    return average;
}

int oddAtLeast(double value)
{
    int odd = int(std::ceil(value));
    return odd % 2 == 0 ? odd + 1 : odd;
}

} // namespace

StlDecomposition stlDecompose(std::span<const double> y, int period, StlSpans spans)
{
    const int n = int(y.size());
    if (period < 2 || n < 2 * period)
        return {};
    const int seasonalSpan = std::max(3, spans.seasonal | 1);
    const int trendSpan = spans.trend > 0 ? spans.trend : oddAtLeast(1.5 * period / (1.0 - 1.5 / seasonalSpan));
    const int lowPassSpan = spans.lowPass > 0 ? spans.lowPass : oddAtLeast(period + 1);

    StlDecomposition result;
    result.trend.assign(size_t(n), 0.0);
    result.seasonal.assign(size_t(n), 0.0);
    std::vector<double> detrended(static_cast<size_t>(n)), cycle(static_cast<size_t>(n + 2 * period));
    constexpr int kInnerPasses = 5; // statsmodels' default without robustness weights
    for (int pass = 0; pass < kInnerPasses; ++pass) {
        for (int i = 0; i < n; ++i)
            detrended[size_t(i)] = y[size_t(i)] - result.trend[size_t(i)];
        // Each cycle-subseries smoothed, and extended one period either side.
        for (int phase = 0; phase < period; ++phase) {
            std::vector<double> subseries;
            for (int i = phase; i < n; i += period)
                subseries.push_back(detrended[size_t(i)]);
            const int k = int(subseries.size());
            const auto smooth = loessSmooth(subseries, seasonalSpan);
            double before = 0, after = 0;
            if (!loessAt(subseries, seasonalSpan, 0, 1, std::min(seasonalSpan, k), before))
                before = smooth.front();
            if (!loessAt(subseries, seasonalSpan, k + 1, std::max(1, k - seasonalSpan + 1), k, after))
                after = smooth.back();
            cycle[size_t(phase)] = before;
            for (int m = 0; m < k; ++m)
                cycle[size_t((m + 1) * period + phase)] = smooth[size_t(m)];
            cycle[size_t((k + 1) * period + phase)] = after;
        }
        // Low-pass filter of the cycles: moving averages m, m, 3, then LOESS.
        const auto lowPass = loessSmooth(movingAverage(movingAverage(movingAverage(cycle, period), period), 3), lowPassSpan);
        for (int i = 0; i < n; ++i)
            result.seasonal[size_t(i)] = cycle[size_t(period + i)] - lowPass[size_t(i)];
        std::vector<double> deseasonalised(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i)
            deseasonalised[size_t(i)] = y[size_t(i)] - result.seasonal[size_t(i)];
        result.trend = loessSmooth(deseasonalised, trendSpan);
    }
    result.remainder.resize(size_t(n));
    for (int i = 0; i < n; ++i)
        result.remainder[size_t(i)] = y[size_t(i)] - result.seasonal[size_t(i)] - result.trend[size_t(i)];
    return result;
}

} // namespace pitwall::ml
