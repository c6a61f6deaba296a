// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/TaskData.h"

#include "corpus/DemoTasks.h"
#include "data/GenericTask.h"
#include "util/Error.h"

#include <torch/torch.h>

#include <ATen/CPUGeneratorImpl.h>

#include <map>

namespace ladder {

namespace {

/// The paper's shuffles: torch.randperm(n, generator=torch.Generator().manual_seed(42)).
std::vector<int64_t> paperPermutation(int64_t n)
{
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(kPaperDataSeed));
    const torch::Tensor permutation = torch::randperm(n, generator, torch::kLong);
    const int64_t *data = permutation.data_ptr<int64_t>();
    return std::vector<int64_t>(data, data + n);
}

LoadedTask loadGlue(const RunConfig &config, const ReadOptions &options)
{
    LoadedTask task;
    const GlueTask glue = glueTaskFromName(config.task.name);
    task.glue = glue;
    task.name = "glue/" + glueTaskInfo(glue).name;
    task.format = glueTextToTextFormat(glue);
    task.splits = readPaperSplits(glue, config.task.dir, paperPermutation, options);
    return task;
}

LoadedTask loadFile(const RunConfig &config, const ReadOptions &options)
{
    GenericTaskSpec spec;
    spec.format = tableFormatFromName(config.task.format);
    spec.textColumns = config.task.textColumns;
    spec.labelColumn = config.task.labelColumn;
    spec.regression = config.task.regression;
    LoadedTask task;
    task.name = "file/" + config.task.train;
    task.splits.train = readGenericFile(config.task.train, spec, options);
    if (!config.task.validation.empty())
        task.splits.validation = readGenericFile(config.task.validation, spec, options);
    if (!config.task.test.empty()) {
        GenericTaskSpec testSpec = spec;
        testSpec.requireLabel = false; // test files may come without labels, as GLUE's
        task.splits.test = readGenericFile(config.task.test, testSpec, options);
    }
    std::vector<std::string> labels;
    if (!spec.regression) {
        labels = collectLabels(task.splits.train);
        if (labels.size() < 2)
            throw Error(config.task.train + ": a classification task needs at least two distinct labels in column \""
                + spec.labelColumn + "\"");
    }
    task.format = genericTextToTextFormat(config.task.prefix, spec.textColumns, labels, spec.regression);
    return task;
}

LoadedTask loadDemo(const RunConfig &config)
{
    DemoTaskOptions options;
    options.name = config.task.name;
    options.seed = config.train.seed;
    options.trainSize = config.task.trainSize;
    options.validationSize = config.task.validationSize;
    options.testSize = config.task.testSize;
    options.wordnetDir = config.task.wordnetDir;
    DemoTask demo = makeDemoTask(options);
    LoadedTask task;
    task.name = "demo/" + demo.name;
    task.format = std::move(demo.format);
    task.splits = std::move(demo.splits);
    return task;
}

} // namespace

TextToTextPair LoadedTask::formatPair(const Example &example) const
{
    return formatExample(format, example, style, addPrefix);
}

TaskEvaluation LoadedTask::evaluate(
    const std::vector<std::string> &predictions, const std::vector<std::string> &targets) const
{
    if (glue)
        return evaluateGlue(*glue, predictions, targets, style);
    return evaluateGeneric(format.regression, predictions, targets);
}

LoadedTask loadTask(const RunConfig &config)
{
    ReadOptions options;
    options.malformedRows = config.task.skipMalformed ? MalformedRowPolicy::Skip : MalformedRowPolicy::Error;
    LoadedTask task;
    if (config.task.kind == "glue")
        task = loadGlue(config, options);
    else if (config.task.kind == "file")
        task = loadFile(config, options);
    else if (config.task.kind == "demo")
        task = loadDemo(config);
    else
        throw Error("task.kind: expected \"glue\", \"file\" or \"demo\", got \"" + config.task.kind + "\"");
    task.style = config.train.targetStyle == "ids" ? TargetStyle::LabelIds : TargetStyle::LabelWords;
    if (task.splits.train.examples.empty())
        throw Error(task.name + ": the training split has no examples");
    return task;
}

const Dataset &taskSplit(const LoadedTask &task, const std::string &split)
{
    if (split == "train")
        return task.splits.train;
    if (split == "validation")
        return task.splits.validation;
    if (split == "test")
        return task.splits.test;
    throw Error("split \"" + split + "\": expected train, validation or test");
}

std::vector<std::pair<std::string, int64_t>> labelCounts(const Dataset &dataset)
{
    std::map<std::string, int64_t> counts;
    for (const Example &example : dataset.examples) {
        if (!example.hasLabel)
            ++counts["(unlabelled)"];
        else if (example.label.empty())
            ++counts["(regression)"];
        else
            ++counts[example.label];
    }
    return {counts.begin(), counts.end()};
}

} // namespace ladder
