// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/RunStatusText.h"

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

QColor runStatusColor(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
        return QColor(0x1f, 0x77, 0xb4);
    case RunStatus::Paused:
        return QColor(0x94, 0x67, 0xbd);
    case RunStatus::Failed:
        return QColor(0xc0, 0x1c, 0x28);
    case RunStatus::Interrupted:
        return QColor(0xb3, 0x5c, 0x00);
    case RunStatus::Stopped:
        return QColor(0x6b, 0x6b, 0x6b);
    case RunStatus::Queued:
    case RunStatus::Finished:
        break;
    }
    return QColor(0x20, 0x20, 0x20);
}

} // namespace ladder
