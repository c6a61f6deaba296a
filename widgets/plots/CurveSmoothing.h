// SPDX-License-Identifier: GPL-3.0-or-later
// Exponential moving average of a loss curve, as TensorBoard's smoothing slider computes it.
#pragma once

#include <QVector>

namespace ladder {

/// The running state of a debiased EMA, so a live curve is smoothed one point at a time.
///
/// s_n = w·s_{n-1} + (1−w)·x_n with s_0 = 0, reported as s_n / (1 − w^n): without the division
/// the first points would be pulled towards 0 (the bias of starting at 0). Non-finite inputs
/// (a diverged loss) are passed through and do not enter the average. w = 0 leaves values as
/// they are.
class EmaSmoother
{
public:
    /// `weight` is clamped to [0, 0.999].
    explicit EmaSmoother(double weight);

    double add(double value);

private:
    double m_weight;
    double m_accumulated = 0;
    double m_debias = 1; ///< w^n
};

/// The debiased EMA of every value (EmaSmoother over the sequence).
QVector<double> emaSmoothed(const QVector<double> &values, double weight);

} // namespace ladder
