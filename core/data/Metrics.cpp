// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/Metrics.h"

#include "util/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>

namespace ladder {

namespace {

template<typename T>
void checkSizes(const char *metric, const std::vector<T> &predictions, const std::vector<T> &targets)
{
    if (predictions.size() != targets.size()) {
        throw Error(std::string(metric) + ": " + std::to_string(predictions.size()) + " predictions for "
            + std::to_string(targets.size()) + " targets (expected one prediction per target)");
    }
    if (targets.empty())
        throw Error(std::string(metric) + ": no examples to evaluate");
}

// scipy.stats.pearsonr's computation; NaN when undefined.
double pearsonOrNan(const std::vector<double> &x, const std::vector<double> &y)
{
    const auto n = static_cast<double>(x.size());
    const double xMean = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double yMean = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double xNorm = 0.0, yNorm = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        xNorm += (x[i] - xMean) * (x[i] - xMean);
        yNorm += (y[i] - yMean) * (y[i] - yMean);
    }
    xNorm = std::sqrt(xNorm);
    yNorm = std::sqrt(yNorm);
    if (!(xNorm > 0.0) || !(yNorm > 0.0))
        return std::nan(""); // a constant (or non-finite) input has no correlation
    double r = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i)
        r += ((x[i] - xMean) / xNorm) * ((y[i] - yMean) / yNorm);
    return std::clamp(r, -1.0, 1.0);
}

// Ranks from 1, ties sharing their average rank (scipy.stats.rankdata, method="average").
std::vector<double> averageRanks(const std::vector<double> &values)
{
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    std::size_t i = 0;
    while (i < order.size()) {
        std::size_t j = i;
        while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]])
            ++j;
        const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (std::size_t k = i; k <= j; ++k)
            ranks[order[k]] = rank;
        i = j + 1;
    }
    return ranks;
}

bool hasNan(const std::vector<double> &values)
{
    return std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
}

// The paper's rule: a NaN correlation (constant predictions) counts as 0.
double percentOrZero(double r)
{
    return std::isnan(r) ? 0.0 : 100.0 * r;
}

std::vector<double> scoresFromTexts(const std::vector<std::string> &texts)
{
    std::vector<double> scores;
    scores.reserve(texts.size());
    for (const std::string &text : texts)
        scores.push_back(scoreFromText(text));
    return scores;
}

TaskEvaluation withMeanScore(std::vector<MetricValue> metrics)
{
    TaskEvaluation evaluation;
    double sum = 0.0;
    for (const MetricValue &metric : metrics)
        sum += metric.value;
    evaluation.score = sum / static_cast<double>(metrics.size());
    evaluation.metrics = std::move(metrics);
    return evaluation;
}

TaskEvaluation correlations(const std::vector<std::string> &predictions, const std::vector<std::string> &targets)
{
    checkSizes("Pearson/Spearman", predictions, targets);
    const std::vector<double> p = scoresFromTexts(predictions);
    const std::vector<double> t = scoresFromTexts(targets);
    return withMeanScore({ { "pearson", pearsonCorrelation(p, t) }, { "spearmanr", spearmanCorrelation(p, t) } });
}

} // namespace

double accuracy(const std::vector<std::string> &predictions, const std::vector<std::string> &targets)
{
    checkSizes("accuracy", predictions, targets);
    std::size_t correct = 0;
    for (std::size_t i = 0; i < targets.size(); ++i)
        correct += predictions[i] == targets[i] ? 1 : 0;
    return 100.0 * static_cast<double>(correct) / static_cast<double>(targets.size());
}

double f1WithInvalid(const std::vector<std::string> &predictions, const std::vector<std::string> &targets,
    const std::string &positive, const std::string &negative)
{
    checkSizes("F1", predictions, targets);
    int64_t truePositives = 0, falsePositives = 0, falseNegatives = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const bool targetPositive = targets[i] == positive;
        if (!targetPositive && targets[i] != negative) {
            throw Error("F1: target '" + targets[i] + "' of example " + std::to_string(i + 1) + " is neither '"
                + positive + "' nor '" + negative + "'");
        }
        const bool valid = predictions[i] == positive || predictions[i] == negative;
        // An invalid prediction becomes the opposite of its target, i.e. always wrong.
        const bool predictedPositive = valid ? predictions[i] == positive : !targetPositive;
        truePositives += predictedPositive && targetPositive;
        falsePositives += predictedPositive && !targetPositive;
        falseNegatives += !predictedPositive && targetPositive;
    }
    if (truePositives == 0)
        return 0.0; // also sklearn's zero_division result when nothing is positive
    return 100.0 * 2.0 * static_cast<double>(truePositives)
        / static_cast<double>(2 * truePositives + falsePositives + falseNegatives);
}

