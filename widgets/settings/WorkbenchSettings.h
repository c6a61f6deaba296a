// SPDX-License-Identifier: GPL-3.0-or-later
// What the workbench remembers between starts: window and dock layout, table columns, queue and
// comparison choices, theme and language, the last designed run and recent folders. One typed
// class over QSettings, so keys and defaults live in one place and no view spells a settings key
// itself.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace ladder {

class WorkbenchSettings
{
public:
    /// The user's settings (QSettings' native place for the application's organisation/name).
    WorkbenchSettings();
    /// Settings in an INI file, for tests and for a portable setup.
    explicit WorkbenchSettings(const QString &iniFile);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    /// QMainWindow::saveState(): docks, toolbars and their sizes.
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    /// A view's splitter or header layout (QSplitter/QHeaderView::saveState), by the view's name.
    QByteArray viewState(const QString &view) const;
    void setViewState(const QString &view, const QByteArray &state);

    /// How many queued runs train at once (the cores are split between them); at least 1.
    int parallelRuns() const;
    void setParallelRuns(int runs);

    /// Compare methods: the methods chosen (code names, e.g. "lst"); empty: never chosen.
    QStringList comparedMethods() const;
    void setComparedMethods(const QStringList &methods);
    /// Compare methods: the learning rate the user set per method code name (absent: default).
    QMap<QString, double> methodLearningRates() const;
    void setMethodLearningRates(const QMap<QString, double> &rates);

    /// The colour theme's name: "system" (the default), "light" or "dark" (see Theme.h).
    QString theme() const;
    void setTheme(const QString &theme);
    /// The interface language chosen in the preferences, e.g. "zh_CN" or "en"; empty: the
    /// system's. Read at start (the command line's --lang wins over it).
    QString language() const;
    void setLanguage(const QString &language);

    /// The designer's run when the window last closed, as RunConfig JSON; empty: none yet.
    QString lastConfiguration() const;
    void setLastConfiguration(const QString &configJson);

    /// Folders and files the user chose, most recent first, at most kMaxRecentPaths, by what
    /// they were chosen as.
    enum class PathKind { Backbone, GlueFolder, TaskFile };
    static constexpr int kMaxRecentPaths = 8;
    QStringList recentPaths(PathKind kind) const;
    /// Puts `path` first (moving it up if it was listed) and forgets the oldest past the limit.
    void addRecentPath(PathKind kind, const QString &path);
    void clearRecentPaths();

    void sync();

private:
    mutable QSettings m_settings; // reading a group needs beginGroup(), a non-const call
};

} // namespace ladder
