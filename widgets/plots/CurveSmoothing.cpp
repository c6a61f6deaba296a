// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/CurveSmoothing.h"

#include <algorithm>
#include <cmath>

namespace ladder {

EmaSmoother::EmaSmoother(double weight)
    : m_weight(std::clamp(weight, 0.0, 0.999))
{
}

double EmaSmoother::add(double value)
{
    if (!std::isfinite(value))
        return value;
    m_accumulated = m_weight * m_accumulated + (1.0 - m_weight) * value;
    m_debias *= m_weight;
    return m_accumulated / (1.0 - m_debias);
}

QVector<double> emaSmoothed(const QVector<double> &values, double weight)
{
    EmaSmoother smoother(weight);
    QVector<double> smoothed;
    smoothed.reserve(values.size());
    for (double value : values)
        smoothed.append(smoother.add(value));
    return smoothed;
}

} // namespace ladder
