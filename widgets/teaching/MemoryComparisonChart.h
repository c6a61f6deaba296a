// SPDX-License-Identifier: GPL-3.0-or-later
// "Where the memory goes": the predicted peak of one training step by category for full
// fine-tuning, Adapters, LoRA, BitFit and LST on one backbone and batch, as stacked bars.
#pragma once

#include "peft/MethodConfig.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPBars;
class QLabel;

namespace ladder {

struct RunConfig;

class MemoryComparisonChart : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryComparisonChart)

public:
    explicit MemoryComparisonChart(QWidget *parent = nullptr);

    /// The methods compared, left to right.
    static std::vector<MethodKind> comparedMethods();

    /// Predicts every compared method with `config`'s backbone, batch size, source length and
    /// each method's options from `config.method` (predictTrainingMemory). A method whose options
    /// do not fit the backbone is left out and named under the chart.
    void setConfig(const RunConfig &config);

    /// Bytes drawn for `method`'s category `categoryKey` (memoryCategoryStyles() keys), read back
    /// from the bars; -1 when the method has no bar.
    double barBytes(MethodKind method, const QString &categoryKey) const;
    /// The method names under the bars, left to right.
    QStringList barLabels() const;
    /// "MiB" or "GiB": the axis unit.
    QString unit() const { return m_unitName; }
    QCustomPlot *plot() const { return m_plot; }

private:
    QCustomPlot *m_plot = nullptr;
    QLabel *m_note = nullptr;
    QList<QCPBars *> m_bars; // one per category, stacked bottom to top
    std::vector<MethodKind> m_shown; // bar i (key i + 1) is m_shown[i]
    double m_unitBytes = 1.0;
    QString m_unitName;
};

} // namespace ladder
