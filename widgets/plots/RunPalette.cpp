// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/RunPalette.h"

#include <QCoreApplication>

#include <array>

namespace ladder {

QColor runColour(qint64 runId)
{
    // Okabe & Ito's palette without its yellow, too pale for a thin line on white; ordered so
    // runs with neighbouring ids (often compared together) get far-apart hues.
    static const std::array<QRgb, 7> palette = {
        0x0072b2, // blue
        0xe69f00, // orange
        0x009e73, // bluish green
        0xd55e00, // vermillion
        0x56b4e9, // sky blue
        0xcc79a7, // reddish purple
        0x767676, // grey in place of the palette's black, which a dark theme would hide
    };
    const auto n = static_cast<qint64>(palette.size());
    // Ids start at 1 in the store: run 1 gets the first colour.
    const qint64 index = ((runId - 1) % n + n) % n;
    return QColor::fromRgb(palette[static_cast<std::size_t>(index)]);
}

QList<MemoryCategoryStyle> memoryCategoryStyles()
{
    static const struct
    {
        const char *key;
        const char *label;
        QRgb colour;
    } categories[] = {
        {"frozen_weights", QT_TRANSLATE_NOOP("ladder::RunCurves", "frozen weights"), 0x8c8c8c},
        {"trainable_weights", QT_TRANSLATE_NOOP("ladder::RunCurves", "trainable weights"), 0x1f77b4},
        {"gradients", QT_TRANSLATE_NOOP("ladder::RunCurves", "gradients"), 0xff7f0e},
        {"optimizer_state", QT_TRANSLATE_NOOP("ladder::RunCurves", "optimizer state"), 0x2ca02c},
        {"activations", QT_TRANSLATE_NOOP("ladder::RunCurves", "activations"), 0xd62728},
    };
    QList<MemoryCategoryStyle> styles;
    for (const auto &category : categories) {
        styles.append({QString::fromLatin1(category.key),
            QCoreApplication::translate("ladder::RunCurves", category.label), QColor::fromRgb(category.colour)});
    }
    return styles;
}

} // namespace ladder
