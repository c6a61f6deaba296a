// SPDX-License-Identifier: GPL-3.0-or-later
// Score against peak training memory, one bubble per compared run (area proportional to its
// trainable parameters), with the Pareto frontier as a step line: the paper's trade-off at a
// glance (up and to the left is better).
#pragma once

#include "experiments/RunComparison.h"

#include <qcustomplot.h>

namespace ladder {

class ScoreMemoryBubbles : public QCustomPlot
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScoreMemoryBubbles)

public:
    explicit ScoreMemoryBubbles(QWidget *parent = nullptr);

    void setComparison(const RunComparison &comparison);

    /// The ids of the runs on the frontier, by memory ascending (for tests and tooltips).
    QList<qint64> frontierRunIds() const { return m_frontierRunIds; }

private:
    QCPTextElement *m_subtitle = nullptr;
    QCPGraph *m_frontier = nullptr;
    QList<qint64> m_frontierRunIds;
};

} // namespace ladder
