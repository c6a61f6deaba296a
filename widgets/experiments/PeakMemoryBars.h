// SPDX-License-Identifier: GPL-3.0-or-later
// Peak training memory as stacked bars, one bar per compared run: frozen weights, trainable
// weights, gradients, optimizer state and activations at the step of the run's peak (they add
// up to it), in the colours the live memory plot uses.
#pragma once

#include "experiments/RunComparison.h"

#include <qcustomplot.h>

namespace ladder {

class PeakMemoryBars : public QCustomPlot
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeakMemoryBars)

public:
    explicit PeakMemoryBars(QWidget *parent = nullptr);

    void setComparison(const RunComparison &comparison);

private:
    QCPTextElement *m_subtitle = nullptr;
    QList<QCPBars *> m_bars; // one per memory category, bottom to top
};

} // namespace ladder
