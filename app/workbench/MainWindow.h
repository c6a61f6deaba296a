// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

namespace ladder {

/// The workbench's main window. For now it shows what the application is and the versions it
/// runs on; the run designer, live plots and comparisons arrive as their own widgets.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace ladder
