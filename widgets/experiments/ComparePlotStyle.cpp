// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/ComparePlotStyle.h"

#include "plots/LegendFit.h"
#include "plots/PlotExport.h"
#include "plots/PlotTheme.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QFontMetrics>

#include <algorithm>

namespace ladder {

namespace {

const char *const kFullTextProperty = "ladderFullText";

/// `text` with line breaks at spaces so that no line is wider than `width` pixels in `font`
/// (a single word wider than that keeps its own line); its own line breaks are kept.
QString wrapped(const QString &text, const QFont &font, int width)
{
    const QFontMetrics metrics(font);
    QStringList lines;
    for (const QString &paragraph : text.split(QLatin1Char('\n'))) {
        QString line;
        for (const QString &word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && metrics.horizontalAdvance(candidate) > width) {
                lines << line;
                line = word;
            } else {
                line = candidate;
            }
        }
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

void wrapSubtitle(QCPTextElement *subtitle, int width)
{
    const QVariant full = subtitle->property(kFullTextProperty);
    if (full.isValid())
        subtitle->setText(wrapped(full.toString(), subtitle->font(), width));
}

/// Re-wraps the subtitle and the legend whenever the plot's width changes.
class FitToWidth : public QObject
{
public:
    FitToWidth(QCustomPlot *plot, QCPTextElement *subtitle)
        : QObject(plot)
        , m_plot(plot)
        , m_subtitle(subtitle)
    {
        plot->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_plot && event->type() == QEvent::Resize) {
            wrapSubtitle(m_subtitle, m_plot->width() - 16);
            fitLegendColumns(m_plot);
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return false;
    }

private:
    QCustomPlot *m_plot;
    QCPTextElement *m_subtitle;
};

} // namespace

void setSubtitleText(QCPTextElement *subtitle, const QString &text)
{
    subtitle->setProperty(kFullTextProperty, text);
    QCustomPlot *plot = subtitle->parentPlot();
    wrapSubtitle(subtitle, plot->width() - 16);
    fitLegendColumns(plot); // the entries may have changed with the text
}

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
    new FitToWidth(plot, subtitle);
    return subtitle;
}

} // namespace ladder
