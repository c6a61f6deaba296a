// SPDX-License-Identifier: GPL-3.0-or-later
#include "designer/RecentPathsButton.h"

#include <QFileInfo>
#include <QMenu>

namespace ladder {

RecentPathsButton::RecentPathsButton(WorkbenchSettings::PathKind kind, QWidget *parent)
    : QToolButton(parent)
    , m_kind(kind)
{
    setText(tr("Choose…"));
    setPopupMode(QToolButton::MenuButtonPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(this);
    setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, &RecentPathsButton::rebuildMenu);
    connect(this, &QToolButton::clicked, this, &RecentPathsButton::browseRequested);
}

QStringList RecentPathsButton::existingRecentPaths() const
{
    QStringList paths;
    if (m_settings == nullptr)
        return paths;
    for (const QString &path : m_settings->recentPaths(m_kind))
        if (QFileInfo::exists(path))
            paths << path;
    return paths;
}

void RecentPathsButton::remember(const QString &path)
{
    if (m_settings != nullptr)
        m_settings->addRecentPath(m_kind, QFileInfo(path).absoluteFilePath());
}

QString RecentPathsButton::dialogStart(const QString &current) const
{
    if (!current.isEmpty())
        return current;
    const QStringList recent = existingRecentPaths();
    if (recent.isEmpty())
        return {};
    const QFileInfo latest(recent.first());
    return latest.isDir() ? latest.absoluteFilePath() : latest.absolutePath();
}

void RecentPathsButton::rebuildMenu()
{
    menu()->clear();
    const QStringList recent = existingRecentPaths();
    for (const QString &path : recent) {
        QAction *action = menu()->addAction(path);
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT recentChosen(path); });
    }
    if (recent.isEmpty())
        menu()->addAction(m_kind == WorkbenchSettings::PathKind::TaskFile ? tr("No recent files")
                                                                          : tr("No recent folders"))
            ->setEnabled(false);
    menu()->addSeparator();
    menu()->addAction(tr("Browse…"), this, &RecentPathsButton::browseRequested);
}

} // namespace ladder
