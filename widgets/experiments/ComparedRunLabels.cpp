// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/ComparedRunLabels.h"

#include <QCoreApplication>

namespace ladder {

QStringList comparedRunLabels(const std::vector<ComparedRun> &runs)
{
    QStringList plain;
    for (const ComparedRun &run : runs)
        plain << QString::fromStdString(run.label);
    QStringList labels;
    for (qsizetype i = 0; i < plain.size(); ++i) {
        if (plain.count(plain[i]) > 1)
            labels << QCoreApplication::translate("ComparedRunLabels", "%1 #%2")
                          .arg(plain[i])
                          .arg(runs[static_cast<std::size_t>(i)].run.id);
        else
            labels << plain[i];
    }
    return labels;
}

} // namespace ladder
