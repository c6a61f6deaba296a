// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/RunConfig.h"

#include "config/ConfigSchema.h"
#include "experiments/RunLabels.h"
#include "model/T5Config.h"
#include "backbones/ShippedBackbones.h"
#include "util/Error.h"
#include "util/SetAssignment.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ladder {

namespace {

using Json = ConfigJson;

/// Every option of a run configuration, declared once: JSON reading and writing, `--set`,
/// `ladder info`'s help and the designer's editors follow this table. Cross-field rules (a GLUE
/// task needs its folder, …) stay in RunConfig::validate().
const ConfigSchema<RunConfig> &runSchema()
{
    static const ConfigSchema<RunConfig> schema = [] {
        using C = RunConfig;
        ConfigSchema<C> s;
        s.text("name", "A name for the run (shown in run lists); empty: method and its main knob, backbone and task.",
            [](C &c) -> auto & { return c.name; });
        s.text("backbone.preset", "Built-in T5 shape with random weights (t5-tiny, t5-mini, t5-small, …).",
            [](C &c) -> auto & { return c.backbone.preset; });
        s.text("backbone.path", "HuggingFace T5 folder (config.json, model.safetensors, spiece.model); wins over preset.",
            [](C &c) -> auto & { return c.backbone.path; });
        OptionDescription method;
        method.type = OptionType::Object;
        method.description = "The fine-tuning method and its options (\"kind\": full, bitfit, adapter, lora, prompt, lst).";
        s.custom("method", method,
            [](const Json &value, C &c) -> std::string {
                if (!value.is_object())
                    return "expected an object, got " + value.dump();
                c.method = MethodConfig::fromJson(value.dump(), "method");
                return {};
            },
            [](const C &c) { return Json::parse(c.method.toJson()); });

        s.choice("task.kind", "glue (official GLUE files), file (your TSV/CSV/JSONL) or demo (built in).",
            [](C &c) -> auto & { return c.task.kind; }, {"glue", "file", "demo"});
        s.text("task.name", "GLUE task (cola, sst2, mrpc, qqp, stsb, mnli, qnli, rte, wnli) or demo task.",
            [](C &c) -> auto & { return c.task.name; });
        s.text("task.dir", "glue: the task's folder as GLUE distributes it.", [](C &c) -> auto & { return c.task.dir; });
        s.text("task.train", "file: the training file.", [](C &c) -> auto & { return c.task.train; });
        s.text("task.validation", "file: the validation file (optional).",
            [](C &c) -> auto & { return c.task.validation; });
        s.text("task.test", "file: the test file (optional).", [](C &c) -> auto & { return c.task.test; });
        // Text, not a choice: the reader accepts any letter case ("TSV").
        s.text("task.format", "file: tsv, csv or jsonl.", [](C &c) -> auto & { return c.task.format; });
        s.textList("task.text_columns", "file: the text columns, in the order they are written.",
            [](C &c) -> auto & { return c.task.textColumns; });
        s.text("task.label_column", "file: the label column.", [](C &c) -> auto & { return c.task.labelColumn; });
        s.boolean("task.regression", "file: the label is a number (evaluated by Pearson/Spearman).",
            [](C &c) -> auto & { return c.task.regression; });
        s.text("task.prefix", "file: task prefix written first in every source.",
            [](C &c) -> auto & { return c.task.prefix; });
        s.boolean("task.skip_malformed", "Skip and count malformed rows instead of stopping at the first.",
            [](C &c) -> auto & { return c.task.skipMalformed; });
        s.integer<int64_t>("task.train_size", "demo: training examples.", [](C &c) -> auto & { return c.task.trainSize; },
            atLeast(0));
        s.integer<int64_t>("task.validation_size", "demo: validation examples.",
            [](C &c) -> auto & { return c.task.validationSize; }, atLeast(0));
        s.integer<int64_t>("task.test_size", "demo: test examples.", [](C &c) -> auto & { return c.task.testSize; },
            atLeast(0));
        s.text("task.wordnet_dir", "demo: folder with WordNet's data.* files (empty: the system's).",
            [](C &c) -> auto & { return c.task.wordnetDir; });

        s.integer<int64_t>("train.batch_size", "Examples per micro-batch.", [](C &c) -> auto & { return c.train.batchSize; },
            atLeast(1));
        s.number("train.learning_rate", "AdamW peak learning rate; 0: the paper's rate for the method.",
            [](C &c) -> auto & { return c.train.learningRate; }, atLeast(0));
        s.integer<int64_t>("train.epochs", "Passes over the training split (unless max_steps is set).",
            [](C &c) -> auto & { return c.train.epochs; }, atLeast(0));
        s.integer<int64_t>("train.max_steps", "Optimizer steps; 0: epochs decide.",
            [](C &c) -> auto & { return c.train.maxSteps; }, atLeast(0));
        s.integer<int64_t>("train.warmup_steps", "Linear warm-up steps, then linear decay to 0 (the paper: 500).",
            [](C &c) -> auto & { return c.train.warmupSteps; }, atLeast(0));
        s.integer<int64_t>("train.max_source_length", "Source tokens kept, eos included; longer sources are truncated.",
            [](C &c) -> auto & { return c.train.maxSourceLength; }, atLeast(2));
        s.integer<int64_t>("train.max_target_length", "Target tokens kept, eos included.",
            [](C &c) -> auto & { return c.train.maxTargetLength; }, atLeast(2));
        s.integer<uint64_t>("train.seed", "Seeds the weights, the method's init, dropout and the data order.",
            [](C &c) -> auto & { return c.train.seed; });
        s.integer<int64_t>("train.eval_every", "Evaluate on the validation split every N steps (0: at epoch ends only).",
            [](C &c) -> auto & { return c.train.evalEvery; }, atLeast(0));
        s.integer<int>("train.threads", "Intra-op threads; 0: one per core.", [](C &c) -> auto & { return c.train.threads; },
            between(0, 1024));
        s.choice("train.precision",
            "fp32, or bf16: mixed precision (fp32 weights and optimizer state; matrix products and the activations "
            "they keep in bf16).",
            [](C &c) -> auto & { return c.train.precision; }, {"fp32", "bf16"});
        s.choice("train.device", "cpu or cuda.", [](C &c) -> auto & { return c.train.device; }, {"cpu", "cuda"});
        s.integer<int64_t>("train.grad_accumulation", "Micro-batches per optimizer step.",
            [](C &c) -> auto & { return c.train.gradAccumulation; }, atLeast(1));
        s.number("train.max_grad_norm", "Clip the global gradient norm to this; 0: no clipping.",
            [](C &c) -> auto & { return c.train.maxGradNorm; }, atLeast(0));
        s.number("train.weight_decay", "AdamW weight decay.", [](C &c) -> auto & { return c.train.weightDecay; },
            atLeast(0));
        s.integer<int64_t>("train.checkpoint_every", "Write a checkpoint every N steps into output_dir; 0: none.",
            [](C &c) -> auto & { return c.train.checkpointEvery; }, atLeast(0));
        s.text("train.output_dir", "Folder for checkpoints and the best model (empty: none written).",
            [](C &c) -> auto & { return c.train.outputDir; });
        s.text("train.resume_from", "A checkpoint folder to continue the run from.",
            [](C &c) -> auto & { return c.train.resumeFrom; });
        s.choice("train.target_style", "words (label words) or ids (\"0\", \"1\", … as the paper's code).",
            [](C &c) -> auto & { return c.train.targetStyle; }, {"words", "ids"});
        s.integer<int64_t>("train.eval_batch_size", "Examples per evaluation batch; 0: batch_size.",
            [](C &c) -> auto & { return c.train.evalBatchSize; }, atLeast(0));
        s.integer<int64_t>("train.eval_limit", "Evaluate on at most N validation examples; 0: all.",
            [](C &c) -> auto & { return c.train.evalLimit; }, atLeast(0));
        s.boolean("train.length_buckets", "Batch examples of similar length together (less padding).",
            [](C &c) -> auto & { return c.train.lengthBuckets; });
        s.integer<int64_t>("train.vocab_size", "Preset backbones: pieces of the trained vocabulary; 0: automatic.",
            [](C &c) -> auto & { return c.train.vocabSize; }, atLeast(0));
        s.boolean("train.eval_test", "Evaluate the labelled test split at the end.",
            [](C &c) -> auto & { return c.train.evalTest; });
        s.boolean("train.measure_memory", "Split each step's peak memory into categories.",
            [](C &c) -> auto & { return c.train.measureMemory; });
        return s;
    }();
    return schema;
}

RunConfig parse(const Json &root)
{
    RunConfig config;
    runSchema().read(config, root, "run configuration");
    return config;
}

Json toJsonValue(const RunConfig &config) { return runSchema().write(config); }

} // namespace

