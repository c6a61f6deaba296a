// SPDX-License-Identifier: GPL-3.0-or-later
// "Choose…" with the recent choices under its arrow: a click opens the file dialog, the arrow
// lists the folders or files of one kind chosen before (those still on disk), most recent first.
#pragma once

#include "settings/WorkbenchSettings.h"

#include <QToolButton>

namespace ladder {

class RecentPathsButton : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentPathsButton)

public:
    explicit RecentPathsButton(WorkbenchSettings::PathKind kind, QWidget *parent = nullptr);

    /// Where the recent paths are read from and remembered; null (the default): none are.
    void setSettings(WorkbenchSettings *settings) { m_settings = settings; }
    /// The recent paths still on disk, most recent first (what the menu lists).
    QStringList existingRecentPaths() const;
    /// Remembers `path` as chosen now.
    void remember(const QString &path);
    /// Where a dialog should open: `current` if set, else the most recent path's folder.
    QString dialogStart(const QString &current) const;

Q_SIGNALS:
    void browseRequested();
    void recentChosen(const QString &path);

private:
    void rebuildMenu();

    WorkbenchSettings::PathKind m_kind;
    WorkbenchSettings *m_settings = nullptr;
};

} // namespace ladder
