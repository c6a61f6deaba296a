// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder-workbench`: the desktop workbench.

#include "MainWindow.h"

#include "about/VersionPanel.h"
#include "memory/MemoryMeter.h"
#include "runtime/Threads.h"
#include "store/DataLocation.h"

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
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QApplication::translate("main", "Start the built-in demo run (LST on the shipped wordnet-t5-tiny, classifying WordNet glosses) at once."));
    parser.addOption(demoOption);
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QApplication::translate("main", "Run database (default: $LADDER_DB or %1).")
            .arg(QString::fromStdString(ladder::defaultDatabasePath())),
        QStringLiteral("path"));
    parser.addOption(dbOption);
    const QCommandLineOption noDbOption(QStringLiteral("no-db"),
        QApplication::translate("main", "Do not record runs in a database."));
    parser.addOption(noDbOption);
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QApplication::translate("main",
            "With --demo: when its last run ends, save the window (1600×1000, the compare view shown) to <file> "
            "(PNG, JPEG… by its suffix) and quit."),
        QStringLiteral("file"));
    parser.addOption(screenshotOption);
    parser.process(app);
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << ladder::VersionPanel::versionText() << '\n';
        return 0;
    }

    const QString screenshot = parser.value(screenshotOption);
    if (!screenshot.isEmpty() && !parser.isSet(demoOption)) {
        QTextStream(stderr) << "ladder-workbench: "
                            << QApplication::translate("main",
                                   "--screenshot needs --demo (it saves the window when the demo's runs end)")
                            << '\n';
        return 2;
    }

    ladder::configureThreads(0);
    const QString database = parser.isSet(noDbOption)
        ? QString()
        : QString::fromStdString(ladder::resolveDatabasePath(parser.value(dbOption).toStdString()));
    ladder::MainWindow window(database);
    if (!screenshot.isEmpty())
        window.resize(1600, 1000); // the same picture on every screen, for slides and the README
    window.show();
    if (!screenshot.isEmpty()) {
        window.saveImageWhenQueueEnds(screenshot);
        QObject::connect(&window, &ladder::MainWindow::imageSaved, &app, [](const QString &file, bool ok) {
            if (!ok)
                QTextStream(stderr) << "ladder-workbench: " << file << ": "
                                    << QApplication::translate("main",
                                           "cannot write the image (unknown suffix or unwritable folder)")
                                    << '\n';
            QApplication::exit(ok ? 0 : 1);
        });
    }
    if (parser.isSet(demoOption))
        window.startDemo();
    return QApplication::exec();
}
