// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/TextToText.h"

#include "util/Error.h"
#include "util/Text.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ladder {

namespace {

std::vector<std::string> paperFieldNames(GlueTask task)
{
    switch (task) {
    case GlueTask::Cola:
    case GlueTask::Sst2:
        return { "sentence:" };
    case GlueTask::Qqp:
        return { "question1:", "question2:" };
    case GlueTask::Mnli:
        return { "premise:", "hypothesis" }; // sic, as in the paper's code
    case GlueTask::Qnli:
        return { "question:", "sentence:" };
    case GlueTask::Mrpc:
    case GlueTask::Stsb:
    case GlueTask::Rte:
    case GlueTask::Wnli:
        return { "sentence1:", "sentence2:" };
    }
    throw Error("unknown GLUE task");
}

} // namespace

TextToTextFormat glueTextToTextFormat(GlueTask task)
{
    const GlueTaskInfo &info = glueTaskInfo(task);
    TextToTextFormat format;
    format.prefix = info.name;
    format.fieldNames = paperFieldNames(task);
    format.labelWords = info.labelWords;
    format.regression = info.regression;
    format.scoreDecimals = 1;
    format.stsbRounding = task == GlueTask::Stsb;
    return format;
}

TextToTextFormat genericTextToTextFormat(const std::string &prefix, const std::vector<std::string> &textColumns,
    const std::vector<std::string> &labelWords, bool regression)
{
    TextToTextFormat format;
    format.prefix = prefix;
    for (const std::string &column : textColumns)
        format.fieldNames.push_back(column + ":");
    if (!regression)
        format.labelWords = labelWords;
    format.regression = regression;
    return format;
}

std::string formatSource(const TextToTextFormat &format, const Example &example, bool addPrefix)
{
    if (example.texts.size() != format.fieldNames.size()) {
        throw Error("example from line " + std::to_string(example.line) + " has " + std::to_string(example.texts.size())
            + " text fields, the task format expects " + std::to_string(format.fieldNames.size()));
    }
    std::vector<std::string> parts;
    if (addPrefix && !format.prefix.empty())
        parts.push_back(format.prefix);
    for (std::size_t i = 0; i < example.texts.size(); ++i) {
        parts.push_back(format.fieldNames[i]);
        parts.push_back(example.texts[i]);
    }
    return joined(parts, " ");
}

int labelIndex(const TextToTextFormat &format, const std::string &label)
{
    const auto it = std::find(format.labelWords.begin(), format.labelWords.end(), label);
    return it == format.labelWords.end() ? -1 : static_cast<int>(it - format.labelWords.begin());
}

std::string formatTarget(const TextToTextFormat &format, const Example &example, TargetStyle style)
{
    if (!example.hasLabel) {
        throw Error("example from line " + std::to_string(example.line)
            + " has no label (rows of test files can be predicted, not trained or evaluated on)");
    }
    if (format.regression)
        return format.stsbRounding ? formatStsbScore(example.score) : formatScore(example.score, format.scoreDecimals);
    const int index = labelIndex(format, example.label);
    if (index < 0) {
        throw Error("example from line " + std::to_string(example.line) + " has label '" + example.label
            + "', expected one of " + joined(format.labelWords, ", "));
    }
    return style == TargetStyle::LabelWords ? example.label : std::to_string(index);
}

TextToTextPair formatExample(const TextToTextFormat &format, const Example &example, TargetStyle style, bool addPrefix)
{
    TextToTextPair pair;
    pair.source = formatSource(format, example, addPrefix);
    if (example.hasLabel)
        pair.target = formatTarget(format, example, style);
    return pair;
}

std::vector<std::string> targetChoices(const TextToTextFormat &format, TargetStyle style)
{
    if (format.regression || style == TargetStyle::LabelWords)
        return format.regression ? std::vector<std::string> {} : format.labelWords;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < format.labelWords.size(); ++i)
        ids.push_back(std::to_string(i));
    return ids;
}

std::string formatScore(double value, int decimals)
{
    if (decimals < 0 || decimals > 15)
        throw Error("score decimals must be between 0 and 15, got " + std::to_string(decimals));
    if (!std::isfinite(value))
        throw Error("cannot write a non-finite score as a target");
    // numpy's np.round for decimals >= 0: multiply, rint (half to even), divide.
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::nearbyint(value * scale) / scale;
    char buffer[64];
    const auto result
        = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, std::max(decimals, 1));
    std::string text(buffer, result.ptr);
    // Python's str() writes the shortest form, keeping one decimal ("5.0", "0.25").
    while (text.size() > 2 && text.back() == '0' && text[text.size() - 2] != '.')
        text.pop_back();
    return text;
}

std::string formatStsbScore(double score)
{
    // The HuggingFace GLUE loader stores the score as float32; round_stsb_target then works on
    // that value in double precision. 0.35 therefore becomes "0.3", not "0.4".
    const double asLoaded = static_cast<double>(static_cast<float>(score));
    return formatScore(asLoaded * 5 / 5, 1);
}

} // namespace ladder
