#include "ArimaModel.h"

#include <algorithm>
#include <array>
#include <utility>
#include <cmath>
#include <limits>
#include <numeric>

namespace pitwall::ml {

namespace {

constexpr int kMaxIterations = 40;
// Steps from the previous search's fit of the same order when the order is searched again.
constexpr int kSearchWarmIterations = 3;
// Partial autocorrelations are tanh(raw): beyond |raw| = 3.5 the curve is flat, the
// gradient vanishes and the fit would stay stuck at a (near) unit root.
constexpr double kMaxRaw = 3.5;

// Solves the small dense system A x = b in place (Gaussian elimination, partial pivoting).
bool solve(std::vector<double> &a, std::vector<double> &b, int n)
{
    for (int col = 0; col < n; ++col) {
        int pivot = col;
        for (int row = col + 1; row < n; ++row) {
            if (std::abs(a[row * n + col]) > std::abs(a[pivot * n + col]))
                pivot = row;
        }
        if (std::abs(a[pivot * n + col]) < 1e-14)
            return false;
        if (pivot != col) {
            for (int k = 0; k < n; ++k)
                std::swap(a[col * n + k], a[pivot * n + k]);
            std::swap(b[col], b[pivot]);
        }
        for (int row = col + 1; row < n; ++row) {
            const double factor = a[row * n + col] / a[col * n + col];
            for (int k = col; k < n; ++k)
                a[row * n + k] -= factor * a[col * n + k];
            b[row] -= factor * b[col];
        }
    }
    for (int row = n - 1; row >= 0; --row) {
        double sum = b[row];
        for (int k = row + 1; k < n; ++k)
            sum -= a[row * n + k] * b[k];
        b[row] = sum / a[row * n + row];
    }
    return true;
}

} // namespace

std::vector<double> difference(std::span<const double> series, int d)
{
    std::vector<double> w(series.begin(), series.end());
    for (int level = 0; level < d && !w.empty(); ++level) {
        for (size_t i = w.size() - 1; i > 0; --i)
            w[i] -= w[i - 1];
        w.erase(w.begin());
    }
    return w;
}

// Partial autocorrelations in (-1, 1) give a stationary polynomial through the
// Durbin-Levinson recursion, whatever the unconstrained numbers are.
// Fixed-size arrays: this runs several times per refit, on the per-row hot path.
void ArimaModel::fromPartial(std::span<const double> raw, double *coefficients)
{
    double previous[std::max(kMaxP, kMaxQ)] = {};
    for (size_t k = 0; k < raw.size(); ++k) {
        const double r = std::tanh(raw[k]);
        for (size_t j = 0; j < k; ++j)
            coefficients[j] = previous[j] - r * previous[k - 1 - j];
        coefficients[k] = r;
        std::copy(coefficients, coefficients + k + 1, previous);
    }
}

void ArimaModel::setParams(std::span<const double> params)
{
    m_params.assign(params.begin(), params.end());
    m_ar.assign(size_t(m_order.p), 0.0);
    m_ma.assign(size_t(m_order.q), 0.0);
    fromPartial(params.subspan(0, size_t(m_order.p)), m_ar.data());
    fromPartial(params.subspan(size_t(m_order.p), size_t(m_order.q)), m_ma.data());
    for (auto &theta : m_ma) // 1 + sum theta B^j is invertible when -theta is a stationary AR
        theta = -theta;
    m_mean = m_order.d == 0 ? params[m_order.p + m_order.q] : 0.0;
}

namespace {

// The conditional-sum-of-squares recursion with the orders known at compile time, so the
// lag loops unroll: fits run it k + 2 times per iteration, and the order search 18 fits.
// Each sum adds its terms in the same order as a loop over runtime orders would.
template <int P, int Q>
double residualRecursion(std::span<const double> w, const double *ar, const double *ma, double mean, double *residual)
{
    const size_t n = w.size();
    double sum = 0;
    for (size_t t = size_t(P); t < n; ++t) {
        double prediction = mean;
        for (int i = 1; i <= P; ++i)
            prediction += ar[i - 1] * (w[t - i] - mean);
        for (int j = 1; j <= Q; ++j) {
            if (size_t(j) <= t) // only the first rows lack a lagged residual
                prediction += ma[j - 1] * residual[t - j];
        }
        residual[t] = w[t] - prediction;
        sum += residual[t] * residual[t];
    }
    return sum;
}

using Recursion = double (*)(std::span<const double>, const double *, const double *, double, double *);

// The recursions of one p for q = 0..kMaxQ.
template <int P, int... Qs>
constexpr std::array<Recursion, sizeof...(Qs)> recursionsForP(std::integer_sequence<int, Qs...>)
{
    return {&residualRecursion<P, Qs>...};
}

using EveryQ = std::make_integer_sequence<int, ArimaModel::kMaxQ + 1>;
// [p][q] for p <= kMaxP, q <= kMaxQ.
constexpr std::array<std::array<Recursion, ArimaModel::kMaxQ + 1>, ArimaModel::kMaxP + 1> kRecursions = {recursionsForP<0>(EveryQ{}),
                                                                                                         recursionsForP<1>(EveryQ{}),
                                                                                                         recursionsForP<2>(EveryQ{})};
static_assert(ArimaModel::kMaxP == 2, "kRecursions lists one row per p");

// J'J and -J'r for a Jacobian stored by columns of n rows, in one pass over the rows with
// K known at compile time: the running sums stay in registers and the processor overlaps
// them, each still added row by row in order (the result does not change).
template <int K>
void normalEquationsOf(const double *jacobian, const double *residual, size_t n, double *normal, double *gradient)
{
    double products[K][K] = {}, sums[K] = {};
    for (size_t t = 0; t < n; ++t) {
        double row[K];
        for (int i = 0; i < K; ++i)
            row[i] = jacobian[size_t(i) * n + t];
#pragma GCC unroll 5
        for (int i = 0; i < K; ++i) {
#pragma GCC unroll 5
            for (int j = i; j < K; ++j)
                products[i][j] += row[i] * row[j];
            sums[i] += row[i] * residual[t];
        }
    }
    for (int i = 0; i < K; ++i) {
        for (int j = i; j < K; ++j)
            normal[i * K + j] = normal[j * K + i] = products[i][j];
        gradient[i] = -sums[i];
    }
}

void normalEquations(int k, const double *jacobian, const double *residual, size_t n, double *normal, double *gradient)
{
    static_assert(ArimaModel::kMaxP + ArimaModel::kMaxQ + 1 == 5, "one case per parameter count");
    switch (k) {
    case 1: return normalEquationsOf<1>(jacobian, residual, n, normal, gradient);
    case 2: return normalEquationsOf<2>(jacobian, residual, n, normal, gradient);
    case 3: return normalEquationsOf<3>(jacobian, residual, n, normal, gradient);
    case 4: return normalEquationsOf<4>(jacobian, residual, n, normal, gradient);
    case 5: return normalEquationsOf<5>(jacobian, residual, n, normal, gradient);
    default: return;
    }
}

} // namespace

double ArimaModel::sumOfSquares(std::span<const double> w, std::span<const double> params, std::vector<double> *e) const
{
    // Called many times per fit: coefficients into fixed arrays, no model copies.
    const int p = m_order.p, q = m_order.q;
    double ar[kMaxP] = {}, ma[kMaxQ] = {};
    fromPartial(params.subspan(0, size_t(p)), ar);
    fromPartial(params.subspan(size_t(p), size_t(q)), ma);
    for (int j = 0; j < q; ++j)
        ma[j] = -ma[j];
    const double mean = m_order.d == 0 ? params[size_t(p + q)] : 0.0;
    std::vector<double> local;
    std::vector<double> &residual = e ? *e : local;
    residual.assign(w.size(), 0.0);
    return kRecursions[size_t(p)][size_t(q)](w, ar, ma, mean, residual.data());
}

std::optional<ArimaModel> ArimaModel::fit(std::span<const double> series, ArimaOrder order, const ArimaModel *start, int warmIterations)
{
    // A warm start sits near the optimum already: one Gauss-Newton step per refit keeps
    // it there as the window slides (the steps add up over successive refits).
    const int maxIterations = start && start->m_order == order ? std::clamp(warmIterations, 1, kMaxIterations) : kMaxIterations;
    if (order.p < 0 || order.p > kMaxP || order.q < 0 || order.q > kMaxQ || order.d < 0 || order.d > kMaxD)
        return std::nullopt;
    const auto w = difference(series, order.d);
    const int k = order.p + order.q + (order.d == 0 ? 1 : 0);
    const int observations = int(w.size()) - order.p;
    if (observations < std::max(8, 3 * (k + 1)))
        return std::nullopt;
    const double mean = std::accumulate(w.begin(), w.end(), 0.0) / double(w.size());
    double spread = 0;
    for (double value : w)
        spread += (value - mean) * (value - mean);
    if (spread <= 1e-12 * std::max(1.0, mean * mean) * double(w.size()))
        return std::nullopt; // nothing to model: a constant

    ArimaModel model;
    model.m_order = order;
    std::vector<double> params(static_cast<size_t>(k), 0.0);
    if (order.d == 0)
        params.back() = mean;
    if (start && start->m_order == order && start->m_params.size() == params.size())
        params = start->m_params;
    for (int i = 0; i < order.p + order.q; ++i)
        params[size_t(i)] = std::clamp(params[size_t(i)], -kMaxRaw, kMaxRaw);

    // Levenberg-Marquardt on the residual vector, with a forward-difference Jacobian.
    std::vector<double> residual, trial;
    double cost = model.sumOfSquares(w, params, &residual);
    double lambda = 1e-3;
    const double scale = std::sqrt(spread / double(w.size())) + 1e-12;
    // The Jacobian by columns in one block, reused across iterations.
    std::vector<double> jacobian(size_t(k) * residual.size());
    std::vector<double> shifted, normal(static_cast<size_t>(k * k)), gradient(static_cast<size_t>(k));
    for (int iteration = 0; iteration < maxIterations && k > 0; ++iteration) {
        const size_t n = residual.size();
        for (int i = 0; i < k; ++i) {
            shifted = params;
            const double step = 1e-6 * std::max(1.0, std::abs(params[i])) * (i == k - 1 && order.d == 0 ? scale : 1.0);
            shifted[i] += step;
            model.sumOfSquares(w, shifted, &trial);
            double *__restrict column = jacobian.data() + size_t(i) * n;
            const double *__restrict shiftedResidual = trial.data();
            const double *__restrict baseResidual = residual.data();
            const double perStep = 1.0 / step; // a product per row, not a division
            for (size_t t = 0; t < n; ++t)
                column[t] = (shiftedResidual[t] - baseResidual[t]) * perStep;
        }
        normalEquations(k, jacobian.data(), residual.data(), n, normal.data(), gradient.data());
        bool improved = false;
        for (int attempt = 0; attempt < 8 && !improved; ++attempt) {
            std::vector<double> damped = normal, delta = gradient;
            for (int i = 0; i < k; ++i)
                damped[i * k + i] *= 1.0 + lambda;
            if (!solve(damped, delta, k)) {
                lambda *= 10;
                continue;
            }
            std::vector<double> candidate = params;
            for (int i = 0; i < k; ++i)
                candidate[i] += delta[i];
            for (int i = 0; i < order.p + order.q; ++i)
                candidate[size_t(i)] = std::clamp(candidate[size_t(i)], -kMaxRaw, kMaxRaw);
            std::vector<double> candidateResidual;
            const double candidateCost = model.sumOfSquares(w, candidate, &candidateResidual);
            if (candidateCost < cost) {
                const double gain = (cost - candidateCost) / std::max(cost, 1e-300);
                params = std::move(candidate);
                residual = std::move(candidateResidual);
                cost = candidateCost;
                lambda = std::max(lambda / 10, 1e-9);
                improved = true;
                if (gain < 1e-7)
                    iteration = maxIterations; // converged
            } else {
                lambda *= 10;
            }
        }
        if (!improved)
            break;
    }
    model.setParams(params);
    model.m_sigma2 = cost / observations;
    if (!(model.m_sigma2 > 0) || !std::isfinite(model.m_sigma2))
        return std::nullopt;
    model.m_aic = observations * std::log(model.m_sigma2) + 2.0 * (k + 1);
    // Residuals of a fitted model centre on zero. Their spread for the intervals: the mean
    // square of all but the largest 2% (so a few anomalies in the window do not blow the
    // band open, while the ordinary heavy tail of the data still widens it).
    std::vector<double> deviations(residual.begin() + order.p, residual.end());
    for (double &value : deviations)
        value = value * value;
    const size_t kept = deviations.size() - std::max<size_t>(1, deviations.size() / 50);
    std::nth_element(deviations.begin(), deviations.begin() + long(kept), deviations.end());
    double trimmed = 0;
    for (size_t i = 0; i < kept; ++i)
        trimmed += deviations[i];
    // For a normal sample the kept squares average 0.874 of the variance
    // (E[z^2 | |z| < 2.326] = (0.98 - 2 * 2.326 * phi(2.326)) / 0.98).
    const double robustSigma = std::sqrt(trimmed / double(kept) / 0.874);
    model.m_robustSigma2 = std::clamp(robustSigma * robustSigma, 0.05 * model.m_sigma2, model.m_sigma2);
    // How heavy the tail is: the 99th percentile of |residual| against a normal's (2.576 sigma).
    // Data driven in bursts (brakes heat in a second at every braking zone) have
    // innovations far beyond a normal's; high-confidence bands scale by this (ArimaStream).
    const size_t at99 = std::min(deviations.size() - 1, size_t(0.99 * double(deviations.size())));
    std::nth_element(deviations.begin() + long(kept), deviations.begin() + long(std::max(kept, at99)), deviations.end());
    const double q99 = std::sqrt(deviations[std::max(kept, at99)]);
    model.m_tailFactor = std::max(1.0, q99 / (2.576 * std::sqrt(model.m_robustSigma2)));
    return model;
}

std::optional<ArimaModel> ArimaModel::fitAuto(std::span<const double> series, std::optional<int> p, std::optional<int> d,
                                              std::optional<int> q, std::vector<ArimaModel> *searched)
{
    std::vector<ArimaModel> fits;
    auto bestFor = [&](int dd) {
        std::optional<ArimaModel> best;
        for (int pp = p.value_or(0); pp <= p.value_or(kMaxP); ++pp) {
            for (int qq = q.value_or(0); qq <= q.value_or(kMaxQ); ++qq) {
                const ArimaOrder order{pp, dd, qq};
                const ArimaModel *start = nullptr;
                if (searched) {
                    const auto previous = std::find_if(searched->begin(), searched->end(),
                                                       [&order](const ArimaModel &model) { return model.order() == order; });
                    start = previous != searched->end() ? &*previous : nullptr;
                }
                auto candidate = fit(series, order, start, kSearchWarmIterations);
                if (candidate && searched)
                    fits.push_back(*candidate);
                if (candidate && (!best || candidate->aic() < best->aic()))
                    best = std::move(candidate);
            }
        }
        return best;
    };
    const auto remember = [&] {
        if (searched)
            *searched = std::move(fits);
    };
    if (d) {
        auto best = bestFor(*d);
        remember();
        return best;
    }
    // AICs of different differencing orders are not comparable. Difference when the
    // level model sits near a unit root, or when differencing clearly explains more.
    auto level = bestFor(0);
    auto differenced = bestFor(1);
    remember();
    if (!level)
        return differenced;
    if (!differenced)
        return level;
    double arSum = 0;
    for (double phi : level->ar())
        arSum += phi;
    const bool nearUnitRoot = arSum > 0.9;
    return nearUnitRoot || differenced->sigma2() < 0.9 * level->sigma2() ? differenced : level;
}

std::vector<double> ArimaModel::residuals(std::span<const double> series) const
{
    const auto w = difference(series, m_order.d);
    std::vector<double> e;
    sumOfSquares(w, m_params, &e);
    std::vector<double> aligned(series.size(), 0.0);
    std::copy(e.begin(), e.end(), aligned.begin() + m_order.d);
    return aligned;
}

ForecastStep ArimaModel::nextStep(std::span<const double> series, std::span<const double> residuals) const
{
    const int p = m_order.p, q = m_order.q, d = m_order.d;
    const size_t n = series.size();
    // The last p values of the d-times differenced series, newest first.
    double w[kMaxP] = {};
    for (int i = 0; i < p; ++i) {
        const size_t at = n - 1 - size_t(i);
        w[i] = d == 0 ? series[at] : d == 1 ? series[at] - series[at - 1] : series[at] - 2 * series[at - 1] + series[at - 2];
    }
    double next = m_mean;
    for (int i = 0; i < p; ++i)
        next += m_ar[size_t(i)] * (w[i] - m_mean);
    for (int j = 1; j <= q && size_t(j) <= residuals.size(); ++j)
        next += m_ma[size_t(j - 1)] * residuals[residuals.size() - size_t(j)];
    // Undo the differencing: y = w + the part of y the lags already determine.
    const double value = d == 0 ? next : d == 1 ? next + series[n - 1] : next + 2 * series[n - 1] - series[n - 2];
    return {value, m_robustSigma2};
}

std::vector<ForecastStep> ArimaModel::forecast(std::span<const double> series, std::span<const double> residuals, int horizon) const
{
    const int p = m_order.p, q = m_order.q, d = m_order.d;
    // The tail of each differencing level: levels[0] is the series, levels[d] the ARMA input.
    std::vector<std::vector<double>> levels(size_t(d + 1));
    const size_t keep = size_t(std::max(p, 1) + d);
    const size_t from = series.size() > keep ? series.size() - keep : 0;
    levels[0].assign(series.begin() + long(from), series.end());
    for (int level = 1; level <= d; ++level)
        levels[level] = difference(levels[level - 1], 1);
    std::vector<double> &w = levels[size_t(d)];
    std::vector<double> e(residuals.size() > size_t(q) ? residuals.end() - q : residuals.begin(), residuals.end());

    // psi weights of the integrated model, for the error variance of each step.
    std::vector<double> phiStar(m_ar.begin(), m_ar.end());
    for (int level = 0; level < d; ++level) { // multiply by (1 - B)
        std::vector<double> next(phiStar.size() + 1, 0.0);
        for (size_t i = 0; i < next.size(); ++i) {
            const double current = i < phiStar.size() ? phiStar[i] : 0.0;
            const double previous = i == 0 ? -1.0 : phiStar[i - 1];
            next[i] = current - previous; // coefficient of B^(i+1) in phi*(B)(1-B), as "phi" terms
        }
        phiStar = std::move(next);
    }
    std::vector<double> psi(size_t(horizon), 0.0);
    psi[0] = 1.0;
    for (int j = 1; j < horizon; ++j) {
        double value = j <= q ? m_ma[j - 1] : 0.0;
        for (int i = 1; i <= int(phiStar.size()) && i <= j; ++i)
            value += phiStar[i - 1] * psi[j - i];
        psi[j] = value;
    }

    std::vector<ForecastStep> steps;
    double cumulative = 0;
    for (int h = 1; h <= horizon; ++h) {
        double next = m_mean;
        for (int i = 1; i <= p; ++i)
            next += m_ar[i - 1] * ((int(w.size()) - i >= 0 ? w[w.size() - i] : m_mean) - m_mean);
        for (int j = h; j <= q; ++j) { // future shocks are zero; known ones still count
            const int index = int(e.size()) - (j - h) - 1;
            if (index >= 0)
                next += m_ma[j - 1] * e[size_t(index)];
        }
        w.push_back(next);
        // Integrate back up through the differencing levels.
        for (int level = d - 1; level >= 0; --level)
            levels[level].push_back(levels[level].back() + levels[level + 1].back());
        cumulative += psi[h - 1] * psi[h - 1];
        steps.push_back({levels[0].back(), m_robustSigma2 * cumulative});
    }
    return steps;
}

} // namespace pitwall::ml
