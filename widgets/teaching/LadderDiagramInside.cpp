// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder view for the methods that train inside the backbone (Adapters, LoRA, BitFit, prompt
// tuning, full fine-tuning): each block with what trains in it, and the backward pass that has
// to run through every block above the lowest trained piece — which is why autograd keeps their
// activations, and what LST's side network avoids.
#include "teaching/LadderDiagram.h"

#include "run/MethodNames.h"
#include "teaching/DiagramPainting.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace ladder {

using namespace diagram;

namespace {

/// An engine parameter group ("adapters", "layer norms"…) as the header names it.
QString groupLabel(const std::string &group)
{
    if (group == "adapters")
        return LadderDiagram::tr("adapters");
    if (group == "layer norms")
        return LadderDiagram::tr("layer norms");
    if (group == "lora")
        return LadderDiagram::tr("LoRA A·B");
    if (group == "biases")
        return LadderDiagram::tr("biases");
    if (group == "prompt")
        return LadderDiagram::tr("soft prompt");
    if (group == "backbone")
        return LadderDiagram::tr("backbone weights");
    return QString::fromStdString(group);
}

/// Whether the method trains something in the embeddings row (so the backward pass reaches it).
bool trainsAtTheInput(MethodKind method)
{
    return method == MethodKind::Full || method == MethodKind::Prompt;
}

} // namespace

void LadderDiagram::paintInsideBackbone(QPainter &painter)
{
    const ParameterReport &report = m_design.parameters;
    DiagramHeader header(painter, width(), height(), textColour());
    const QString share = QLocale().toString(report.trainablePercent(), 'f', 2);
    const bool full = m_design.method == MethodKind::Full;
    if (full)
        header.title({tr("Full fine-tuning trains every weight of the backbone: %1 parameters").arg(count(report.trainable))});
    else
        header.title({tr("With %1, training happens inside the frozen backbone:").arg(methodDisplayName(m_design.method)),
            tr("%1 trainable parameters (%2% of the backbone)").arg(count(report.trainable), share)});
    QStringList groups;
    for (const ParameterReport::Group &group : report.groups)
        if (group.trainable && !full)
            groups << tr("%1 %2").arg(groupLabel(group.name), count(group.count));
    if (!groups.isEmpty())
        header.text(groups, mutedColour());
    if (!full)
        header.legendItem(tr("frozen (no update, but the gradient passes through)"),
            [&](const QRectF &box) { drawFrozenSwatch(painter, box); });
    header.legendItem(tr("trained"), [&](const QRectF &box) { drawTrainedSwatch(painter, box); });
    header.legendItem(tr("backward pass: every block it crosses keeps its activations for it"), [&](const QRectF &box) {
        drawArrow(painter, {box.left(), box.center().y()}, {box.right(), box.center().y()}, kBackward, 2.0, true);
    });
    const double y = header.bottom() + 4;
    const double half = (width() - 24) / 2.0;
    const QRectF stacks(12, y, width() - 24, height() - y - 6);
    paintInsideStack(painter, QRectF(stacks.left(), stacks.top(), half - 8, stacks.height()), false);
    paintInsideStack(painter, QRectF(stacks.left() + half + 8, stacks.top(), half - 8, stacks.height()), true);
}

