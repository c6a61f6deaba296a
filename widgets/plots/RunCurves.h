// SPDX-License-Identifier: GPL-3.0-or-later
// The curves of any number of runs on shared axes: training loss, evaluation score, peak tensor
// memory and throughput. Stored runs come from the store (loadStoredCurves); one live run is fed
// by TrainingSession's signals and keeps growing beside them.
#pragma once

#include "plots/RunCurveData.h"
#include "train/Trainer.h"

#include <QElapsedTimer>
#include <QList>
#include <QTimer>
#include <QWidget>

#include <array>
#include <memory>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QSlider;

namespace ladder {

class CurvePlot;

/// Graphs are named after the run's legend label; each also carries the object name
/// "<runId>/<series>" (series: "loss", "loss_raw", "validation", "test", "samples_per_second",
/// "peak", or a memory category for the stacked area), so tests and tools can find them with
/// plot->findChild<QCPGraph *>(…).
class RunCurves : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunCurves)

public:
    enum class XAxis { Steps, Seconds, Examples };
    Q_ENUM(XAxis)

    explicit RunCurves(QWidget *parent = nullptr);
    ~RunCurves() override;

    /// Shows these stored runs (replacing the ones shown before) beside the live run, if any.
    /// A stored run with the live run's id is left out: the live one is its newer copy.
    void setStoredRuns(const QList<ladder::RunCurveData> &runs);
    QList<qint64> storedRunIds() const;

    /// Starts a live run of `totalSteps` steps (replacing the previous live run); the stored runs
    /// stay. Its points come through addStep(), addMemory() and addEvaluation(). `runId` names
    /// and colours it: the store's id, or any other id unique among the shown runs for a run no
    /// store keeps.
    void beginLiveRun(qint64 runId, const QString &label, qint64 totalSteps);
    /// Removes the live run's curves.
    void clearLiveRun();
    /// Keeps the live run's curves, ended, among the stored runs: for a run no store keeps (the
    /// workbench without a database), which could not be read back once it ends.
    void keepLiveRun();
    bool hasLiveRun() const;

    /// Points the live run holds in one series (curveSeriesName(): "loss",
    /// "samples_per_second", "validation", "test", a memory category or "peak"); 0 without a
    /// live run, -1 for an unknown name.
    int pointCount(const QString &series) const;

    void setXAxis(XAxis axis);
    XAxis xAxis() const { return m_xAxis; }
    /// The loss curves' EMA weight, 0 … 0.99 (0: no smoothing).
    void setSmoothing(double weight);
    double smoothing() const { return m_smoothing; }

    /// The label a run's curves carry in legends: its label, with " #<id>" when another shown
    /// run has the same label. Empty for a run not shown.
    QString legendLabel(qint64 runId) const;

    QCustomPlot *lossPlot() const;
    QCustomPlot *scorePlot() const;
    QCustomPlot *memoryPlot() const;
    QCustomPlot *throughputPlot() const;
    QList<QCustomPlot *> plots() const;
    /// The cursor readout box above each plot (0 loss, 1 score, 2 memory, 3 throughput).
    CurvePlot *curvePlot(int index) const;

    /// Draws what the live run received since the last replot and replots at once. The replot
    /// timer does this by itself; benchmarks and tests call it to measure or to not wait.
    void replotNow();
    /// Redraws all four plots whole (every layer), at once or on the next event loop turn.
    void replotAll(bool immediately = true);

public Q_SLOTS:
    // Points accumulate at once; plots redraw on a ~40 ms single-shot timer, so a fast run
    // costs one replot per tick rather than one per step.
    void addStep(const ladder::StepMetrics &metrics);
    void addMemory(qint64 step, const ladder::MemoryBreakdown &memory);
    void addEvaluation(const ladder::EvaluationResult &result);

private:
    struct Run;

    void rebuild();
    void updateMemoryDeviceLabel();
    void buildRunGraphs(Run &run, bool stackedMemory);
    /// Hands every point the graphs do not hold yet (all of them after a rebuild, the live
    /// run's latest otherwise) to the graphs, then fits the ranges and replots.
    void drawNewPoints(bool replotImmediately);
    static constexpr std::size_t kPlotCount = 4;
    /// Fits every plot's axes to the shown curves; says which plots' axes moved.
    std::array<bool, kPlotCount> updateRanges();
    void updateReadouts();
    void scheduleReplot();
    double xOf(const CurvePoint &point) const;
    QString xLabel() const;
    CurvePoint livePoint(qint64 step, double value) const;
    std::vector<Run *> shownRuns() const;

    CurvePlot *m_loss = nullptr;
    CurvePlot *m_score = nullptr;
    CurvePlot *m_memory = nullptr;
    CurvePlot *m_throughput = nullptr;
    QComboBox *m_xAxisChoice = nullptr;
    QSlider *m_smoothingSlider = nullptr;
    QLabel *m_smoothingValue = nullptr;

    std::vector<std::unique_ptr<Run>> m_stored;
    std::unique_ptr<Run> m_live;
    qint64 m_liveTotalSteps = 0;
    // The live run's clock: seconds of its last step (from the trainer) and when it arrived.
    double m_liveFirstStepElapsed = 0;
    double m_liveLastStepSeconds = 0;
    QElapsedTimer m_liveSinceLastStep;
    double m_liveExamples = 0;

    XAxis m_xAxis = XAxis::Steps;
    double m_smoothing = 0.6;
    bool m_stackedMemory = false;
    bool m_fullReplotPending = true;
    QTimer m_replotTimer;
};

} // namespace ladder
