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

void WorkbenchSettings::sync()
{
    m_settings.sync();
}

} // namespace ladder
