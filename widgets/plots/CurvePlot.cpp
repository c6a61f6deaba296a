// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/CurvePlot.h"

#include "plots/LegendFit.h"
#include "plots/PlotExport.h"
#include "plots/PlotTheme.h"

#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ladder {

namespace {

// Fixed margins (pixels) around the axis rect, so tick labels of changing width never make
// the plot jump while a run grows (PlotJuggler does the same).
const QMargins kAxisMargins(68, 6, 18, 38);

/// The value of the last point at or before x, if there is one.
std::optional<double> valueAtOrBefore(const QCPGraph *graph, double x)
{
    if (graph == nullptr || graph->data()->isEmpty())
        return std::nullopt;
    auto after = graph->data()->findEnd(x, false); // the first point past x
    if (after == graph->data()->constBegin())
        return std::nullopt;
    --after;
    return after->value;
}

/// Four significant digits, without an exponent for the magnitudes plots show.
QString number(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    const double magnitude = std::abs(value);
    if (magnitude >= 1e7 || (magnitude > 0 && magnitude < 1e-3))
        return QString::number(value, 'g', 4);
    const int integerDigits = magnitude < 1 ? 1 : static_cast<int>(std::floor(std::log10(magnitude))) + 1;
    return QString::number(value, 'f', std::clamp(4 - integerDigits, 0, 4));
}

// With more curves than this the readout leaves out raw values, so it keeps to its two lines.
constexpr int kCurvesShownWithRaw = 3;

} // namespace

CurvePlot::CurvePlot(const QString &title, const QString &yLabel, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(title);
    m_plot->setMinimumSize(300, 200);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);

    auto *titleElement = new QCPTextElement(m_plot, title, QFont(font().family(), -1, QFont::Bold));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, titleElement);
    m_plot->yAxis->setLabel(yLabel);
    m_plot->axisRect()->setAutoMargins(QCP::msNone);
    m_plot->axisRect()->setMargins(kAxisMargins);

    // The legend gets its own row under the axis rect: it never covers a curve.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(2, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
    m_plot->plotLayout()->setRowSpacing(0);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setMargins(QMargins(kAxisMargins.left(), 0, 4, 4));
    m_plot->legend->setRowSpacing(0);
    m_plot->legend->setColumnSpacing(12);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_plot->legend->setFont(small);
    m_plot->legend->setIconSize(22, 10);
    setLegendColumns(4);

    m_plot->addLayer(QStringLiteral("live"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_liveLayer = m_plot->layer(QStringLiteral("live"));
    m_liveLayer->setMode(QCPLayer::lmBuffered);

    // The cursor line lives on its own buffered layer, so hovering redraws that layer alone,
    // never the (possibly hundreds of thousands of) points below it.
    m_plot->addLayer(QStringLiteral("cursor"), m_plot->layer(QStringLiteral("overlay")), QCustomPlot::limBelow);
    m_cursorLayer = m_plot->layer(QStringLiteral("cursor"));
    m_cursorLayer->setMode(QCPLayer::lmBuffered);
    m_cursor = new QCPItemStraightLine(m_plot);
    m_cursor->setLayer(m_cursorLayer);
    m_cursor->setPen(QPen(Qt::gray, 1, Qt::DashLine));
    setAnnotation(m_cursor);
    m_cursor->setSelectable(false);
    m_cursor->setVisible(false);

    // The readout sits above the plot, one fixed-height box, so it hides no data and its text
    // changing never resizes the plot.
    m_readout = new QLabel(this);
    m_readout->setTextFormat(Qt::RichText);
    m_readout->setWordWrap(true);
    m_readout->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_readout->setContentsMargins(kAxisMargins.left(), 2, 4, 0);
    m_readout->setFont(small);
    m_readout->setFixedHeight(2 * QFontMetrics(small).lineSpacing() + 4);
    m_readout->setTextInteractionFlags(Qt::NoTextInteraction);
    layout->addWidget(m_readout);
    layout->addWidget(m_plot, 1);

    followPalette(m_plot);
    hideCursor();
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        if (m_plot->axisRect()->rect().contains(event->position().toPoint()))
            showCursor(m_plot->xAxis->pixelToCoord(event->position().x()));
        else
            hideCursor();
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_userRange = false;
        applyDataRanges();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    const auto userMoved = [this] {
        if (!m_applyingRange)
            m_userRange = true;
    };
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, userMoved);
    connect(m_plot->yAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, userMoved);

    installPlotExportMenu(m_plot);
}