void LadderDiagram::paintInsideStack(QPainter &painter, const QRectF &area, bool isDecoder)
{
    const LadderStackDesign &stack = isDecoder ? m_design.decoder : m_design.encoder;
    const MethodKind method = m_design.method;
    const QFont font = painter.font();
    const QFontMetricsF metrics(font);
    const double line = metrics.height() * 1.4;

    // Columns: the backward pass's lane, the backbone, then notes on what trains.
    const double laneX = area.left() + 10;
    const double blockX = area.left() + 28;
    const double blockWidth = std::min(area.width() * 0.42, 300.0);
    const double noteX = blockX + blockWidth + 12;

    drawStackTitle(painter, area, line, isDecoder ? tr("Decoder") : tr("Encoder"), textColour());
    painter.drawText(QRectF(blockX, area.top() + line, area.right() - blockX, line), Qt::AlignLeft | Qt::AlignVCenter,
        tr("backbone · d_model %1").arg(m_design.backbone.dModel));

    const StackRows stackRows(area, stack.depth, line);
    const int rows = stackRows.count;
    const double blockHeight = stackRows.blockHeight;
    const auto rowCentre = [&stackRows](int row) { return stackRows.centre(row); };
    const auto blockRect = [&](int row) {
        return QRectF(blockX, rowCentre(row) - blockHeight / 2, blockWidth, blockHeight);
    };
    // Labels at the left of a box: its right part holds the trained marks.
    const auto drawBox = [&](const QRectF &box, bool trained, const QString &label) {
        painter.setPen(trained ? kTrainedFill.darker(130) : kBackboneEdge);
        painter.setBrush(trained ? kTrainedFill : kBackboneFill);
        painter.drawRect(box);
        painter.setPen(trained ? QColor(Qt::white) : kBackboneText);
        painter.drawText(box.adjusted(8, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, label);
    };
    const auto note = [&](int row, const QString &text) {
        painter.setPen(textColour());
        painter.drawText(QRectF(noteX, rowCentre(row) - line / 2, area.right() - noteX, line),
            Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(text, Qt::ElideRight, area.right() - noteX));
    };

    // Embeddings: trained by full fine-tuning; prompt tuning's soft tokens join the encoder's.
    const QRectF embeddings = blockRect(0);
    drawBox(embeddings, method == MethodKind::Full, tr("embeddings"));
    m_regions.append({embeddings, method == MethodKind::Full
            ? tr("Token embeddings, shared by encoder, decoder and LM head: %1 parameters, all trained.")
                  .arg(count(m_design.embeddingParameters))
            : tr("Token embeddings, shared by encoder, decoder and LM head (frozen): %1 parameters.")
                  .arg(count(m_design.embeddingParameters))});
    if (method == MethodKind::Prompt && !isDecoder) {
        const double promptWidth = std::min(blockWidth * 0.45, metrics.horizontalAdvance(tr("%n soft tokens", nullptr,
            static_cast<int>(m_design.methodOptions.prompt.length))) + 12);
        const QRectF prompt(noteX, embeddings.top(), promptWidth, embeddings.height());
        drawBox(prompt, true,
            tr("%n soft tokens", nullptr, static_cast<int>(m_design.methodOptions.prompt.length)));
        drawArrow(painter, {prompt.left(), prompt.center().y()}, {embeddings.right() + 1, prompt.center().y()},
            kTrainedFill, 1.5);
        m_regions.append({prompt, tr("Prompt tuning: %1 trained vectors of width %2 placed before the encoder's "
                                     "input embeddings; everything else is frozen.")
                                      .arg(m_design.methodOptions.prompt.length)
                                      .arg(m_design.backbone.dModel)});
    }

    // BitFit's biases (LoRA adds and trains them too in the paper's configuration): a stripe.
    const bool biases = method == MethodKind::BitFit
        || (method == MethodKind::Lora && m_design.methodOptions.lora.trainBiases);
    const auto drawBiasStripe = [&](const QRectF &box) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(kTrainedFill);
        const double height = std::max(2.0, blockHeight * 0.12);
        painter.drawRect(QRectF(box.left(), box.bottom() - height, box.width(), height));
    };

    // The blocks, each with what trains inside it.
    for (int64_t layer = 0; layer < stack.depth; ++layer) {
        const int row = static_cast<int>(layer) + 1;
        const QRectF box = blockRect(row);
        drawBox(box, method == MethodKind::Full, tr("block %1").arg(layer));
        painter.setPen(Qt::NoPen);
        painter.setBrush(kTrainedFill);
        const double markHeight = blockHeight * 0.7;
        const double markTop = box.center().y() - markHeight / 2;
        const double markWidth = std::clamp(blockWidth * 0.07, 5.0, 18.0);
        if (method == MethodKind::Adapter) {
            // After the self-attention output and after the feed-forward output.
            painter.drawRect(QRectF(box.right() - 3.2 * markWidth, markTop, markWidth, markHeight));
            painter.drawRect(QRectF(box.right() - 1.6 * markWidth, markTop, markWidth, markHeight));
        } else if (method == MethodKind::Lora) {
            // A·B beside the query and value projections (self- and, in the decoder, cross-attention).
            const int pairs = isDecoder ? 2 : 1;
            for (int pair = 0; pair < pairs; ++pair)
                for (int projection = 0; projection < 2; ++projection)
                    painter.drawRect(QRectF(box.right() - (1.6 + 1.6 * (2 * pair + projection)) * markWidth, markTop,
                        markWidth, markHeight));
        }
        if (biases)
            drawBiasStripe(box);
        m_regions.append({box, insideBlockToolTip(isDecoder, layer)});
    }
    // What the marks are, once, beside the top block.
    const int topBlockRow = static_cast<int>(stack.depth);
    switch (method) {
    case MethodKind::Adapter:
        note(topBlockRow, tr("adapters after self-attention and feed-forward: %1 → %2 → %1")
                              .arg(m_design.backbone.dModel)
                              .arg(m_design.backbone.dModel / std::max<int64_t>(1, m_design.methodOptions.adapter.reductionFactor)));
        break;
    case MethodKind::Lora:
        note(topBlockRow, (isDecoder ? tr("A·B (rank %1) on q and v, self- and cross-attention")
                                     : tr("A·B (rank %1) on q and v of self-attention"))
                              .arg(m_design.methodOptions.lora.rank)
                + (m_design.methodOptions.lora.trainBiases ? tr("; biases (stripe)") : QString()));
        break;
    case MethodKind::BitFit:
        note(topBlockRow, tr("biases of q, k, v, o, the feed-forward and the norms (stripe)"));
        break;
    case MethodKind::Full:
        note(topBlockRow, tr("every weight trains"));
        break;
    default:
        break;
    }

    // The stack's output row: the decoder's LM head; the encoder's outputs feed cross-attention.
    const int outputRow = rows - 1;
    if (isDecoder) {
        const QRectF head = blockRect(outputRow);
        drawBox(head, method == MethodKind::Full, tr("LM head"));
        if (biases)
            drawBiasStripe(head); // the LM head's bias trains with the others
        m_regions.append({head, tr("The LM head, tied to the embeddings, turns the decoder's output into logits; "
                                   "the loss's gradient starts here.")});
    } else {
        painter.setPen(mutedColour());
        painter.drawText(QRectF(blockX, rowCentre(outputRow) - line / 2, area.right() - blockX, line),
            Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(tr("outputs → the decoder's cross-attention (the gradient comes back this way)"),
                Qt::ElideRight, area.right() - blockX));
    }

    // The backward pass: from the loss down to the lowest trained piece, through every block on
    // the way — each keeps its activations for it. The decoder's reaches block 0 even when it
    // trains nothing (prompt tuning): the gradient must get through it to the encoder.
    const int lowestRow = trainsAtTheInput(method) ? 0 : 1;
    drawArrow(painter, {laneX, rowCentre(outputRow) - blockHeight / 2}, {laneX, rowCentre(lowestRow)}, kBackward,
        2.0, true);
    m_regions.append({QRectF(laneX - 8, rowCentre(outputRow) - blockHeight / 2, 16,
                          rowCentre(lowestRow) - rowCentre(outputRow) + blockHeight / 2),
        tr("The backward pass runs from the loss through every block down to the lowest trained piece. Each block "
           "it crosses keeps its activations in memory until the gradient has passed; LST's side network never "
           "sends the gradient into the backbone.")});
}

