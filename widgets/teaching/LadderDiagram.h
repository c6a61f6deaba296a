// SPDX-License-Identifier: GPL-3.0-or-later
// The LST architecture drawn to scale of width: the frozen backbone's blocks as grey columns,
// the side network at d_model / r beside them, one ladder (downsampler d → d/r) per kept layer
// labelled with its gate μ, dropped layers marked, and the up-projection into the frozen LM head.
// For the other methods, the contrast a teacher needs: what trains inside the backbone's blocks
// (adapters, LoRA's A·B, biases, soft prompts, or everything) and the backward pass that must
// run through every block above it.
#pragma once

#include "teaching/LadderDesign.h"

#include <QList>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <vector>

namespace ladder {

class LadderDiagram : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LadderDiagram)

public:
    explicit LadderDiagram(QWidget *parent = nullptr);

    void setDesign(const LadderDesign &design);
    /// Shows `message` instead of a design (a configuration that cannot be drawn).
    void setError(const QString &message);
    /// μ per ladder, encoder kept layers then decoder (TrainerObserver::gatesMeasured's order).
    /// Returns false, and keeps what was shown, when the count differs from the design's ladders.
    bool setGateValues(const std::vector<double> &gates);
    void clearGateValues();
    /// The μ shown on ladder `ladder`; NaN while none was measured.
    double gateValue(int ladder) const;
    /// The text drawn beside ladder `ladder` ("μ 0.53", or "μ –" before the first step).
    QString gateLabel(int ladder) const;
    /// The tooltip at `position` (widget coordinates, after the widget was painted); empty if none.
    QString toolTipAt(const QPointF &position) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Region
    {
        QRectF rect;
        QString text;
    };
    void paintStack(QPainter &painter, const QRectF &area, bool isDecoder, int firstLadder);
    /// The other methods (LadderDiagramInside.cpp): the backbone with what trains inside it,
    /// and the backward pass through every block above the lowest trained piece.
    void paintInsideBackbone(QPainter &painter);
    void paintInsideStack(QPainter &painter, const QRectF &area, bool isDecoder);
    /// What trains inside one block, in words, for its tooltip.
    QString insideBlockToolTip(bool isDecoder, int64_t layer) const;
    /// Text and secondary lines drawn on the background: the theme's colours.
    QColor textColour() const;
    QColor mutedColour() const;
    void paintMessage(QPainter &painter, const QString &message);
    QString blockToolTip(bool isDecoder, int64_t layer) const;
    QString sideToolTip(bool isDecoder, int64_t layer) const;
    QString ladderToolTip(bool isDecoder, int64_t layer, int ladder) const;

    LadderDesign m_design;
    bool m_hasDesign = false;
    QString m_error;
    std::vector<double> m_gates;
    QList<Region> m_regions; // rebuilt on every paint, read by tooltips
};

} // namespace ladder