double matthewsCorrelation(const std::vector<std::string> &predictions, const std::vector<std::string> &targets)
{
    checkSizes("Matthews correlation", predictions, targets);
    // Per label: how often it is the target (t) and the prediction (p); sklearn's multiclass form.
    std::map<std::string, std::pair<double, double>> sums;
    double correct = 0.0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        sums[targets[i]].first += 1.0;
        sums[predictions[i]].second += 1.0;
        correct += predictions[i] == targets[i] ? 1.0 : 0.0;
    }
    const auto n = static_cast<double>(targets.size());
    double tp = 0.0, pp = 0.0, tt = 0.0;
    for (const auto &entry : sums) {
        tp += entry.second.first * entry.second.second;
        pp += entry.second.second * entry.second.second;
        tt += entry.second.first * entry.second.first;
    }
    const double covTargetPrediction = correct * n - tp;
    const double covPrediction = n * n - pp;
    const double covTarget = n * n - tt;
    if (covPrediction * covTarget == 0.0)
        return 0.0;
    return 100.0 * covTargetPrediction / std::sqrt(covTarget * covPrediction);
}

double pearsonCorrelation(const std::vector<double> &predictions, const std::vector<double> &targets)
{
    checkSizes("Pearson correlation", predictions, targets);
    return percentOrZero(pearsonOrNan(predictions, targets));
}

double spearmanCorrelation(const std::vector<double> &predictions, const std::vector<double> &targets)
{
    checkSizes("Spearman correlation", predictions, targets);
    if (hasNan(predictions) || hasNan(targets))
        return 0.0; // scipy propagates NaN; the paper's rule turns it into 0
    return percentOrZero(pearsonOrNan(averageRanks(predictions), averageRanks(targets)));
}

double scoreFromText(const std::string &text)
{
    constexpr double kUnparseable = -1.0; // the paper's string_to_float default
    const auto isSpace
        = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    std::size_t begin = 0, end = text.size();
    while (begin < end && isSpace(text[begin]))
        ++begin;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    bool negative = false;
    if (begin < end && (text[begin] == '+' || text[begin] == '-')) {
        negative = text[begin] == '-';
        ++begin;
    }
    const std::string body = text.substr(begin, end - begin);
    // from_chars would also take "-" twice, "nan(…)" and hex digits with a 'p' exponent; Python does not.
    if (body.empty() || body[0] == '+' || body[0] == '-' || body.find('(') != std::string::npos)
        return kUnparseable;
    double value = 0.0;
    const auto result = std::from_chars(body.data(), body.data() + body.size(), value);
    if (result.ec != std::errc() || result.ptr != body.data() + body.size())
        return kUnparseable;
    return negative ? -value : value;
}

double TaskEvaluation::metric(const std::string &name) const
{
    for (const MetricValue &entry : metrics) {
        if (entry.name == name)
            return entry.value;
    }
    throw Error("metric '" + name + "' was not computed for this task");
}

TaskEvaluation evaluateGlue(GlueTask task, const std::vector<std::string> &predictions,
    const std::vector<std::string> &targets, TargetStyle style)
{
    switch (task) {
    case GlueTask::Cola:
        return withMeanScore({ { "matthews_correlation", matthewsCorrelation(predictions, targets) } });
    case GlueTask::Mrpc:
    case GlueTask::Qqp: {
        const std::vector<std::string> choices = targetChoices(glueTextToTextFormat(task), style);
        return withMeanScore({ { "f1", f1WithInvalid(predictions, targets, choices[1], choices[0]) },
            { "accuracy", accuracy(predictions, targets) } });
    }
    case GlueTask::Stsb:
        return correlations(predictions, targets);
    case GlueTask::Sst2:
    case GlueTask::Mnli:
    case GlueTask::Qnli:
    case GlueTask::Rte:
    case GlueTask::Wnli:
        return withMeanScore({ { "accuracy", accuracy(predictions, targets) } });
    }
    throw Error("unknown GLUE task");
}

TaskEvaluation evaluateGeneric(
    bool regression, const std::vector<std::string> &predictions, const std::vector<std::string> &targets)
{
    if (regression)
        return correlations(predictions, targets);
    return withMeanScore({ { "accuracy", accuracy(predictions, targets) } });
}

} // namespace ladder
