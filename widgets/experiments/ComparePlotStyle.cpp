// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/ComparePlotStyle.h"

#include "plots/PlotExport.h"
#include "plots/PlotTheme.h"

#include <qcustomplot.h>

namespace ladder {

QCPTextElement *setUpComparePlot(QCustomPlot *plot, const QString &title)
{
    QFont titleFont = plot->font();
    titleFont.setBold(true);
    QFont smallFont = plot->font();
    smallFont.setPointSizeF(smallFont.pointSizeF() * 0.9);

    plot->setObjectName(title);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, titleFont));
    plot->plotLayout()->insertRow(1);
    auto *subtitle = new QCPTextElement(plot, QString(), smallFont);
    setMutedText(subtitle);
    plot->plotLayout()->addElement(1, 0, subtitle);

    // The legend in its own row under the axis rect: it can never cover a bar or a bubble.
    plot->legend->setVisible(true);
    plot->legend->setFont(smallFont);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setBrush(Qt::NoBrush);
    plot->axisRect()->insetLayout()->take(plot->legend);
    const int legendRow = plot->plotLayout()->rowCount();
    plot->plotLayout()->addElement(legendRow, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(legendRow, 0.001);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setMargins(QMargins(6, 0, 6, 4));

    plot->setMinimumSize(320, 260);
    installPlotExportMenu(plot);
    followPalette(plot);
    return subtitle;
}

} // namespace ladder
