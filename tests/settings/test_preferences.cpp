// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: a theme is applied as it is chosen and kept on OK, undone on Cancel; the language
// is stored for the next start; only languages with a finished translation are offered; recent
// folders can be forgotten. Themes: light and dark palettes read as such, names round-trip, and
// error text stays readable on either.

#include "settings/PreferencesDialog.h"
#include "settings/Theme.h"
#include "settings/WorkbenchSettings.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// WCAG contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void themesNameAndPaintAsTheySay()
    {
        for (ladder::Theme theme : ladder::allThemes())
            QCOMPARE(ladder::themeFromName(ladder::themeName(theme)), theme);
        QCOMPARE(ladder::themeFromName(QStringLiteral("purple")), ladder::Theme::System);
        QVERIFY(ladder::isDarkPalette(ladder::themePalette(ladder::Theme::Dark)));
        QVERIFY(!ladder::isDarkPalette(ladder::themePalette(ladder::Theme::Light)));
        // The dark palette's secondary text (notes, subtitles) at WCAG AA too, as Theme.cpp says.
        const QPalette dark = ladder::themePalette(ladder::Theme::Dark);
        for (QPalette::ColorRole background : {QPalette::Window, QPalette::Base})
            QVERIFY(contrast(dark.color(QPalette::PlaceholderText), dark.color(background)) >= 4.5);
        for (ladder::Theme theme : {ladder::Theme::Light, ladder::Theme::Dark}) {
            const QPalette palette = ladder::themePalette(theme);
            // Body text at WCAG AAA, error and warning text at AA, on the window and on a field.
            QVERIFY(contrast(palette.color(QPalette::WindowText), palette.color(QPalette::Window)) >= 7);
            QVERIFY(contrast(palette.color(QPalette::Text), palette.color(QPalette::Base)) >= 7);
            for (const QColor &colour : {ladder::errorColour(palette), ladder::warningColour(palette)})
                for (QPalette::ColorRole background : {QPalette::Window, QPalette::Base})
                    QVERIFY2(contrast(colour, palette.color(background)) >= 4.5,
                        qPrintable(QStringLiteral("%1 on %2: %3")
                                       .arg(colour.name(), palette.color(background).name())
                                       .arg(contrast(colour, palette.color(background)))));
        }
    }

    void themeIsPreviewedKeptOnOkAndUndoneOnCancel()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("theme.ini")));
        ladder::applyTheme(ladder::Theme::Light);
        const QColor light = QApplication::palette().color(QPalette::Window);
        {
            ladder::PreferencesDialog dialog(&settings, m_dir.path());
            auto *theme = dialog.findChild<QComboBox *>(QStringLiteral("theme"));
            theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
            QVERIFY(ladder::isDarkPalette(QApplication::palette())); // previewed at once
            dialog.reject();
        }
        QCOMPARE(QApplication::palette().color(QPalette::Window), light);
        QCOMPARE(settings.theme(), QStringLiteral("system")); // nothing stored
        {
            ladder::PreferencesDialog dialog(&settings, m_dir.path());
            auto *theme = dialog.findChild<QComboBox *>(QStringLiteral("theme"));
            theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
            if (const QString dir = qEnvironmentVariable("LADDER_SCREENSHOT_DIR"); !dir.isEmpty()) {
                dialog.show();
                QTRY_COMPARE(dialog.palette().color(QPalette::Window),
                    ladder::themePalette(ladder::Theme::Dark).color(QPalette::Window));
                dialog.grab().save(QDir(dir).filePath(QStringLiteral("preferences-dark.png")));
            }
            dialog.accept();
        }
        QVERIFY(ladder::isDarkPalette(QApplication::palette()));
        QCOMPARE(settings.theme(), QStringLiteral("dark"));
        ladder::applyTheme(ladder::Theme::System);
    }

    void languageIsStoredAndOnlyTranslatedOnesAreOffered()
    {
        // No translations in this folder: English alone (and the system's choice).
        QCOMPARE(ladder::PreferencesDialog::availableLanguages(m_dir.path()), QStringList{QStringLiteral("en")});
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("language.ini")));
        ladder::PreferencesDialog dialog(&settings, m_dir.path());
        auto *language = dialog.findChild<QComboBox *>(QStringLiteral("language"));
        QCOMPARE(language->count(), 2);
        QVERIFY(language->itemData(0).toString().isEmpty()); // the system language
        language->setCurrentIndex(language->findData(QStringLiteral("en")));
        dialog.accept();
        QCOMPARE(settings.language(), QStringLiteral("en"));
        QCOMPARE(ladder::PreferencesDialog::languageLabel(QStringLiteral("zh_CN")), QStringLiteral("简体中文 (zh_CN)"));
    }

    void recentFoldersCanBeForgotten()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("recent.ini")));
        {
            ladder::PreferencesDialog dialog(&settings, m_dir.path());
            QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("forgetRecent"))->isEnabled());
        }
        settings.addRecentPath(ladder::WorkbenchSettings::PathKind::Backbone, QStringLiteral("/models/t5"));
        ladder::PreferencesDialog dialog(&settings, m_dir.path());
        auto *forget = dialog.findChild<QPushButton *>(QStringLiteral("forgetRecent"));
        QVERIFY(forget->isEnabled());
        forget->click();
        QVERIFY(settings.recentPaths(ladder::WorkbenchSettings::PathKind::Backbone).isEmpty());
        QVERIFY(!forget->isEnabled());
    }

    void errorLabelsFollowTheTheme()
    {
        QLabel label(QStringLiteral("broken.tsv:3: expected 2 fields"));
        ladder::showAsError(&label);
        label.show();
        for (ladder::Theme theme : {ladder::Theme::Dark, ladder::Theme::Light}) {
            ladder::applyTheme(theme);
            QTRY_COMPARE(label.palette().color(QPalette::WindowText), ladder::errorColour(ladder::themePalette(theme)));
        }
        ladder::applyTheme(ladder::Theme::System);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestPreferences)
#include "test_preferences.moc"
