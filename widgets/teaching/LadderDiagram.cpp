// SPDX-License-Identifier: GPL-3.0-or-later
#include "teaching/LadderDiagram.h"

#include "plots/PlotTheme.h"
#include "teaching/DiagramPainting.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ladder {

using namespace diagram;


LadderDiagram::LadderDiagram(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void LadderDiagram::setDesign(const LadderDesign &design)
{
    const bool sameLadders = m_hasDesign && design.ladderCount() == m_design.ladderCount();
    m_design = design;
    m_hasDesign = true;
    m_error.clear();
    if (!sameLadders)
        m_gates.clear(); // values of other ladders would be misleading
    update();
}

void LadderDiagram::setError(const QString &message)
{
    m_hasDesign = false;
    m_error = message;
    m_gates.clear();
    update();
}

bool LadderDiagram::setGateValues(const std::vector<double> &gates)
{
    if (!m_hasDesign || static_cast<int>(gates.size()) != m_design.ladderCount())
        return false;
    m_gates = gates;
    update();
    return true;
}

void LadderDiagram::clearGateValues()
{
    m_gates.clear();
    update();
}

double LadderDiagram::gateValue(int ladder) const
{
    if (ladder < 0 || ladder >= static_cast<int>(m_gates.size()))
        return std::numeric_limits<double>::quiet_NaN();
    return m_gates[static_cast<size_t>(ladder)];
}

QString LadderDiagram::gateLabel(int ladder) const
{
    const double value = gateValue(ladder);
    return std::isnan(value) ? tr("μ –") : tr("μ %1").arg(value, 0, 'f', 2);
}

QString LadderDiagram::toolTipAt(const QPointF &position) const
{
    // Later regions are drawn on top (labels over columns): search from the end.
    for (auto it = m_regions.crbegin(); it != m_regions.crend(); ++it)
        if (it->rect.contains(position))
            return it->text;
    return {};
}

QSize LadderDiagram::sizeHint() const
{
    return {1200, 560};
}

QSize LadderDiagram::minimumSizeHint() const
{
    return {600, 300};
}

bool LadderDiagram::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

QColor LadderDiagram::textColour() const
{
    return palette().color(QPalette::Text);
}

QColor LadderDiagram::mutedColour() const
{
    return palette().color(QPalette::PlaceholderText);
}

void LadderDiagram::paintMessage(QPainter &painter, const QString &message)
{
    painter.setPen(textColour());
    painter.drawText(rect().adjusted(40, 20, -40, -20), Qt::AlignCenter | Qt::TextWordWrap, message);
}

void LadderDiagram::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    m_regions.clear();
    if (!m_hasDesign) {
        paintMessage(painter, m_error.isEmpty() ? tr("No run design to draw yet.") : m_error);
        return;
    }
    if (m_design.method != MethodKind::Lst) {
        paintInsideBackbone(painter);
        return;
    }

    // Header: what is drawn and its widths in numbers, then a legend that sits above the data.
    DiagramHeader header(painter, width(), height(), textColour());
    header.title({tr("Ladder Side-Tuning: frozen backbone d_model %1 → side network %2 (r = %3);")
                      .arg(m_design.backbone.dModel)
                      .arg(m_design.side.dModel)
                      .arg(m_design.reduction),
        tr("%1 trainable parameters").arg(count(m_design.lstTrainableParameters))});
    header.legendItem(tr("frozen backbone (no gradient)"), [&](const QRectF &box) { drawFrozenSwatch(painter, box); });
    header.legendItem(tr("side block (trained)"), [&](const QRectF &box) { drawTrainedSwatch(painter, box); });
    header.legendItem(tr("ladder: downsampler d → d/r; the side state keeps μ, the ladder adds 1 − μ (thicker: more)"),
        [&](const QRectF &box) {
            drawArrow(painter, {box.left(), box.center().y()}, {box.right(), box.center().y()}, kLadder, 2.5);
        });
    header.legendItem(tr("dropped layer (no ladder)"), [&](const QRectF &box) {
        painter.setPen(QPen(mutedColour(), 1, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(box);
    });
    const double y = header.bottom() + 4;

    const double half = (width() - 24) / 2.0;
    const QRectF stacks(12, y, width() - 24, height() - y - 6);
    paintStack(painter, QRectF(stacks.left(), stacks.top(), half - 8, stacks.height()), false, 0);
    paintStack(painter, QRectF(stacks.left() + half + 8, stacks.top(), half - 8, stacks.height()), true,
        static_cast<int>(m_design.encoder.keptLayers.size()));
}

void LadderDiagram::paintStack(QPainter &painter, const QRectF &area, bool isDecoder, int firstLadder)
{
    const LadderStackDesign &stack = isDecoder ? m_design.decoder : m_design.encoder;
    const QFont font = painter.font();
    const QFontMetricsF metrics(font);
    const double line = metrics.height() * 1.4;

    // Columns: backbone (widest), the ladder gap, the side column at width / r, labels after it.
    const double backboneWidth = std::min(area.width() * 0.30, 260.0);
    const double gap = area.width() * 0.28;
    const double sideWidth = std::max(backboneWidth / static_cast<double>(m_design.reduction), 6.0);
    const double backboneX = area.left() + 4;
    const double sideX = backboneX + backboneWidth + gap;

    drawStackTitle(painter, area, line, isDecoder ? tr("Decoder") : tr("Encoder"), textColour());
    painter.drawText(QRectF(backboneX, area.top() + line, backboneWidth + gap, line), Qt::AlignLeft | Qt::AlignVCenter,
        tr("frozen backbone · d_model %1").arg(m_design.backbone.dModel));
    painter.drawText(QRectF(sideX, area.top() + line, area.right() - sideX, line), Qt::AlignLeft | Qt::AlignVCenter,
        tr("side · %1").arg(m_design.side.dModel));

    const StackRows stackRows(area, stack.depth, line);
    const int rows = stackRows.count;
    const double blockHeight = stackRows.blockHeight;
    const auto rowCentre = [&stackRows](int row) { return stackRows.centre(row); };
    const double sideCentreX = sideX + sideWidth / 2;
    const double labelX = sideX + sideWidth + 8;

    // The side state's path up the stack, drawn first so blocks sit on it.
    painter.setPen(QPen(kTrainedFill, 2));
    painter.drawLine(QPointF(sideCentreX, rowCentre(0)), QPointF(sideCentreX, rowCentre(rows - 1)));

    // Embeddings and the first downsample, which starts the side state.
    {
        const double cy = rowCentre(0);
        const QRectF box(backboneX, cy - blockHeight / 2, backboneWidth, blockHeight);
        painter.setPen(kBackboneEdge);
        painter.setBrush(kBackboneFill);
        painter.drawRect(box);
        painter.setPen(kBackboneText);
        painter.drawText(box, Qt::AlignCenter, tr("embeddings"));
        m_regions.append({box, tr("Token embeddings, shared by encoder, decoder and LM head (frozen): %1 parameters.")
                                   .arg(count(m_design.embeddingParameters))});
        const double x0 = box.right() + gap * 0.35;
        const double x1 = box.right() + gap * 0.55;
        drawArrow(painter, {box.right(), cy}, {x0, cy}, kLadder, 1.5);
        drawProjection(painter, x0, x1, cy, blockHeight * 0.8, blockHeight * 0.8 / m_design.reduction + 2, kLadder);
        drawArrow(painter, {x1, cy}, {sideCentreX - 3, cy}, kLadder, 1.5);
        m_regions.append({QRectF(box.right(), cy - blockHeight / 2, sideCentreX - box.right(), blockHeight),
            tr("First downsample: Linear(%1 → %2) with bias on the embeddings starts the side state: %3 trainable "
               "parameters.")
                .arg(m_design.backbone.dModel)
                .arg(m_design.side.dModel)
                .arg(count(m_design.downsamplerParameters))});
    }

    int ladder = firstLadder;
    for (int64_t layer = 0; layer < stack.depth; ++layer) {
        const int row = static_cast<int>(layer) + 1;
        const double cy = rowCentre(row);
        const QRectF box(backboneX, cy - blockHeight / 2, backboneWidth, blockHeight);
        painter.setPen(kBackboneEdge);
        painter.setBrush(kBackboneFill);
        painter.drawRect(box);
        painter.setPen(kBackboneText);
        painter.drawText(box, Qt::AlignCenter, tr("block %1").arg(layer));
        m_regions.append({box, blockToolTip(isDecoder, layer)});

        const QRectF side(sideX, cy - blockHeight / 2, sideWidth, blockHeight);
        if (!stack.isKept(layer)) {
            painter.setPen(QPen(mutedColour(), 1, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(side);
            painter.setPen(mutedColour());
            painter.drawText(QRectF(labelX, cy - line / 2, area.right() - labelX, line), Qt::AlignLeft | Qt::AlignVCenter,
                tr("%1 dropped").arg(layer));
            m_regions.append({side.united(QRectF(box.right(), cy - blockHeight / 2, labelX + 80 - box.right(), blockHeight)),
                tr("Layer %1 is dropped: its backbone output feeds no ladder and the side state passes through "
                   "unchanged.").arg(layer)});
            continue;
        }

        // Ladder: backbone output → downsampler → mixed into the side state by μ. A thicker
        // arrow means the ladder contributes more (1 − μ) once gates are measured.
        const double mu = gateValue(ladder);
        const double penWidth = std::isnan(mu) ? 2.0 : 1.0 + 4.0 * std::clamp(1.0 - mu, 0.0, 1.0);
        const double x0 = box.right() + gap * 0.08;
        const double x1 = box.right() + gap * 0.24;
        drawArrow(painter, {box.right(), cy}, {x0, cy}, kLadder, penWidth);
        drawProjection(painter, x0, x1, cy, blockHeight * 0.8, blockHeight * 0.8 / m_design.reduction + 2, kLadder);
        drawArrow(painter, {x1, cy}, {side.left(), cy}, kLadder, penWidth);
        // μ sits on the arrow in a small box, so it never runs into the rows above or below.
        const QString gateText = gateLabel(ladder);
        const double gateWidth = metrics.horizontalAdvance(gateText) + 8;
        const QRectF gateBox((x1 + side.left() - gateWidth) / 2 - 4, cy - std::min(line, blockHeight) / 2, gateWidth,
            std::min(line, blockHeight));
        painter.setPen(QPen(kLadder, 1));
        painter.setBrush(palette().base());
        painter.drawRoundedRect(gateBox, 3, 3);
        painter.setPen(readableOn(kLadder, palette()));
        painter.drawText(gateBox, Qt::AlignCenter, gateText);
        m_regions.append({QRectF(box.right(), cy - blockHeight / 2, side.left() - box.right(), blockHeight),
            ladderToolTip(isDecoder, layer, ladder)});

        painter.setPen(Qt::NoPen);
        painter.setBrush(kTrainedFill);
        painter.drawRect(side);
        painter.setPen(textColour());
        painter.drawText(QRectF(labelX, cy - line / 2, area.right() - labelX, line), Qt::AlignLeft | Qt::AlignVCenter,
            tr("side %1").arg(layer));
        m_regions.append({side.united(QRectF(labelX, cy - line / 2, metrics.horizontalAdvance(tr("side %1").arg(layer)), line)),
            sideToolTip(isDecoder, layer)});
        ++ladder;
    }

    // The stack's output: the encoder's feeds the decoder's cross-attention (side to side,
    // backbone to backbone); the decoder's side output is projected back up into the LM head.
    const double cy = rowCentre(rows - 1);
    const QRectF box(backboneX, cy - blockHeight / 2, backboneWidth, blockHeight);
    if (!isDecoder) {
        painter.setPen(mutedColour());
        painter.drawText(QRectF(backboneX, cy - line / 2, area.right() - backboneX, line), Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(tr("outputs → the decoder's cross-attention"), Qt::ElideRight, area.right() - backboneX));
        return;
    }
    painter.setPen(kBackboneEdge);
    painter.setBrush(kBackboneFill);
    painter.drawRect(box);
    painter.setPen(kBackboneText);
    painter.drawText(box, Qt::AlignCenter, tr("LM head"));
    m_regions.append({box, tr("The LM head (frozen, tied to the embeddings) turns the up-projected side output into "
                              "logits; the backbone decoder's own output is not used.")});
    const double x0 = box.right() + gap * 0.45;
    const double x1 = box.right() + gap * 0.65;
    drawArrow(painter, {sideCentreX, cy}, {x1, cy}, kTrainedFill, 2.0);
    drawProjection(painter, x1, x0, cy, blockHeight * 0.8 / m_design.reduction + 2, blockHeight * 0.8, kTrainedFill);
    drawArrow(painter, {x0, cy}, {box.right(), cy}, kTrainedFill, 2.0);
    painter.setPen(textColour());
    painter.drawText(QRectF(labelX, cy - line / 2, area.right() - labelX, line), Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(tr("up-projection %1 → %2").arg(m_design.side.dModel).arg(m_design.backbone.dModel),
            Qt::ElideRight, area.right() - labelX));
    m_regions.append({QRectF(box.right(), cy - blockHeight / 2, sideCentreX - box.right(), blockHeight),
        tr("Up-projection: Linear(%1 → %2) with bias after the side network's final norm: %3 trainable parameters.")
            .arg(m_design.side.dModel)
            .arg(m_design.backbone.dModel)
            .arg(count(m_design.upProjectionParameters))});
}

QString LadderDiagram::blockToolTip(bool isDecoder, int64_t layer) const
{
    const LadderStackDesign &stack = isDecoder ? m_design.decoder : m_design.encoder;
    QString text = (isDecoder ? tr("Decoder block %1 (frozen): %2 parameters; no gradient flows into it.")
                              : tr("Encoder block %1 (frozen): %2 parameters; no gradient flows into it."))
                       .arg(layer)
                       .arg(count(stack.backboneBlockParameters));
    if (layer == 0)
        text += QLatin1Char(' ')
            + tr("Block 0 also holds the stack's relative-position table: %1 parameters.")
                  .arg(count(m_design.relativeBiasParameters));
    return text;
}

QString LadderDiagram::sideToolTip(bool isDecoder, int64_t layer) const
{
    const LadderStackDesign &stack = isDecoder ? m_design.decoder : m_design.encoder;
    QString text = tr("Side block %1 (trained): %2 parameters — d_model %3, d_ff %4, %5 heads × %6.")
                       .arg(layer)
                       .arg(count(stack.sideBlockParameters))
                       .arg(m_design.side.dModel)
                       .arg(m_design.side.dFf)
                       .arg(m_design.side.numHeads)
                       .arg(m_design.side.dKv);
    if (!stack.keptLayers.empty() && stack.keptLayers.front() == layer)
        text += QLatin1Char(' ')
            + tr("The side stack also trains its own relative-position table: %1 parameters.")
                  .arg(count(m_design.sideRelativeBiasParameters));
    return text;
}

QString LadderDiagram::ladderToolTip(bool isDecoder, int64_t layer, int ladder) const
{
    QString text = tr("Ladder from %1 block %2: Linear(%3 → %4) with bias, %5 trainable parameters.")
                       .arg(isDecoder ? tr("decoder") : tr("encoder"))
                       .arg(layer)
                       .arg(m_design.backbone.dModel)
                       .arg(m_design.side.dModel)
                       .arg(count(m_design.downsamplerParameters));
    text += QLatin1Char(' ');
    text += m_design.learnableGates ? tr("Gate μ = sigmoid(α / T), one learnable α.")
                                    : tr("Gate μ fixed (not trained).");
    const double mu = gateValue(ladder);
    if (!std::isnan(mu))
        text += QLatin1Char(' ')
            + tr("Now μ = %1: the side state keeps %2%, the ladder adds %3%.")
                  .arg(mu, 0, 'f', 3)
                  .arg(100.0 * mu, 0, 'f', 1)
                  .arg(100.0 * (1.0 - mu), 0, 'f', 1);
    return text;
}

} // namespace ladder
