// SPDX-License-Identifier: GPL-3.0-or-later
// What the teaching diagrams draw with: the colours that mean the same in every drawing (and
// every theme), arrows, projections and counts.
#pragma once

#include <QColor>
#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

class QPainter;

namespace ladder::diagram {

// Okabe & Ito colours (readable with the common colour-vision deficiencies): what trains in blue,
// the ladders in vermilion, the backward pass in reddish purple, the frozen backbone in grey.
inline const QColor kBackboneFill(0xd4, 0xd4, 0xd4);
inline const QColor kBackboneEdge(0x80, 0x80, 0x80);
inline const QColor kTrainedFill(0x00, 0x72, 0xb2);
inline const QColor kLadder(0xd5, 0x5e, 0x00);
inline const QColor kBackward(0xcc, 0x79, 0xa7);
inline const QColor kBackboneText(0x20, 0x20, 0x20); // on kBackboneFill, whatever the theme

/// A parameter count in the user's locale ("3,538,944").
QString count(int64_t value);
/// An arrow from `from` to `to` with a filled head sized to the pen; `dashed` for a flow that is
/// not data (the backward pass).
void drawArrow(QPainter &painter, QPointF from, QPointF to, const QColor &colour, double width, bool dashed = false);
/// A trapezoid narrowing from `wide` height at x0 to `narrow` at x1: a projection d → d/r (or the
/// reverse when x1 < x0 is the narrow side).
void drawProjection(QPainter &painter, double x0, double x1, double centreY, double wide, double narrow,
    const QColor &colour);

/// Legend swatches: a frozen backbone block, and something that trains.
void drawFrozenSwatch(QPainter &painter, const QRectF &box);
void drawTrainedSwatch(QPainter &painter, const QRectF &box);

/// A stack's title ("Encoder") in bold on the first line of `area`; the painter's font is kept.
void drawStackTitle(QPainter &painter, const QRectF &area, double line, const QString &title, const QColor &colour);

/// The rows of one stack (encoder or decoder) in `area`, bottom to top — the embeddings, blocks
/// 0 … depth−1, the stack's output — under two lines of titles `line` high.
struct StackRows
{
    StackRows(const QRectF &area, int64_t depth, double line);
    /// The vertical centre of row `row` (0: the embeddings).
    double centre(int row) const { return bottom - (row + 0.5) * rowHeight; }

    int count = 0;
    double top = 0;    ///< under the titles
    double bottom = 0;
    double rowHeight = 0;
    double blockHeight = 0;
};

/// A diagram's header: a bold title and a legend whose pieces flow left to right and wrap, so
/// nothing is clipped at 700 px. Sizes follow the widget's height; leaves the body font set.
class DiagramHeader
{
public:
    DiagramHeader(QPainter &painter, int width, int height, const QColor &textColour);
    /// Title pieces, each kept on one line.
    void title(const QStringList &parts);
    /// A line of plain text pieces under the title.
    void text(const QStringList &parts, const QColor &colour);
    /// A legend entry: `swatch` draws into a 22-pixel box, the label follows.
    void legendItem(const QString &label, const std::function<void(const QRectF &)> &swatch);
    /// The y under everything placed so far.
    double bottom() const { return m_y + m_line; }

private:
    QRectF place(double itemWidth);
    void newLine();

    QPainter &m_painter;
    QColor m_text;
    QFont m_font;
    QFont m_bold;
    double m_line;
    double m_x;
    double m_y;
    double m_right;
    bool m_lineUsed = false;
};

} // namespace ladder::diagram
