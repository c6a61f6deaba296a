// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: the colour theme (applied as it is chosen, so the user sees it before keeping
// it), the interface language (used from the next start: every open view would otherwise need
// retranslating), and forgetting the recent folders.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

namespace ladder {

class WorkbenchSettings;

class PreferencesDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    /// `translationsDir`: where the compiled translations (<app>_<locale>.qm) are looked for.
    PreferencesDialog(WorkbenchSettings *settings, const QString &translationsDir, QWidget *parent = nullptr);

    /// The interface languages: "en" (the source language) and every locale whose translation
    /// in `translationsDir` holds at least one finished message, sorted.
    static QStringList availableLanguages(const QString &translationsDir);
    /// A language's name in itself, e.g. "简体中文" for zh_CN, with its code.
    static QString languageLabel(const QString &code);

    void accept() override;
    void reject() override;

private:
    WorkbenchSettings *m_settings;
    QString m_themeOnOpen;
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;
    QPushButton *m_forgetRecent = nullptr;
};

} // namespace ladder