namespace {

/// The rules between options (a GLUE task needs its folder, …); each option's own type, range
/// and choices are the schema's.
void checkCrossOptionRules(const RunConfig &config)
{
    if (config.backbone.preset.empty() == config.backbone.path.empty())
        throw Error("backbone: give exactly one of \"preset\" (a built-in shape or shipped backbone) or \"path\" "
                    "(a model folder)");
    resolveBackbonePath(config.backbone); // a preset that is neither a shape nor a shipped backbone
    if (config.task.kind == "glue" && config.task.dir.empty())
        throw Error("task.dir: a GLUE task needs the folder of its files (e.g. /data/glue/SST-2)");
    if (config.task.kind == "file" && (config.task.train.empty() || config.task.textColumns.empty()))
        throw Error("task: a file task needs \"train\" and \"text_columns\"");
    if (config.train.epochs < 1 && config.train.maxSteps < 1)
        throw Error("train: set epochs or max_steps to at least 1");
    if (config.train.checkpointEvery > 0 && config.train.outputDir.empty())
        throw Error("train.checkpoint_every: checkpoints need train.output_dir");
}

} // namespace

RunConfig RunConfig::fromJson(const std::string &jsonText, const std::string &sourceName)
{
    Json root;
    try {
        root = Json::parse(jsonText);
    } catch (const Json::exception &e) { // parse_error, or out_of_range for a number like 1e999
        throw Error(sourceName + ": not valid JSON: " + e.what());
    }
    try {
        RunConfig config = parse(root);
        // A "backbone": {"path": …} given alone means the folder, not the default preset.
        if (root.contains("backbone") && root["backbone"].contains("path") && !root["backbone"].contains("preset"))
            config.backbone.preset.clear();
        checkCrossOptionRules(config);
        return config;
    } catch (const Error &e) {
        throw Error(sourceName + ": " + e.what());
    }
}

