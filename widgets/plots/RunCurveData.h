// SPDX-License-Identifier: GPL-3.0-or-later
// One run's curves as the plots draw them, whether read from the store or received live.
#pragma once

#include "store/RunRecords.h"

#include <QColor>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <array>
#include <cstddef>
#include <optional>

namespace ladder {

class RunStore;

/// One point of a curve with every x a plot can use.
struct CurvePoint
{
    qint64 step = 0; ///< optimizer step
    double seconds = 0; ///< wall-clock seconds since the run's first point
    double examples = 0; ///< training examples seen up to and including this step
    double value = 0;
};

using CurvePoints = QVector<CurvePoint>;

/// The curves a run shows. Memory categories are in bytes, scores as the store keeps them.
enum class CurveSeries {
    Loss,
    Throughput, ///< samples per second
    Validation, ///< the validation "score"
    Test, ///< the test "score"
    FrozenWeights,
    TrainableWeights,
    Gradients,
    OptimizerState,
    Activations,
    Peak, ///< highest live tensor bytes during the step (the store's "tensor_peak")
};
inline constexpr std::size_t kCurveSeriesCount = 10;

/// The name a series goes by in pointCount() and exports: "loss", "samples_per_second",
/// "validation", "test", "frozen_weights", "trainable_weights", "gradients", "optimizer_state",
/// "activations", "peak".
QString curveSeriesName(CurveSeries series);
std::optional<CurveSeries> curveSeriesFromName(const QString &name);
/// The five memory categories, bottom to top of a stacked area (RunPalette's order).
const std::array<CurveSeries, 5> &memoryCategorySeries();

/// One run's curves: its id, how legends call it, its colour, and every series by step.
struct RunCurveData
{
    qint64 runId = 0;
    QString label; ///< methodLabel(), e.g. "lst r=8"
    QColor colour; ///< runColour(runId)
    /// Where its tensor memory was measured, "cpu" or "cuda:N" (HostFacts::device).
    QString device = QStringLiteral("cpu");
    std::array<CurvePoints, kCurveSeriesCount> series;

    CurvePoints &points(CurveSeries s) { return series[static_cast<std::size_t>(s)]; }
    const CurvePoints &points(CurveSeries s) const { return series[static_cast<std::size_t>(s)]; }
};

/// Points per curve to read stored runs with: two per pixel column of a plot up to 1000 pixels
/// wide, so min/max downsampling loses no visible spike, and a replot stays cheap however long
/// the runs are (bench_plots measures both).
inline constexpr std::size_t kPlotPointsPerCurve = 2000;

/// Reads a stored run's curves. Series longer than maxPoints come through the store's
/// downsampledSeries (each bucket's minimum and maximum, first and last point kept); memory is
/// reduced the same way on tensor_peak, keeping every category of the chosen steps so a stacked
/// area stays consistent. Seconds count from the run's earliest stored point. Examples seen is
/// the running sum of the "examples" series; runs stored before that series existed get
/// step × train.batch_size × train.grad_accumulation from their configuration instead.
/// Throws ladder::Error (from the store) for an unknown run.
RunCurveData loadStoredCurves(const RunStore &store, RunId run, std::size_t maxPoints);

} // namespace ladder

Q_DECLARE_METATYPE(ladder::RunCurveData)
