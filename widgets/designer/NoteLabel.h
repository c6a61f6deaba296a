// SPDX-License-Identifier: GPL-3.0-or-later
// Notes under a designer field (backbone facts, whose rate, the side network's widths): a size
// smaller than the field. A font rather than a style sheet: a widget with a style sheet keeps
// the palette it was polished with, so a theme switch would leave its text unreadable.
#pragma once

#include <QFont>
#include <QLabel>

namespace ladder {

inline void setNoteFont(QLabel *label)
{
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
}

} // namespace ladder