RunConfig RunConfig::fromFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot read the run configuration (missing or unreadable)");
    std::ostringstream text;
    text << in.rdbuf();
    RunConfig config = fromJson(text.str(), path);
    // A configuration's relative paths are its own folder's, wherever ladder runs from; errors
    // then name the absolute path that was tried.
    const std::filesystem::path base = std::filesystem::absolute(std::filesystem::path(path)).parent_path();
    for (std::string *field : {&config.backbone.path, &config.task.dir, &config.task.train, &config.task.validation,
             &config.task.test, &config.task.wordnetDir, &config.train.outputDir, &config.train.resumeFrom}) {
        if (!field->empty() && std::filesystem::path(*field).is_relative())
            *field = (base / *field).lexically_normal().string();
    }
    return config;
}

std::string RunConfig::toJson() const { return toJsonValue(*this).dump(2); }

namespace {

// Whether a key holds text (free text, a choice, a layer selection), so `5` given for it means
// "5": the binder would refuse the number although the user typed what the key wants.
bool takesText(const std::string &path, const Json &root)
{
    const auto textual = [](const OptionDescription &option) {
        return option.type == OptionType::Text || option.type == OptionType::Choice
            || option.type == OptionType::LayerSelection;
    };
    const std::string methodPrefix = "method.";
    if (path.compare(0, methodPrefix.size(), methodPrefix) == 0) {
        const Json &kind = root["method"]["kind"];
        const std::string key = path.substr(methodPrefix.size());
        if (key == "kind" || !kind.is_string())
            return true;
        for (const OptionDescription &option : describeMethodOptions(methodKindFromName(kind.get<std::string>())))
            if (option.key == key)
                return textual(option);
        return false;
    }
    for (const OptionDescription &option : describeRunConfigOptions())
        if (option.key == path)
            return textual(option);
    return false;
}

// Puts one assignment's value at its path in the configuration's JSON tree.
void assign(Json &root, const SetAssignment &assignment)
{
    const std::string &path = assignment.path;
    const Json value = assignment.value.is_string() || assignment.value.is_structured()
            || !takesText(path, root)
        ? Json(assignment.value)
        : Json(assignment.text);
    Json *node = &root;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (dot == std::string::npos) {
            if (!node->is_object())
                throw Error("--set " + path + ": " + path.substr(0, start ? start - 1 : 0) + " is not an object");
            (*node)[key] = value;
            break;
        }
        if (!node->contains(key))
            throw Error("--set " + path + ": unknown key \"" + key + "\"");
        node = &(*node)[key];
        start = dot + 1;
    }
    // A new method kind starts from that kind's defaults: the old kind's options do not apply.
    if (path == "method.kind")
        root["method"] = Json{{"kind", value}};
    if (path == "backbone.path" && !value.is_null())
        root["backbone"]["preset"] = "";
}

} // namespace

