// SPDX-License-Identifier: GPL-3.0-or-later
// The live view of one run: training loss, validation score, peak tensor memory by category
// and throughput, each against the optimizer step.
#pragma once

#include "train/Trainer.h"

#include <QTimer>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace ladder {

class LiveCurves : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveCurves)

public:
    explicit LiveCurves(QWidget *parent = nullptr);

    /// Empties every plot for a new run of `totalSteps` steps.
    void reset(qint64 totalSteps);

    // Points accumulate at once; plots redraw on a ~40 ms timer, so a fast run costs one replot
    // per tick rather than one per step.
    void addStep(const ladder::StepMetrics &metrics);
    void addMemory(qint64 step, const ladder::MemoryBreakdown &memory);
    void addEvaluation(const ladder::EvaluationResult &result);

    /// Points held, for tests and exports: "loss", "samples_per_second", "validation", "test",
    /// or a memory category ("frozen_weights", "trainable_weights", "gradients",
    /// "optimizer_state", "activations", "peak").
    int pointCount(const QString &series) const;

private:
    QCustomPlot *addPlot(const QString &title, const QString &yLabel);
    QCPGraph *addGraph(QCustomPlot *plot, const QString &name, const QColor &color);
    QCPGraph *series(const QString &name) const;
    void replotIfDirty();

    QCustomPlot *m_lossPlot = nullptr;
    QCustomPlot *m_scorePlot = nullptr;
    QCustomPlot *m_memoryPlot = nullptr;
    QCustomPlot *m_speedPlot = nullptr;
    QList<QPair<QString, QCPGraph *>> m_series;
    QTimer m_replotTimer;
    bool m_dirty = false;
};

} // namespace ladder
