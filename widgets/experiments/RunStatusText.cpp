// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/RunStatusText.h"
#include "settings/Theme.h"

#include <QCoreApplication>

namespace ladder {

QString runStatusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued:
        return QCoreApplication::translate("RunStatus", "queued");
    case RunStatus::Running:
        return QCoreApplication::translate("RunStatus", "running");
    case RunStatus::Paused:
        return QCoreApplication::translate("RunStatus", "paused");
    case RunStatus::Finished:
        return QCoreApplication::translate("RunStatus", "finished");
    case RunStatus::Stopped:
        return QCoreApplication::translate("RunStatus", "stopped");
    case RunStatus::Failed:
        return QCoreApplication::translate("RunStatus", "failed");
    case RunStatus::Interrupted:
        return QCoreApplication::translate("RunStatus", "interrupted");
    }
    return {};
}

QColor runStatusColor(RunStatus status, const QPalette &palette)
{
    // The light theme's colours; a dark theme lightens them to read on its dark background.
    const auto onBackground = [&palette](const QColor &colour) {
        return isDarkPalette(palette) ? colour.lighter(170) : colour;
    };
    switch (status) {
    case RunStatus::Running:
        return onBackground(QColor(0x1f, 0x77, 0xb4));
    case RunStatus::Paused:
        return onBackground(QColor(0x94, 0x67, 0xbd));
    case RunStatus::Failed:
        return errorColour(palette);
    case RunStatus::Interrupted:
        return warningColour(palette);
    case RunStatus::Stopped:
        return onBackground(QColor(0x6b, 0x6b, 0x6b));
    case RunStatus::Queued:
    case RunStatus::Finished:
        break;
    }
    return {};
}

} // namespace ladder
