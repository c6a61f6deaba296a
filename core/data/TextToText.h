// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): T5 text-to-text formatting of examples, as the paper's code does it
// (repo seq2seq/data/tasks.py: source = ' '.join([task, "field:", text, …]), target = label).
#pragma once

#include "data/Example.h"
#include "data/GlueTask.h"

#include <string>
#include <vector>

namespace ladder {

/// How a classification label is written as the target text.
enum class TargetStyle {
    LabelWords, ///< `positive`, `entailment`, … (readable; the default)
    LabelIds, ///< "0", "1", "2": the label id as a string, exactly as the paper's code does
};

/// How the examples of one task become source and target text.
struct TextToTextFormat
{
    /// Task prefix put first in the source ("sst2"); empty for none.
    std::string prefix;
    /// Field names written before each text, as written (with their colon), in Example::texts order.
    std::vector<std::string> fieldNames;
    /// Label words in label-id order (the rank-classification candidates); empty for regression.
    std::vector<std::string> labelWords;
    /// The target is a number written as text (STS-B, generic regression).
    bool regression = false;
    /// Decimals a regression target is rounded to (numpy's np.round semantics).
    int scoreDecimals = 1;
    /// STS-B only: reproduce the reference pipeline's target exactly — the score is stored as
    /// float32 by the HuggingFace loader, then round_stsb_target computes np.round(x * 5 / 5, 1).
    bool stsbRounding = false;
};

struct TextToTextPair
{
    std::string source;
    std::string target;
};

/// The paper's format for a GLUE task: prefix = task name and the field names of its code:
/// "cola sentence: …", "sst2 sentence: …", "mrpc sentence1: … sentence2: …",
/// "qqp question1: … question2: …", "stsb sentence1: … sentence2: …",
/// "mnli premise: … hypothesis …" (sic: the paper's code writes "hypothesis" without a colon,
/// kept so that inputs match its models), "qnli question: … sentence: …",
/// "rte sentence1: … sentence2: …", "wnli sentence1: … sentence2: …".
TextToTextFormat glueTextToTextFormat(GlueTask task);

/// A generic task: prefix @p prefix (may be empty), field names "<column>:", labels @p labelWords.
TextToTextFormat genericTextToTextFormat(const std::string &prefix, const std::vector<std::string> &textColumns,
    const std::vector<std::string> &labelWords, bool regression);

/// ' '.join([prefix, field1, text1, field2, text2, …]); the prefix is left out when empty or
/// when @p addPrefix is false. Throws ladder::Error when the example has the wrong number of texts.
std::string formatSource(const TextToTextFormat &format, const Example &example, bool addPrefix = true);

/// The target text of a labelled example (a label word, a label id, or a rounded score).
/// Throws ladder::Error for an unlabelled example or a label that is not in format.labelWords.
std::string formatTarget(const TextToTextFormat &format, const Example &example, TargetStyle style);

/// Source and target of a labelled example; for an unlabelled one the target is empty.
TextToTextPair formatExample(
    const TextToTextFormat &format, const Example &example, TargetStyle style, bool addPrefix = true);

/// The texts rank classification scores, in label-id order: the label words, or "0", "1", ….
/// Empty for regression tasks (they are evaluated by generation).
std::vector<std::string> targetChoices(const TextToTextFormat &format, TargetStyle style);

/// Label id of @p label in format.labelWords, or -1.
int labelIndex(const TextToTextFormat &format, const std::string &label);

/// np.round(value, decimals) written as Python's str() writes the float: round half to even on
/// value * 10^decimals, then the shortest text with at least one decimal ("3.8", "5.0", "0.25").
std::string formatScore(double value, int decimals);

/// The STS-B target of the paper's code: str(np.round(float32(score) * 5 / 5, 1)).
std::string formatStsbScore(double score);

} // namespace ladder
