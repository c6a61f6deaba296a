// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace ladder {

/// Shows the application's name and the versions it was built with and runs on: the app,
/// Qt and LibTorch — what a bug report needs first.
class VersionPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VersionPanel)

public:
    explicit VersionPanel(QWidget *parent = nullptr);

    /// "ladder-workbench 0.1.0 / Qt 6.4.2 / LibTorch 1.13.0": also what `--version` prints.
    static QString versionText();
};

} // namespace ladder
