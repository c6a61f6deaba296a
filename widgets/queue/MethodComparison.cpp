// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/MethodComparison.h"

namespace ladder {

std::vector<RunConfig> methodComparisonConfigs(
    const RunConfig &base, const std::vector<MethodKind> &methods, const QMap<QString, double> &learningRates)
{
    std::vector<RunConfig> configs;
    configs.reserve(methods.size());
    for (const MethodKind kind : methods) {
        RunConfig config = base;
        config.method = MethodConfig{};
        config.method.kind = kind;
        const double rate = learningRates.value(QString::fromStdString(methodName(kind)), 0.0);
        config.train.learningRate = rate > 0.0 ? rate : defaultLearningRate(kind);
        config.name.clear();
        configs.push_back(std::move(config));
    }
    return configs;
}

QMap<QString, double> paperLearningRates()
{
    QMap<QString, double> rates;
    for (const MethodKind kind : allMethodKinds())
        rates.insert(QString::fromStdString(methodName(kind)), defaultLearningRate(kind));
    return rates;
}

QMap<QString, double> demoLearningRates()
{
    QMap<QString, double> rates;
    for (const MethodKind kind : allMethodKinds())
        rates.insert(QString::fromStdString(methodName(kind)), teachingBackboneLearningRate(kind));
    return rates;
}

QMap<QString, double> defaultComparisonRates(const BackboneConfig &backbone)
{
    return hasMeasuredLearningRates(backbone) ? demoLearningRates() : paperLearningRates();
}

std::vector<MethodKind> defaultComparedMethods()
{
    return {MethodKind::Lst, MethodKind::Adapter, MethodKind::Lora};
}

} // namespace ladder
