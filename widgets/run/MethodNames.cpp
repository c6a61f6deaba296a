// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/MethodNames.h"

#include <QCoreApplication>

namespace ladder {

QString methodDisplayName(MethodKind kind)
{
    // Literal contexts, so lupdate finds every string.
    switch (kind) {
    case MethodKind::Lst:
        return QCoreApplication::translate("ladder::MethodNames", "Ladder Side-Tuning (LST)");
    case MethodKind::Adapter:
        return QCoreApplication::translate("ladder::MethodNames", "Adapters");
    case MethodKind::Lora:
        return QCoreApplication::translate("ladder::MethodNames", "LoRA");
    case MethodKind::BitFit:
        return QCoreApplication::translate("ladder::MethodNames", "BitFit");
    case MethodKind::Full:
        return QCoreApplication::translate("ladder::MethodNames", "Full fine-tuning");
    case MethodKind::Prompt:
        return QCoreApplication::translate("ladder::MethodNames", "Prompt tuning");
    }
    return QString::fromStdString(methodName(kind));
}

} // namespace ladder
