// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/RunConfig.h"

#include "experiments/RunLabels.h"
#include "model/T5Config.h"
#include "pretrain/ShippedBackbones.h"
#include "util/Error.h"
#include "util/SetAssignment.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

namespace ladder {

namespace {

using Json = nlohmann::ordered_json;

/// One JSON field of a section: how it reads, writes and describes itself. The table below is
/// the single source of names, defaults and descriptions, so parsing, writing and --help agree.
struct Field
{
    std::string key;
    std::string description;
    std::function<void(RunConfig &, const Json &, const std::string &path)> read;
    std::function<Json(const RunConfig &)> write;
};

[[noreturn]] void typeError(const std::string &path, const char *expected, const Json &value)
{
    throw Error(path + ": expected " + expected + ", got " + value.dump());
}

template<typename Section>
using SectionOf = std::function<Section &(RunConfig &)>;

template<typename Section>
Field stringField(std::string key, std::string description, std::string Section::*member,
    std::function<Section &(RunConfig &)> section, std::function<const Section &(const RunConfig &)> constSection)
{
    return {key, description,
        [=](RunConfig &config, const Json &value, const std::string &path) {
            if (!value.is_string())
                typeError(path, "a string", value);
            section(config).*member = value.get<std::string>();
        },
        [=](const RunConfig &config) { return Json(constSection(config).*member); }};
}

template<typename Section, typename Int>
Field intField(std::string key, std::string description, Int Section::*member,
    std::function<Section &(RunConfig &)> section, std::function<const Section &(const RunConfig &)> constSection,
    bool allowNegative = false)
{
    return {key, description,
        [=](RunConfig &config, const Json &value, const std::string &path) {
            if (!value.is_number_integer())
                typeError(path, "an integer", value);
            if (!allowNegative && value.is_number_integer() && !value.is_number_unsigned() && value.get<int64_t>() < 0)
                throw Error(path + ": expected a non-negative integer, got " + value.dump());
            section(config).*member = value.get<Int>();
        },
        [=](const RunConfig &config) { return Json(constSection(config).*member); }};
}

template<typename Section>
Field numberField(std::string key, std::string description, double Section::*member,
    std::function<Section &(RunConfig &)> section, std::function<const Section &(const RunConfig &)> constSection)
{
    return {key, description,
        [=](RunConfig &config, const Json &value, const std::string &path) {
            if (!value.is_number())
                typeError(path, "a number", value);
            if (value.get<double>() < 0)
                throw Error(path + ": expected a non-negative number, got " + value.dump());
            section(config).*member = value.get<double>();
        },
        [=](const RunConfig &config) { return Json(constSection(config).*member); }};
}

template<typename Section>
Field boolField(std::string key, std::string description, bool Section::*member,
    std::function<Section &(RunConfig &)> section, std::function<const Section &(const RunConfig &)> constSection)
{
    return {key, description,
        [=](RunConfig &config, const Json &value, const std::string &path) {
            if (!value.is_boolean())
                typeError(path, "true or false", value);
            section(config).*member = value.get<bool>();
        },
        [=](const RunConfig &config) { return Json(constSection(config).*member); }};
}

template<typename Section>
Field stringListField(std::string key, std::string description, std::vector<std::string> Section::*member,
    std::function<Section &(RunConfig &)> section, std::function<const Section &(const RunConfig &)> constSection)
{
    return {key, description,
        [=](RunConfig &config, const Json &value, const std::string &path) {
            if (!value.is_array())
                typeError(path, "an array of strings", value);
            std::vector<std::string> items;
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string())
                    typeError(path + "[" + std::to_string(i) + "]", "a string", value[i]);
                items.push_back(value[i].get<std::string>());
            }
            section(config).*member = items;
        },
        [=](const RunConfig &config) { return Json(constSection(config).*member); }};
}

const std::vector<Field> &backboneFields()
{
    static const std::function<BackboneConfig &(RunConfig &)> s = [](RunConfig &c) -> BackboneConfig & {
        return c.backbone;
    };
    static const std::function<const BackboneConfig &(const RunConfig &)> cs =
        [](const RunConfig &c) -> const BackboneConfig & { return c.backbone; };
    static const std::vector<Field> fields = {
        stringField<BackboneConfig>("preset", "Built-in T5 shape with random weights (t5-tiny, t5-mini, t5-small, …).",
            &BackboneConfig::preset, s, cs),
        stringField<BackboneConfig>(
            "path", "HuggingFace T5 folder (config.json, model.safetensors, spiece.model); wins over preset.",
            &BackboneConfig::path, s, cs),
    };
    return fields;
}

