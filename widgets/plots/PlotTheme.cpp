// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/PlotTheme.h"

#include "settings/Theme.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QObject>

namespace ladder {

namespace {

const char *const kMutedProperty = "ladderMutedText";
const char *const kFollowsPaletteProperty = "ladderFollowsPalette";
const char *const kAnnotationProperty = "ladderAnnotation";
const char *const kDataColourProperty = "ladderDataColour";

QPen recoloured(QPen pen, const QColor &colour)
{
    pen.setColor(colour);
    return pen;
}

void colourTextElements(QCPLayoutElement *element, const QPalette &palette)
{
    if (element == nullptr)
        return;
    if (auto *text = qobject_cast<QCPTextElement *>(element))
        text->setTextColor(palette.color(
            text->property(kMutedProperty).toBool() ? QPalette::PlaceholderText : QPalette::WindowText));
    for (QCPLayoutElement *child : element->elements(false))
        colourTextElements(child, palette);
}

void applyPalette(QCustomPlot *plot)
{
    const QPalette palette = plot->palette();
    const QColor text = palette.color(QPalette::WindowText);
    QColor axisLine = text;
    axisLine.setAlpha(170);
    QColor grid = text;
    grid.setAlpha(isDarkPalette(palette) ? 60 : 45);
    plot->setBackground(palette.brush(QPalette::Base));
    for (QCPAxisRect *rect : plot->axisRects()) {
        for (QCPAxis *axis : rect->axes()) {
            axis->setBasePen(QPen(axisLine, 0));
            axis->setTickPen(QPen(axisLine, 0));
            axis->setSubTickPen(QPen(axisLine, 0));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            QPen gridPen = axis->grid()->pen();
            gridPen.setColor(grid);
            axis->grid()->setPen(gridPen);
            QPen subGridPen = axis->grid()->subGridPen();
            QColor subGrid = grid;
            subGrid.setAlpha(grid.alpha() / 2);
            subGridPen.setColor(subGrid);
            axis->grid()->setSubGridPen(subGridPen);
            QPen zeroPen = axis->grid()->zeroLinePen();
            if (zeroPen.style() != Qt::NoPen) {
                zeroPen.setColor(axisLine);
                axis->grid()->setZeroLinePen(zeroPen);
            }
        }
    }
    plot->legend->setTextColor(text);
    colourTextElements(plot->plotLayout(), palette);
    const QColor annotation = annotationColour(palette);
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *graph = plot->graph(i);
        if (graph->property(kAnnotationProperty).toBool())
            graph->setPen(recoloured(graph->pen(), annotation));
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        QCPAbstractItem *item = plot->item(i);
        if (auto *label = qobject_cast<QCPItemText *>(item)) {
            const QVariant dataColour = label->property(kDataColourProperty);
            label->setColor(dataColour.isValid() ? readableOn(dataColour.value<QColor>(), palette) : text);
        } else if (auto *line = qobject_cast<QCPItemStraightLine *>(item);
                   line != nullptr && line->property(kAnnotationProperty).toBool()) {
            line->setPen(recoloured(line->pen(), annotation));
        }
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

/// Re-applies the palette to its plot (its parent) whenever the palette changes.
class PaletteFollower : public QObject
{
public:
    explicit PaletteFollower(QCustomPlot *plot)
        : QObject(plot)
        , m_plot(plot)
    {
        plot->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_plot && event->type() == QEvent::PaletteChange)
            applyPalette(m_plot);
        return false;
    }

private:
    QCustomPlot *m_plot;
};

} // namespace

void followPalette(QCustomPlot *plot)
{
    applyPalette(plot);
    // Once per plot (PaletteFollower has no meta-object of its own for findChild to tell apart).
    if (!plot->property(kFollowsPaletteProperty).toBool()) {
        plot->setProperty(kFollowsPaletteProperty, true);
        new PaletteFollower(plot);
    }
}

void setMutedText(QCPTextElement *element)
{
    element->setProperty(kMutedProperty, true);
    if (element->parentPlot() != nullptr)
        element->setTextColor(element->parentPlot()->palette().color(QPalette::PlaceholderText));
}

void setAnnotation(QCPGraph *graph)
{
    graph->setProperty(kAnnotationProperty, true);
    graph->setPen(recoloured(graph->pen(), annotationColour(graph->parentPlot()->palette())));
}

void setAnnotation(QCPItemStraightLine *line)
{
    line->setProperty(kAnnotationProperty, true);
    line->setPen(recoloured(line->pen(), annotationColour(line->parentPlot()->palette())));
}

void setDataColouredText(QCPItemText *text, const QColor &dataColour)
{
    text->setProperty(kDataColourProperty, dataColour);
    text->setColor(readableOn(dataColour, text->parentPlot()->palette()));
}

QColor readableOn(const QColor &colour, const QPalette &palette)
{
    return isDarkPalette(palette) ? colour.lighter(140) : colour.darker(160);
}

QColor annotationColour(const QPalette &palette)
{
    QColor colour = palette.color(QPalette::WindowText);
    colour.setAlpha(200);
    return colour;
}

} // namespace ladder
