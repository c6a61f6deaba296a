// SPDX-License-Identifier: GPL-3.0-or-later
// The teaching view: the LST architecture of a run design (LadderDiagram) with its live gate
// values, and under it where a training step's memory goes for each method
// (MemoryComparisonChart) with the sentence that explains LST's small activations.
#pragma once

#include "teaching/LadderDesign.h"

#include <QString>
#include <QWidget>

#include <vector>

class QLabel;

namespace ladder {

class LadderDiagram;
class MemoryComparisonChart;
struct RunConfig;

class LadderView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LadderView)

public:
    explicit LadderView(QWidget *parent = nullptr);

    /// Draws `config`'s design and predicts the memory of every compared method on its backbone
    /// and batch. A configuration the engine rejects shows the engine's message instead.
    void setDesign(const RunConfig &config);
    /// μ per ladder, in TrainerObserver::gatesMeasured's order (encoder kept layers, then
    /// decoder). False (nothing changes) when the count is not the design's ladder count.
    bool setGateValues(const std::vector<double> &gates);
    void clearGateValues();

    bool hasDesign() const { return m_hasDesign; }
    /// The engine's message when the last design could not be drawn; empty otherwise.
    QString errorText() const { return m_error; }
    const LadderDesign &design() const { return m_design; }
    int ladderCount() const { return m_hasDesign ? m_design.ladderCount() : 0; }
    double gateValue(int ladder) const;
    LadderDiagram *diagram() const { return m_diagram; }
    MemoryComparisonChart *memoryChart() const { return m_memory; }

public Q_SLOTS:
    /// Connect to TrainingSession::gatesMeasured.
    void showGates(qint64 step, const std::vector<double> &gates);

private:
    LadderDiagram *m_diagram = nullptr;
    MemoryComparisonChart *m_memory = nullptr;
    QLabel *m_memoryTitle = nullptr;
    QLabel *m_gateStep = nullptr;
    LadderDesign m_design;
    bool m_hasDesign = false;
    QString m_error;
};

} // namespace ladder
