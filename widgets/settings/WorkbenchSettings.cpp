// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/WorkbenchSettings.h"

#include <algorithm>

namespace ladder {

namespace {

// Every key the workbench stores, in one list.
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kWindowState = QStringLiteral("window/state");
const QString kViewStatePrefix = QStringLiteral("views/");
const QString kParallelRuns = QStringLiteral("queue/parallelRuns");
const QString kComparedMethods = QStringLiteral("compareMethods/methods");
const QString kLearningRatesGroup = QStringLiteral("compareMethods/learningRates");
const QString kTheme = QStringLiteral("appearance/theme");
const QString kLanguage = QStringLiteral("appearance/language");
const QString kLastConfiguration = QStringLiteral("designer/lastConfiguration");
const QString kRecentGroup = QStringLiteral("recent");

QString recentKey(WorkbenchSettings::PathKind kind)
{
    switch (kind) {
    case WorkbenchSettings::PathKind::Backbone:
        return kRecentGroup + QStringLiteral("/backbones");
    case WorkbenchSettings::PathKind::GlueFolder:
        return kRecentGroup + QStringLiteral("/glueFolders");
    case WorkbenchSettings::PathKind::TaskFile:
        return kRecentGroup + QStringLiteral("/taskFiles");
    }
    return kRecentGroup;
}

} // namespace

WorkbenchSettings::WorkbenchSettings() = default;

WorkbenchSettings::WorkbenchSettings(const QString &iniFile)
    : m_settings(iniFile, QSettings::IniFormat)
{
}

QByteArray WorkbenchSettings::windowGeometry() const
{
    return m_settings.value(kWindowGeometry).toByteArray();
}

void WorkbenchSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(kWindowGeometry, geometry);
}

QByteArray WorkbenchSettings::windowState() const
{
    return m_settings.value(kWindowState).toByteArray();
}

void WorkbenchSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(kWindowState, state);
}

QByteArray WorkbenchSettings::viewState(const QString &view) const
{
    return m_settings.value(kViewStatePrefix + view).toByteArray();
}

void WorkbenchSettings::setViewState(const QString &view, const QByteArray &state)
{
    m_settings.setValue(kViewStatePrefix + view, state);
}

int WorkbenchSettings::parallelRuns() const
{
    return std::max(1, m_settings.value(kParallelRuns, 1).toInt());
}

void WorkbenchSettings::setParallelRuns(int runs)
{
    m_settings.setValue(kParallelRuns, std::max(1, runs));
}

QStringList WorkbenchSettings::comparedMethods() const
{
    return m_settings.value(kComparedMethods).toStringList();
}

void WorkbenchSettings::setComparedMethods(const QStringList &methods)
{
    m_settings.setValue(kComparedMethods, methods);
}

QMap<QString, double> WorkbenchSettings::methodLearningRates() const
{
    QMap<QString, double> rates;
    m_settings.beginGroup(kLearningRatesGroup);
    for (const QString &method : m_settings.childKeys()) {
        bool ok = false;
        const double rate = m_settings.value(method).toDouble(&ok);
        if (ok && rate > 0)
            rates.insert(method, rate);
    }
    m_settings.endGroup();
    return rates;
}

void WorkbenchSettings::setMethodLearningRates(const QMap<QString, double> &rates)
{
    m_settings.remove(kLearningRatesGroup);
    m_settings.beginGroup(kLearningRatesGroup);
    for (auto it = rates.cbegin(); it != rates.cend(); ++it)
        m_settings.setValue(it.key(), it.value());
    m_settings.endGroup();
}

QString WorkbenchSettings::theme() const
{
    const QString theme = m_settings.value(kTheme).toString();
    return theme == QStringLiteral("light") || theme == QStringLiteral("dark") ? theme : QStringLiteral("system");
}

void WorkbenchSettings::setTheme(const QString &theme)
{
    m_settings.setValue(kTheme, theme);
}

QString WorkbenchSettings::language() const
{
    return m_settings.value(kLanguage).toString();
}

void WorkbenchSettings::setLanguage(const QString &language)
{
    if (language.isEmpty())
        m_settings.remove(kLanguage);
    else
        m_settings.setValue(kLanguage, language);
}

QString WorkbenchSettings::lastConfiguration() const
{
    return m_settings.value(kLastConfiguration).toString();
}

void WorkbenchSettings::setLastConfiguration(const QString &configJson)
{
    m_settings.setValue(kLastConfiguration, configJson);
}

QStringList WorkbenchSettings::recentPaths(PathKind kind) const
{
    QStringList paths = m_settings.value(recentKey(kind)).toStringList();
    paths.removeAll(QString());
    paths.removeDuplicates();
    return paths.mid(0, kMaxRecentPaths);
}

void WorkbenchSettings::addRecentPath(PathKind kind, const QString &path)
{
    if (path.isEmpty())
        return;
    QStringList paths = recentPaths(kind);
    paths.removeAll(path);
    paths.prepend(path);
    m_settings.setValue(recentKey(kind), paths.mid(0, kMaxRecentPaths));
}

void WorkbenchSettings::clearRecentPaths()
{
    m_settings.remove(kRecentGroup);
}

void WorkbenchSettings::sync()
{
    m_settings.sync();
}

} // namespace ladder
