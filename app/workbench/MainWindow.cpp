// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "about/VersionPanel.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>

namespace ladder {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Ladder Workbench %1").arg(QApplication::applicationVersion()));
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(new VersionPanel(this));

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    resize(720, 480);
}

} // namespace ladder
