// SPDX-License-Identifier: GPL-3.0-or-later
#include "teaching/DiagramPainting.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace ladder::diagram {

QString count(int64_t value)
{
    return QLocale().toString(static_cast<qlonglong>(value));
}

void drawArrow(QPainter &painter, QPointF from, QPointF to, const QColor &colour, double width, bool dashed)
{
    painter.setPen(QPen(colour, width, dashed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
    const QLineF line(from, to);
    const double head = 4.0 + 1.5 * width;
    const QPointF unit = (to - from) / std::max(line.length(), 1e-9);
    const QPointF normal(-unit.y(), unit.x());
    painter.drawLine(from, to - unit * head * 0.8);
    QPainterPath path;
    path.moveTo(to);
    path.lineTo(to - unit * head + normal * head * 0.5);
    path.lineTo(to - unit * head - normal * head * 0.5);
    path.closeSubpath();
    painter.fillPath(path, colour);
}

void drawProjection(QPainter &painter, double x0, double x1, double centreY, double wide, double narrow,
    const QColor &colour)
{
    QPainterPath path;
    path.moveTo(x0, centreY - wide / 2);
    path.lineTo(x1, centreY - narrow / 2);
    path.lineTo(x1, centreY + narrow / 2);
    path.lineTo(x0, centreY + wide / 2);
    path.closeSubpath();
    painter.setPen(QPen(colour.darker(130), 1));
    painter.fillPath(path, colour.lighter(160));
    painter.drawPath(path);
}

void drawFrozenSwatch(QPainter &painter, const QRectF &box)
{
    painter.setPen(kBackboneEdge);
    painter.setBrush(kBackboneFill);
    painter.drawRect(box);
}

void drawTrainedSwatch(QPainter &painter, const QRectF &box)
{
    painter.setPen(Qt::NoPen);
    painter.setBrush(kTrainedFill);
    painter.drawRect(box);
}

void drawStackTitle(QPainter &painter, const QRectF &area, double line, const QString &title, const QColor &colour)
{
    const QFont font = painter.font();
    QFont bold = font;
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(colour);
    painter.drawText(QRectF(area.left(), area.top(), area.width(), line), Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setFont(font);
}

StackRows::StackRows(const QRectF &area, int64_t depth, double line)
    : count(static_cast<int>(depth) + 2)
    , top(area.top() + 2 * line + 4)
    , bottom(area.bottom())
    , rowHeight((area.bottom() - top) / count)
    , blockHeight(std::max(rowHeight * 0.72, 4.0))
{
}

namespace {

constexpr double kMargin = 12;

} // namespace

DiagramHeader::DiagramHeader(QPainter &painter, int width, int height, const QColor &textColour)
    : m_painter(painter)
    , m_text(textColour)
    , m_font(painter.font())
{
    const double fontPx = std::clamp(height / 48.0, 10.0, 14.0);
    m_font.setPixelSize(static_cast<int>(fontPx));
    m_bold = m_font;
    m_bold.setBold(true);
    m_bold.setPixelSize(static_cast<int>(fontPx + 2));
    m_line = fontPx * 1.6;
    m_x = kMargin;
    m_y = 6;
    m_right = width - kMargin;
    painter.setFont(m_font);
}

QRectF DiagramHeader::place(double itemWidth)
{
    if (m_x > kMargin && m_x + itemWidth > m_right) {
        m_x = kMargin;
        m_y += m_line;
    }
    const QRectF box(m_x, m_y, itemWidth, m_line);
    m_x += itemWidth;
    m_lineUsed = true;
    return box;
}

void DiagramHeader::newLine()
{
    if (!m_lineUsed)
        return;
    m_x = kMargin;
    m_y += m_line;
    m_lineUsed = false;
}

void DiagramHeader::title(const QStringList &parts)
{
    newLine();
    m_painter.setFont(m_bold);
    m_painter.setPen(m_text);
    for (const QString &part : parts)
        m_painter.drawText(place(QFontMetricsF(m_bold).horizontalAdvance(part) + 8), Qt::AlignLeft | Qt::AlignVCenter, part);
    m_painter.setFont(m_font);
    newLine();
}

void DiagramHeader::text(const QStringList &parts, const QColor &colour)
{
    newLine();
    m_painter.setFont(m_font);
    m_painter.setPen(colour);
    for (const QString &part : parts)
        m_painter.drawText(place(QFontMetricsF(m_font).horizontalAdvance(part) + 16), Qt::AlignLeft | Qt::AlignVCenter, part);
    newLine();
}

void DiagramHeader::legendItem(const QString &label, const std::function<void(const QRectF &)> &swatch)
{
    m_painter.setFont(m_font);
    const double textWidth = QFontMetricsF(m_font).horizontalAdvance(label);
    const QRectF cell = place(28 + textWidth + 24);
    swatch(QRectF(cell.left(), cell.top() + m_line * 0.2, 22, m_line * 0.6));
    m_painter.setPen(m_text);
    m_painter.drawText(QRectF(cell.left() + 28, cell.top(), textWidth + 4, m_line), Qt::AlignLeft | Qt::AlignVCenter, label);
}

} // namespace ladder::diagram
