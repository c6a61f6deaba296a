// SPDX-License-Identifier: GPL-3.0-or-later
#include "about/VersionPanel.h"

#include "runtime/BuildInfo.h"

#include <QLabel>
#include <QVBoxLayout>
#include <QtGlobal>

namespace ladder {

VersionPanel::VersionPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *title = new QLabel(tr("Ladder Workbench"), this);
    title->setObjectName(QStringLiteral("appTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto *subtitle = new QLabel(tr("Ladder Side-Tuning and parameter-efficient fine-tuning of T5, measured."), this);
    auto *versions = new QLabel(versionText(), this);
    versions->setObjectName(QStringLiteral("versions"));
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    for (QLabel *label : {title, subtitle, versions}) {
        label->setAlignment(Qt::AlignCenter);
        layout->addWidget(label);
    }
    layout->addStretch();
}

QString VersionPanel::versionText()
{
    return tr("ladder-workbench %1 / Qt %2 (built with %3) / LibTorch %4")
        .arg(QString::fromStdString(appVersion()), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             QString::fromStdString(libtorchVersion()));
}

} // namespace ladder