const std::vector<Field> &taskFields()
{
    using T = TaskConfig;
    static const std::function<T &(RunConfig &)> s = [](RunConfig &c) -> T & { return c.task; };
    static const std::function<const T &(const RunConfig &)> cs = [](const RunConfig &c) -> const T & {
        return c.task;
    };
    static const std::vector<Field> fields = {
        stringField<T>("kind", "glue (official GLUE files), file (your TSV/CSV/JSONL) or demo (built in).", &T::kind, s, cs),
        stringField<T>("name", "GLUE task (cola, sst2, mrpc, qqp, stsb, mnli, qnli, rte, wnli) or demo task.", &T::name,
            s, cs),
        stringField<T>("dir", "glue: the task's folder as GLUE distributes it.", &T::dir, s, cs),
        stringField<T>("train", "file: the training file.", &T::train, s, cs),
        stringField<T>("validation", "file: the validation file (optional).", &T::validation, s, cs),
        stringField<T>("test", "file: the test file (optional).", &T::test, s, cs),
        stringField<T>("format", "file: tsv, csv or jsonl.", &T::format, s, cs),
        stringListField<T>("text_columns", "file: the text columns, in the order they are written.", &T::textColumns,
            s, cs),
        stringField<T>("label_column", "file: the label column.", &T::labelColumn, s, cs),
        boolField<T>("regression", "file: the label is a number (evaluated by Pearson/Spearman).", &T::regression, s,
            cs),
        stringField<T>("prefix", "file: task prefix written first in every source.", &T::prefix, s, cs),
        boolField<T>("skip_malformed", "Skip and count malformed rows instead of stopping at the first.",
            &T::skipMalformed, s, cs),
        intField<T>("train_size", "demo: training examples.", &T::trainSize, s, cs),
        intField<T>("validation_size", "demo: validation examples.", &T::validationSize, s, cs),
        intField<T>("test_size", "demo: test examples.", &T::testSize, s, cs),
        stringField<T>("wordnet_dir", "demo: folder with WordNet's data.* files (empty: the system's).", &T::wordnetDir,
            s, cs),
    };
    return fields;
}

const std::vector<Field> &trainFields()
{
    using T = TrainSettings;
    static const std::function<T &(RunConfig &)> s = [](RunConfig &c) -> T & { return c.train; };
    static const std::function<const T &(const RunConfig &)> cs = [](const RunConfig &c) -> const T & {
        return c.train;
    };
    static const std::vector<Field> fields = {
        intField<T>("batch_size", "Examples per micro-batch.", &T::batchSize, s, cs),
        numberField<T>("learning_rate", "AdamW peak learning rate; 0: the paper's rate for the method.",
            &T::learningRate, s, cs),
        intField<T>("epochs", "Passes over the training split (unless max_steps is set).", &T::epochs, s, cs),
        intField<T>("max_steps", "Optimizer steps; 0: epochs decide.", &T::maxSteps, s, cs),
        intField<T>("warmup_steps", "Linear warm-up steps, then linear decay to 0 (the paper: 500).", &T::warmupSteps,
            s, cs),
        intField<T>("max_source_length", "Source tokens kept, eos included; longer sources are truncated.",
            &T::maxSourceLength, s, cs),
        intField<T>("max_target_length", "Target tokens kept, eos included.", &T::maxTargetLength, s, cs),
        intField<T>("seed", "Seeds the weights, the method's init, dropout and the data order.", &T::seed, s, cs),
        intField<T>("eval_every", "Evaluate on the validation split every N steps (0: at epoch ends only).",
            &T::evalEvery, s, cs),
        intField<T>("threads", "Intra-op threads; 0: one per core.", &T::threads, s, cs),
        stringField<T>("precision", "fp32, or bf16: mixed precision (fp32 weights and optimizer state; matrix products and the activations they keep in bf16).", &T::precision, s, cs),
        stringField<T>("device", "cpu or cuda.", &T::device, s, cs),
        intField<T>("grad_accumulation", "Micro-batches per optimizer step.", &T::gradAccumulation, s, cs),
        numberField<T>("max_grad_norm", "Clip the global gradient norm to this; 0: no clipping.", &T::maxGradNorm, s,
            cs),
        numberField<T>("weight_decay", "AdamW weight decay.", &T::weightDecay, s, cs),
        intField<T>("checkpoint_every", "Write a checkpoint every N steps into output_dir; 0: none.",
            &T::checkpointEvery, s, cs),
        stringField<T>("output_dir", "Folder for checkpoints and the best model (empty: none written).",
            &T::outputDir, s, cs),
        stringField<T>("resume_from", "A checkpoint folder to continue the run from.", &T::resumeFrom, s, cs),
        stringField<T>("target_style", "words (label words) or ids (\"0\", \"1\", … as the paper's code).",
            &T::targetStyle, s, cs),
        intField<T>("eval_batch_size", "Examples per evaluation batch; 0: batch_size.", &T::evalBatchSize, s, cs),
        intField<T>("eval_limit", "Evaluate on at most N validation examples; 0: all.", &T::evalLimit, s, cs),
        boolField<T>("length_buckets", "Batch examples of similar length together (less padding).",
            &T::lengthBuckets, s, cs),
        intField<T>("vocab_size", "Preset backbones: pieces of the trained vocabulary; 0: automatic.", &T::vocabSize,
            s, cs),
        boolField<T>("eval_test", "Evaluate the labelled test split at the end.", &T::evalTest, s, cs),
        boolField<T>("measure_memory", "Split each step's peak memory into categories.", &T::measureMemory, s, cs),
    };
    return fields;
}

