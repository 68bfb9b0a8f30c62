#pragma once
// ARIMA(p, d, q) for streaming use: fitted by conditional sum of squares (Gauss-Newton
// with a Levenberg-Marquardt step), stationarity and invertibility enforced through
// partial-autocorrelation parameters (p, q <= 2), a mean term when d == 0.

#include <optional>
#include <span>
#include <vector>

namespace pitwall::ml {

struct ArimaOrder {
    int p = 1;
    int d = 1;
    int q = 1;
    bool operator==(const ArimaOrder &) const = default;
};

struct ForecastStep {
    double value;
    double variance; // of the forecast error at this step
};

class ArimaModel {
public:
    static constexpr int kMaxP = 2;
    static constexpr int kMaxQ = 2;
    static constexpr int kMaxD = 2;

    // nullopt when the series is too short for the order or carries no information
    // (constant after differencing). `start` seeds the search (a previous fit).
    // A start of the same order is refined by `warmIterations` steps (it sits near the optimum).
    static std::optional<ArimaModel> fit(std::span<const double> series, ArimaOrder order, const ArimaModel *start = nullptr,
                                         int warmIterations = 1);
    // Tries p, q in 0..2 and d in 0..1 (or the fixed ones given) and keeps the lowest AIC.
    // `searched`, if given, holds the previous search's fit of each order: each candidate
    // starts from it (a few steps instead of a cold fit) and it is replaced by this search's.
    static std::optional<ArimaModel> fitAuto(std::span<const double> series, std::optional<int> p, std::optional<int> d,
                                             std::optional<int> q, std::vector<ArimaModel> *searched = nullptr);

    ArimaOrder order() const { return m_order; }
    const std::vector<double> &ar() const { return m_ar; }
    const std::vector<double> &ma() const { return m_ma; }
    double mean() const { return m_mean; }
    double sigma2() const { return m_sigma2; } // residual variance (sum of squares / n), for AIC
    // Residual variance without the largest 2% of squared residuals: what prediction intervals
    // use, so a few anomalies in the window do not blow the band open.
    double robustSigma2() const { return m_robustSigma2; }
    double aic() const { return m_aic; }
    // >= 1: how far the residuals' 99th percentile lies beyond a normal distribution's.
    double tailFactor() const { return m_tailFactor; }

    // One-step-ahead residuals over a series (the first p + d are zero), and the
    // forecasts that go with them; used to set up streaming state after a fit.
    std::vector<double> residuals(std::span<const double> series) const;
    // The one-step forecast past the end of `series`, without allocating: the per-row
    // hot path of streaming detection.
    ForecastStep nextStep(std::span<const double> series, std::span<const double> residuals) const;
    // Forecasts `horizon` steps past the end of `series`, given its residuals.
    std::vector<ForecastStep> forecast(std::span<const double> series, std::span<const double> residuals, int horizon) const;

private:
    // Unconstrained parameters -> raw.size() coefficients written to `coefficients`.
    static void fromPartial(std::span<const double> raw, double *coefficients);
    double sumOfSquares(std::span<const double> w, std::span<const double> params, std::vector<double> *e) const;
    void setParams(std::span<const double> params);

    ArimaOrder m_order;
    std::vector<double> m_params; // unconstrained: ar..., ma..., [mean]
    std::vector<double> m_ar, m_ma;
    double m_mean = 0;
    double m_sigma2 = 0;
    double m_robustSigma2 = 0;
    double m_aic = 0;
    double m_tailFactor = 1;
};

// Differences a series d times.
std::vector<double> difference(std::span<const double> series, int d);

} // namespace pitwall::ml