QString LadderDiagram::insideBlockToolTip(bool isDecoder, int64_t layer) const
{
    const LadderStackDesign &stack = isDecoder ? m_design.decoder : m_design.encoder;
    const QString block = (isDecoder ? tr("Decoder block %1").arg(layer) : tr("Encoder block %1").arg(layer));
    switch (m_design.method) {
    case MethodKind::Full:
        return tr("%1: every one of its %2 weights trains.").arg(block, count(stack.backboneBlockParameters));
    case MethodKind::Adapter:
        return tr("%1: frozen (%2 parameters), with a trained adapter after its self-attention and one after its "
                  "feed-forward layer (%3 → %4 → %3).")
                   .arg(block, count(stack.backboneBlockParameters))
                   .arg(m_design.backbone.dModel)
                   .arg(m_design.backbone.dModel / std::max<int64_t>(1, m_design.methodOptions.adapter.reductionFactor))
            + (m_design.methodOptions.adapter.trainLayerNorms ? QLatin1Char(' ') + tr("Its layer norms train too.")
                                                              : QString());
    case MethodKind::Lora:
        return tr("%1: frozen (%2 parameters); trained low-rank updates A·B of rank %3 on the query and value "
                  "projections of its attention.")
                   .arg(block, count(stack.backboneBlockParameters))
                   .arg(m_design.methodOptions.lora.rank)
            + (m_design.methodOptions.lora.trainBiases ? QLatin1Char(' ') + tr("Biases added to it train too.")
                                                       : QString());
    case MethodKind::BitFit:
        return tr("%1: frozen (%2 parameters); only the biases added to its projections and norms train.")
            .arg(block, count(stack.backboneBlockParameters));
    case MethodKind::Prompt:
        return tr("%1: frozen (%2 parameters); the gradient passes through it to reach the soft prompt.")
            .arg(block, count(stack.backboneBlockParameters));
    case MethodKind::Lst:
        break;
    }
    return block;
}

} // namespace ladder
