// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder-workbench`: the desktop workbench.

#include "MainWindow.h"

#include "about/VersionPanel.h"
#include "memory/MemoryMeter.h"
#include "runtime/Threads.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

int main(int argc, char *argv[])
{
    // Every tensor the workbench makes is counted from the first one on.
    ladder::MemoryMeter::install();

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ladder-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Ladder Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(LADDER_VERSION));
    QApplication::setOrganizationName(QStringLiteral("ladder-workbench"));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("ladder-workbench"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Ladder Side-Tuning workbench"));
    parser.addHelpOption();
    const QCommandLineOption versionOption(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                           QApplication::translate("main", "Print the versions of the application, Qt and LibTorch."));
    parser.addOption(versionOption);
    parser.process(app);
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << ladder::VersionPanel::versionText() << '\n';
        return 0;
    }

    ladder::configureThreads(0);
    ladder::MainWindow window;
    window.show();
    return QApplication::exec();
}
