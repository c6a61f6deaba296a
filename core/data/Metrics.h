// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): the paper's GLUE metrics (repo seq2seq/metrics/metrics.py), all ×100.
// Predictions and targets are the decoded target texts, compared as the paper's code does.
// Every function throws ladder::Error when the lists differ in length or are empty.
#pragma once

#include "data/GlueTask.h"
#include "data/TextToText.h"

#include <string>
#include <vector>

namespace ladder {

/// Percentage of predictions equal to their target (exact string match).
double accuracy(const std::vector<std::string> &predictions, const std::vector<std::string> &targets);

/// Binary F1 of class @p positive, ×100. Targets must be @p positive or @p negative. A
/// prediction that is neither is counted wrong: it is replaced by the opposite of its target
/// (f1_score_with_invalid). F1 is 0 when there are no true positives.
double f1WithInvalid(const std::vector<std::string> &predictions, const std::vector<std::string> &targets,
    const std::string &positive = "1", const std::string &negative = "0");

/// Matthews correlation, ×100, as sklearn.metrics.matthews_corrcoef computes it over every label
/// that occurs (an invalid prediction is one more class), 0 when undefined.
double matthewsCorrelation(const std::vector<std::string> &predictions, const std::vector<std::string> &targets);

/// Pearson correlation, ×100; 0 when undefined (NaN, e.g. all predictions equal).
double pearsonCorrelation(const std::vector<double> &predictions, const std::vector<double> &targets);

/// Spearman rank correlation, ×100 (ties get their average rank); 0 when undefined.
double spearmanCorrelation(const std::vector<double> &predictions, const std::vector<double> &targets);

/// The paper's string_to_float: the text as a number (Python float() syntax: surrounding
/// whitespace allowed, "nan" and "inf" accepted), or -1 when it is not one.
double scoreFromText(const std::string &text);

struct MetricValue
{
    std::string name; ///< the paper's key: accuracy, f1, matthews_correlation, pearson, spearmanr
    double value = 0.0;
};

struct TaskEvaluation
{
    std::vector<MetricValue> metrics;
    /// The task score the paper reports: the mean of the task's metrics.
    double score = 0.0;

    /// The value of metric @p name; throws ladder::Error when it was not computed.
    double metric(const std::string &name) const;
};

/// The paper's metrics for a GLUE task on decoded texts written in @p style: CoLA MCC; MRPC
/// and QQP F1 and accuracy (score = their mean); STS-B Pearson and Spearman of the texts read
/// with scoreFromText (score = their mean); accuracy for the others.
TaskEvaluation evaluateGlue(GlueTask task, const std::vector<std::string> &predictions,
    const std::vector<std::string> &targets, TargetStyle style);

/// Metrics of a generic task: accuracy for classification; Pearson and Spearman (score =
/// their mean) for regression, texts read with scoreFromText.
TaskEvaluation evaluateGeneric(
    bool regression, const std::vector<std::string> &predictions, const std::vector<std::string> &targets);

} // namespace ladder
