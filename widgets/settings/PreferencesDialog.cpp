// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/PreferencesDialog.h"

#include "settings/Theme.h"
#include "settings/WorkbenchSettings.h"

#include <algorithm>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTranslator>
#include <QVBoxLayout>

namespace ladder {

namespace {

const QString kTranslationPrefix = QStringLiteral("ladder-workbench_");

} // namespace

QStringList PreferencesDialog::availableLanguages(const QString &translationsDir)
{
    QStringList languages{QStringLiteral("en")};
    const QDir dir(translationsDir);
    for (const QString &file : dir.entryList({kTranslationPrefix + QStringLiteral("*.qm")}, QDir::Files)) {
        // lrelease leaves unfinished messages out: an empty file is a language not translated yet.
        QTranslator translator;
        if (translator.load(dir.filePath(file)) && !translator.isEmpty())
            languages << file.mid(kTranslationPrefix.size()).chopped(3);
    }
    std::sort(languages.begin() + 1, languages.end());
    return languages;
}

QString PreferencesDialog::languageLabel(const QString &code)
{
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (code.contains(QLatin1Char('_')) && locale.script() == QLocale::SimplifiedHanScript)
        name = QStringLiteral("简体中文");
    if (name.isEmpty())
        name = code;
    return QStringLiteral("%1 (%2)").arg(name, code);
}

PreferencesDialog::PreferencesDialog(WorkbenchSettings *settings, const QString &translationsDir, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_themeOnOpen(settings->theme())
{
    setWindowTitle(tr("Preferences"));
    auto *form = new QFormLayout;

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("theme"));
    for (Theme theme : allThemes())
        m_theme->addItem(themeLabel(theme), themeName(theme));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(m_themeOnOpen)));
    m_theme->setToolTip(tr("System: the desktop's look. Light and Dark: the same look everywhere, plots included."));
    connect(m_theme, &QComboBox::currentIndexChanged, this,
        [this] { applyTheme(themeFromName(m_theme->currentData().toString())); });
    form->addRow(tr("&Theme"), m_theme);

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language (%1)").arg(QLocale::system().name()), QString());
    for (const QString &code : availableLanguages(translationsDir))
        m_language->addItem(languageLabel(code), code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings->language())));
    form->addRow(tr("&Language"), m_language);
    m_languageNote = new QLabel(tr("A new language is used from the next start; --lang overrides it for one start."), this);
    m_languageNote->setWordWrap(true);
    m_languageNote->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), m_languageNote);

    m_forgetRecent = new QPushButton(tr("Forget recent folders and files"), this);
    m_forgetRecent->setObjectName(QStringLiteral("forgetRecent"));
    m_forgetRecent->setToolTip(tr("The backbone folders, GLUE folders and task files the designer offers again"));
    const auto recentCount = [settings] {
        return settings->recentPaths(WorkbenchSettings::PathKind::Backbone).size()
            + settings->recentPaths(WorkbenchSettings::PathKind::GlueFolder).size()
            + settings->recentPaths(WorkbenchSettings::PathKind::TaskFile).size();
    };
    m_forgetRecent->setEnabled(recentCount() > 0);
    connect(m_forgetRecent, &QPushButton::clicked, this, [this] {
        m_settings->clearRecentPaths();
        m_forgetRecent->setEnabled(false);
    });
    form->addRow(tr("Recent"), m_forgetRecent);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void PreferencesDialog::accept()
{
    m_settings->setTheme(m_theme->currentData().toString());
    m_settings->setLanguage(m_language->currentData().toString());
    m_settings->sync();
    QDialog::accept();
}

void PreferencesDialog::reject()
{
    // The theme was previewed as it was chosen: back to the one in force when the dialog opened.
    applyTheme(themeFromName(m_themeOnOpen));
    QDialog::reject();
}

} // namespace ladder