void readSection(RunConfig &config, const Json &object, const std::string &section, const std::vector<Field> &fields)
{
    if (!object.is_object())
        typeError(section, "an object", object);
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string path = section + "." + it.key();
        const Field *field = nullptr;
        for (const Field &candidate : fields) {
            if (candidate.key == it.key())
                field = &candidate;
        }
        if (field == nullptr) {
            std::string keys;
            for (const Field &candidate : fields)
                keys += (keys.empty() ? "" : ", ") + candidate.key;
            throw Error(path + ": unknown key (" + section + " keys: " + keys + ")");
        }
        field->read(config, it.value(), path);
    }
}

Json writeSection(const RunConfig &config, const std::vector<Field> &fields)
{
    Json object = Json::object();
    for (const Field &field : fields)
        object[field.key] = field.write(config);
    return object;
}

RunConfig parse(const Json &root)
{
    if (!root.is_object())
        typeError("the run configuration", "a JSON object", root);
    RunConfig config;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string &key = it.key();
        if (key == "name") {
            if (!it.value().is_string())
                typeError("name", "a string", it.value());
            config.name = it.value().get<std::string>();
        } else if (key == "backbone") {
            readSection(config, it.value(), "backbone", backboneFields());
        } else if (key == "task") {
            readSection(config, it.value(), "task", taskFields());
        } else if (key == "train") {
            readSection(config, it.value(), "train", trainFields());
        } else if (key == "method") {
            if (!it.value().is_object())
                typeError("method", "an object", it.value());
            config.method = MethodConfig::fromJson(it.value().dump(), "method");
        } else {
            throw Error(key + ": unknown key (run configuration keys: name, backbone, method, task, train)");
        }
    }
    return config;
}

Json toJsonValue(const RunConfig &config)
{
    Json root = Json::object();
    root["name"] = config.name;
    root["backbone"] = writeSection(config, backboneFields());
    root["method"] = Json::parse(config.method.toJson());
    root["task"] = writeSection(config, taskFields());
    root["train"] = writeSection(config, trainFields());
    return root;
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
        config.validate();
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
    return fromJson(text.str(), path);
}

std::string RunConfig::toJson() const { return toJsonValue(*this).dump(2); }

void RunConfig::applyOverride(const std::string &assignment)
{
    const auto [path, value] = parseSetAssignment(assignment, "train.batch_size=8");
    Json root = toJsonValue(*this);
    const bool pathGiven = path == "backbone.path";
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
    if (pathGiven && !value.is_null())
        root["backbone"]["preset"] = "";
    *this = fromJson(root.dump(), "--set " + assignment);
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
    if (backbone.preset.empty() == backbone.path.empty())
        throw Error("backbone: give exactly one of \"preset\" (a built-in shape or shipped backbone) or \"path\" "
                    "(a model folder)");
    resolveBackbonePath(backbone); // a preset that is neither a shape nor a shipped backbone
    if (task.kind != "glue" && task.kind != "file" && task.kind != "demo")
        throw Error("task.kind: expected \"glue\", \"file\" or \"demo\", got \"" + task.kind + "\"");
    if (task.kind == "glue" && task.dir.empty())
        throw Error("task.dir: a GLUE task needs the folder of its files (e.g. /data/glue/SST-2)");
    if (task.kind == "file" && (task.train.empty() || task.textColumns.empty()))
        throw Error("task: a file task needs \"train\" and \"text_columns\"");
    if (train.batchSize < 1)
        throw Error("train.batch_size: expected at least 1");
    if (train.gradAccumulation < 1)
        throw Error("train.grad_accumulation: expected at least 1");
    if (train.maxSourceLength < 2 || train.maxTargetLength < 2)
        throw Error("train.max_source_length / max_target_length: expected at least 2 (a token and eos)");
    if (train.epochs < 1 && train.maxSteps < 1)
        throw Error("train: set epochs or max_steps to at least 1");
    if (train.precision != "fp32" && train.precision != "bf16")
        throw Error("train.precision: expected \"fp32\" or \"bf16\", got \"" + train.precision + "\"");
    if (train.device != "cpu" && train.device != "cuda")
        throw Error("train.device: expected \"cpu\" or \"cuda\", got \"" + train.device + "\"");
    if (train.targetStyle != "words" && train.targetStyle != "ids")
        throw Error("train.target_style: expected \"words\" or \"ids\", got \"" + train.targetStyle + "\"");
    if (train.checkpointEvery > 0 && train.outputDir.empty())
        throw Error("train.checkpoint_every: checkpoints need train.output_dir");
}

std::vector<OptionDescription> describeRunConfigOptions()
{
    const RunConfig defaults;
    std::vector<OptionDescription> options{{"name",
        "A name for the run (shown in run lists); empty: method and its main knob, backbone and task.", "\"\""}};
    auto add = [&](const std::string &section, const std::vector<Field> &fields) {
        for (const Field &field : fields)
            options.push_back({section + "." + field.key, field.description, field.write(defaults).dump()});
    };
    add("backbone", backboneFields());
    add("task", taskFields());
    add("train", trainFields());
    return options;
}

} // namespace ladder