void RunConfig::applyOverrides(const std::vector<std::string> &assignments)
{
    if (assignments.empty())
        return;
    std::vector<SetAssignment> parsed;
    std::string given;
    for (const std::string &assignment : assignments) {
        parsed.push_back(parseSetAssignment(assignment, "train.batch_size=8"));
        given += (given.empty() ? "--set " : ", --set ") + assignment;
    }
    // method.kind first: it resets the method block, which must not drop options given beside it.
    std::stable_partition(
        parsed.begin(), parsed.end(), [](const SetAssignment &a) { return a.path == "method.kind"; });
    Json root = toJsonValue(*this);
    for (const SetAssignment &assignment : parsed)
        assign(root, assignment);
    *this = fromJson(root.dump(), given);
}

double defaultLearningRate(MethodKind kind)
{
    switch (kind) {
    case MethodKind::Prompt:
        return 0.3;
    case MethodKind::Lst:
        return 3e-3;
    default:
        return 3e-4;
    }
}

std::string resolveBackbonePath(const BackboneConfig &backbone)
{
    if (!backbone.path.empty())
        return backbone.path;
    const std::vector<std::string> shapes = T5Config::presetNames();
    if (std::find(shapes.begin(), shapes.end(), backbone.preset) != shapes.end())
        return {};
    const std::string folder = findShippedBackbone(backbone.preset);
    if (!folder.empty())
        return folder;
    std::string names;
    for (const std::string &name : shapes)
        names += (names.empty() ? "" : ", ") + name;
    std::string shipped;
    for (const std::string &name : shippedBackboneNames())
        shipped += (shipped.empty() ? "" : ", ") + name;
    std::string searched;
    for (const std::string &dir : shippedBackboneSearchDirs())
        searched += (searched.empty() ? "" : ", ") + dir;
    throw Error("backbone.preset: \"" + backbone.preset + "\" is neither a model shape (" + names
        + ") nor a shipped pretrained backbone (" + (shipped.empty() ? "none found" : shipped) + "; searched "
        + searched + ")");
}

std::string RunConfig::displayName() const
{
    return name.empty() ? defaultRunName(toJson()) : name;
}

double RunConfig::effectiveLearningRate() const
{
    return train.learningRate > 0 ? train.learningRate : defaultLearningRate(method.kind);
}

void RunConfig::validate() const
{
    // Every declared type, range and choice, also for a configuration built in code (fromJson
    // has read them already and checks only the cross-option rules).
    RunConfig checked;
    runSchema().read(checked, runSchema().write(*this), "run configuration");
    checkCrossOptionRules(*this);
}

std::vector<OptionDescription> describeRunConfigOptions() { return runSchema().describeAll(); }

} // namespace ladder