void CurvePlot::setXLabel(const QString &label)
{
    m_xLabel = label;
    m_plot->xAxis->setLabel(label);
}

void CurvePlot::setYLabel(const QString &label)
{
    m_plot->yAxis->setLabel(label);
}

void CurvePlot::setLegendColumns(int columns)
{
    m_legendColumns = columns;
    fitLegendColumns(m_plot, columns);
}

void CurvePlot::setReadoutCurves(const QList<ReadoutCurve> &curves)
{
    m_curves = curves;
    hideCursor();
}

QString CurvePlot::readoutAt(double x) const
{
    QStringList parts;
    parts.append(QStringLiteral("<b>%1 %2</b>").arg(m_xLabel.toHtmlEscaped(), QString::number(x, 'f', m_xDecimals)));
    const bool withRaw = m_curves.size() <= kCurvesShownWithRaw;
    for (const ReadoutCurve &curve : m_curves) {
        const std::optional<double> value = valueAtOrBefore(curve.graph, x);
        if (!value)
            continue;
        double shown = *value;
        if (curve.below != nullptr)
            shown -= valueAtOrBefore(curve.below, x).value_or(0.0);
        QString text = QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2&nbsp;%3%4")
                           .arg(curve.colour.name(), curve.name.toHtmlEscaped(), number(shown), m_valueSuffix);
        if (curve.raw != nullptr && withRaw) {
            if (const std::optional<double> raw = valueAtOrBefore(curve.raw, x))
                text += QStringLiteral("&nbsp;(%1&nbsp;%2)").arg(tr("raw"), number(*raw));
        }
        parts.append(text);
    }
    return parts.join(QStringLiteral(" &nbsp; "));
}

QString CurvePlot::readoutText() const
{
    QTextDocument document;
    document.setHtml(m_readout->text());
    return m_cursor->visible() ? document.toPlainText().replace(QChar::Nbsp, QLatin1Char(' ')) : QString();
}

bool CurvePlot::setDataRanges(const QCPRange &x, const QCPRange &y)
{
    m_dataX = x;
    m_dataY = y;
    if (m_userRange || (m_plot->xAxis->range() == x && m_plot->yAxis->range() == y))
        return false;
    applyDataRanges();
    return true;
}

void CurvePlot::redrawLiveLayer(bool immediately)
{
    m_liveLayer->replot(); // a full replot by itself when the buffers are stale (e.g. resized)
    if (immediately)
        m_plot->repaint();
}

void CurvePlot::applyDataRanges()
{
    m_applyingRange = true;
    m_plot->xAxis->setRange(m_dataX);
    m_plot->yAxis->setRange(m_dataY);
    m_applyingRange = false;
}

bool CurvePlot::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::Leave)
        hideCursor();
    if (watched == m_plot && event->type() == QEvent::Resize) {
        fitLegendColumns(m_plot, m_legendColumns);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    return QWidget::eventFilter(watched, event);
}

void CurvePlot::showCursor(double x)
{
    m_cursor->point1->setCoords(x, 0);
    m_cursor->point2->setCoords(x, 1);
    m_cursor->setVisible(true);
    m_readout->setText(readoutAt(x));
    m_cursorLayer->replot();
}

void CurvePlot::hideCursor()
{
    m_readout->setText(QStringLiteral("<span style=\"color:gray\">%1</span>")
                           .arg(tr("Hover over the plot to read every curve's value; drag or wheel to zoom, double-click to fit.")));
    if (m_cursor->visible()) {
        m_cursor->setVisible(false);
        m_cursorLayer->replot();
    }
}

} // namespace ladder
