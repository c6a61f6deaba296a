// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder-workbench`: the desktop workbench.

#include "MainWindow.h"

#include "about/VersionPanel.h"
#include "memory/MemoryMeter.h"
#include "designer/RunDesigner.h"
#include "runtime/Threads.h"
#include "settings/PreferencesDialog.h"
#include "settings/Theme.h"
#include "settings/WorkbenchSettings.h"
#include "store/DataLocation.h"
#include "teaching/LadderView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <exception>

namespace {

/// `--name value` or `--name=value` from the command line before the parser runs; `fallback`
/// when absent.
QString earlyOption(const QString &name, const QString &fallback)
{
    const QStringList arguments = QApplication::arguments();
    const QString flag = QStringLiteral("--") + name;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == flag && i + 1 < arguments.size())
            return arguments[i + 1];
        if (arguments[i].startsWith(flag + QLatin1Char('=')))
            return arguments[i].mid(flag.size() + 1);
    }
    return fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    // Every tensor the workbench makes is counted from the first one on.
    ladder::MemoryMeter::install();

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ladder-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Ladder Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(LADDER_VERSION));
    QApplication::setOrganizationName(QStringLiteral("ladder-workbench"));

    // The language comes from --lang, else the preferences, else the system locale; it is read
    // before the parser so that --help is already translated.
    ladder::WorkbenchSettings settings; // the window's too: one reader and writer of the file
    const QString languageOnCommandLine = earlyOption(QStringLiteral("lang"), QString());
    const QString language = languageOnCommandLine.isEmpty() ? settings.language() : languageOnCommandLine;
    QTranslator translator;
    const QString i18nDir = QStringLiteral(":/i18n");
    const bool sourceLanguage = language == QStringLiteral("en") || language.startsWith(QStringLiteral("en_"))
        || language == QStringLiteral("C");
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(language));
    // A translation with no finished message (lrelease leaves unfinished ones out) is none.
    if (!sourceLanguage && translator.load(QLocale(), QStringLiteral("ladder-workbench"), QStringLiteral("_"), i18nDir)
        && !translator.isEmpty()) {
        QApplication::installTranslator(&translator);
    } else if (!language.isEmpty() && !sourceLanguage) {
        const QString available = ladder::PreferencesDialog::availableLanguages(i18nDir).join(QStringLiteral(", "));
        if (!languageOnCommandLine.isEmpty()) {
            QTextStream(stderr) << "ladder-workbench: --lang " << language << ": no translation (available: "
                                << available << ")\n";
            return 2;
        }
        // A preference from another version: say so and start in English rather than not at all.
        QTextStream(stderr) << "ladder-workbench: the preferred language " << language
                            << " has no translation here (available: " << available << "); using English\n";
        QLocale::setDefault(QLocale::system());
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Ladder Side-Tuning workbench"));
    parser.addHelpOption();
    const QCommandLineOption versionOption(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                           QApplication::translate("main", "Print the versions of the application, Qt and LibTorch."));
    parser.addOption(versionOption);
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QApplication::translate("main",
            "Start the built-in demo at once: LST, Adapters and LoRA on the shipped wordnet-t5-tiny, classifying "
            "WordNet glosses, compared as they train."));
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
    const QCommandLineOption viewOption(QStringLiteral("view"),
        QApplication::translate("main",
            "Open on a view: \"ladder\" (LST's architecture and where a training step's memory goes, for teaching), "
            "\"designer\" (the run designer) or \"window\" (the whole window as it opens). With --screenshot: save "
            "that view and quit."),
        QStringLiteral("view"));
    parser.addOption(viewOption);
    const QCommandLineOption presetOption(QStringLiteral("preset"),
        QApplication::translate("main", "With --view: the backbone, a preset shape (t5-base…) or a shipped backbone."),
        QStringLiteral("name"));
    parser.addOption(presetOption);
    const QCommandLineOption methodOption(QStringLiteral("method"),
        QApplication::translate("main", "With --view: the method (lst, lora, adapter, bitfit, prompt, full)."),
        QStringLiteral("method"));
    parser.addOption(methodOption);
    const QCommandLineOption langOption(QStringLiteral("lang"),
        QApplication::translate("main", "User interface language, e.g. zh_CN or en (default: the one chosen in the preferences, else the system locale)."),
        QStringLiteral("locale"));
    parser.addOption(langOption);
    const QCommandLineOption themeOption(QStringLiteral("theme"),
        QApplication::translate("main", "Colour theme: system, light or dark (default: the one chosen in the preferences)."),
        QStringLiteral("theme"));
    parser.addOption(themeOption);
    parser.process(app);
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << ladder::VersionPanel::versionText() << '\n';
        return 0;
    }

    if (parser.isSet(themeOption)) {
        const QString theme = parser.value(themeOption);
        if (ladder::themeName(ladder::themeFromName(theme)) != theme) {
            QTextStream(stderr) << "ladder-workbench: --theme " << theme << ": "
                                << QApplication::translate("main", "unknown theme (known: system, light, dark)") << '\n';
            return 2;
        }
        ladder::applyTheme(ladder::themeFromName(theme));
    } else if (const ladder::Theme theme = ladder::themeFromName(settings.theme()); theme != ladder::Theme::System) {
        // "System" needs nothing done: an application palette set explicitly would stop the
        // desktop's own palette changes from reaching the window.
        ladder::applyTheme(theme);
    }

    const QString screenshot = parser.value(screenshotOption);
    const QString view = parser.value(viewOption);
    auto fail = [](const QString &message) {
        QTextStream(stderr) << "ladder-workbench: " << message << '\n';
        return 2;
    };
    if (!screenshot.isEmpty() && !parser.isSet(demoOption) && view.isEmpty())
        return fail(QApplication::translate("main",
            "--screenshot needs --demo (it saves the window when the demo's runs end) or --view"));
    if (!view.isEmpty() && view != QStringLiteral("ladder") && view != QStringLiteral("designer")
        && view != QStringLiteral("window"))
        return fail(QApplication::translate("main", "--view %1: unknown view (known: ladder, designer, window)").arg(view));
    // The design --view shows: the demo's run with the chosen backbone and method.
    ladder::RunConfig design = ladder::RunDesigner::demoConfig();
    try {
        if (parser.isSet(presetOption)) {
            design.backbone.preset = parser.value(presetOption).toStdString();
            design.backbone.path.clear();
            ladder::resolveBackbonePath(design.backbone); // an unknown name fails here, in one line
        }
        if (parser.isSet(methodOption)) {
            design.method = ladder::MethodConfig();
            design.method.kind = ladder::methodKindFromName(parser.value(methodOption).toStdString());
        }
    } catch (const std::exception &e) {
        return fail(QString::fromStdString(e.what()));
    }
    if (view == QStringLiteral("designer") && !screenshot.isEmpty()) {
        // The designer as its dock shows it: a dock's width, as tall as its content.
        ladder::RunDesigner designer;
        designer.setConfig(design);
        designer.resize(460, designer.sizeHint().height());
        designer.show();
        designer.resize(460, designer.sizeHint().height());
        if (!designer.grab().save(screenshot))
            return fail(screenshot + QStringLiteral(": ")
                + QApplication::translate("main", "cannot write the image (unknown suffix or unwritable folder)"));
        return 0;
    }
    if (view == QStringLiteral("ladder") && !screenshot.isEmpty()) {
        ladder::LadderView ladderView;
        ladderView.resize(1400, 900);
        ladderView.show();
        ladderView.setDesign(design);
        if (!ladderView.grab().save(screenshot))
            return fail(screenshot + QStringLiteral(": ")
                + QApplication::translate("main", "cannot write the image (unknown suffix or unwritable folder)"));
        return 0;
    }

    ladder::configureThreads(0);
    const QString database = parser.isSet(noDbOption)
        ? QString()
        : QString::fromStdString(ladder::resolveDatabasePath(parser.value(dbOption).toStdString()));
    ladder::MainWindow window(database, &settings);
    if (!screenshot.isEmpty())
        window.resize(1600, 1000); // the same picture on every screen, for slides and the README
    window.show();
    if (!screenshot.isEmpty()) {
        if (view == QStringLiteral("window")) // as it opens, once its views have laid out and painted
            QTimer::singleShot(500, &window, [&window, screenshot] { Q_EMIT window.imageSaved(screenshot, window.grab().save(screenshot)); });
        else
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
    if (!view.isEmpty() && (view != QStringLiteral("window") || parser.isSet(presetOption) || parser.isSet(methodOption))) {
        window.designer()->setConfig(design);
        if (view == QStringLiteral("ladder"))
            window.showLadderView();
    }
    if (parser.isSet(demoOption))
        window.startDemo();
    return QApplication::exec();
}
