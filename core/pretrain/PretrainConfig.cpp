// SPDX-License-Identifier: GPL-3.0-or-later
#include "pretrain/PretrainConfig.h"

#include "util/Error.h"
#include "util/SetAssignment.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <variant>

namespace ladder {

namespace {

using Json = nlohmann::ordered_json;
using Target = std::variant<std::string *, int64_t *, uint64_t *, int *, double *, bool *, std::vector<std::string> *>;

/// One key of the file and the member it fills; the single table reading and writing share.
struct Binding
{
    const char *section; ///< "" for top-level keys
    const char *key;
    Target target;
};

std::vector<Binding> bindings(PretrainConfig &c)
{
    return {
        {"", "name", &c.name},
        {"", "output_dir", &c.outputDir},
        {"corpus", "kind", &c.corpus.kind},
        {"corpus", "wordnet_dir", &c.corpus.wordnetDir},
        {"corpus", "files", &c.corpus.files},
        {"corpus", "include_words", &c.corpus.includeWords},
        {"corpus", "include_examples", &c.corpus.includeExamples},
        {"corpus", "validation_share", &c.corpus.validationShare},
        {"model", "preset", &c.model.preset},
        {"model", "d_model", &c.model.dModel},
        {"model", "d_kv", &c.model.dKv},
        {"model", "d_ff", &c.model.dFf},
        {"model", "num_layers", &c.model.numLayers},
        {"model", "num_decoder_layers", &c.model.numDecoderLayers},
        {"model", "num_heads", &c.model.numHeads},
        {"model", "feed_forward_proj", &c.model.feedForwardProj},
        {"model", "dropout_rate", &c.model.dropoutRate},
        {"vocab", "size", &c.vocab.size},
        {"vocab", "model_type", &c.vocab.modelType},
        {"vocab", "input_sentence_size", &c.vocab.inputSentenceSize},
        {"train", "sequence_length", &c.train.sequenceLength},
        {"train", "batch_size", &c.train.batchSize},
        {"train", "steps", &c.train.steps},
        {"train", "optimizer", &c.train.optimizer},
        {"train", "learning_rate", &c.train.learningRate},
        {"train", "warmup_steps", &c.train.warmupSteps},
        {"train", "weight_decay", &c.train.weightDecay},
        {"train", "max_grad_norm", &c.train.maxGradNorm},
        {"train", "seed", &c.train.seed},
        {"train", "checkpoint_every", &c.train.checkpointEvery},
        {"train", "eval_every", &c.train.evalEvery},
        {"train", "threads", &c.train.threads},
        {"train", "noise_density", &c.train.noiseDensity},
        {"train", "mean_noise_span_length", &c.train.meanNoiseSpanLength},
    };
}

const char *const kSections[] = {"corpus", "model", "vocab", "train"};

[[noreturn]] void typeError(const std::string &path, const char *expected, const Json &value)
{
    throw Error(path + ": expected " + expected + ", got " + value.dump());
}

void readValue(const Target &target, const Json &value, const std::string &path)
{
    std::visit(
        [&](auto *member) {
            using T = std::remove_pointer_t<decltype(member)>;
            if constexpr (std::is_same_v<T, std::string>) {
                if (!value.is_string())
                    typeError(path, "a string", value);
                *member = value.get<std::string>();
            } else if constexpr (std::is_same_v<T, bool>) {
                if (!value.is_boolean())
                    typeError(path, "true or false", value);
                *member = value.get<bool>();
            } else if constexpr (std::is_same_v<T, double>) {
                if (!value.is_number() || value.get<double>() < 0)
                    typeError(path, "a non-negative number", value);
                *member = value.get<double>();
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                if (!value.is_array())
                    typeError(path, "an array of strings", value);
                std::vector<std::string> items;
                for (std::size_t i = 0; i < value.size(); ++i) {
                    if (!value[i].is_string())
                        typeError(path + "[" + std::to_string(i) + "]", "a string", value[i]);
                    items.push_back(value[i].get<std::string>());
                }
                *member = items;
            } else {
                if (!value.is_number_integer() || (!value.is_number_unsigned() && value.get<int64_t>() < 0))
                    typeError(path, "a non-negative integer", value);
                if constexpr (std::is_same_v<T, int>) {
                    if (value.get<uint64_t>() > 1024)
                        typeError(path, "an integer of at most 1024", value);
                }
                *member = value.get<T>();
            }
        },
        target);
}

Json writeValue(const Target &target)
{
    return std::visit([](auto *member) { return Json(*member); }, target);
}

PretrainConfig parse(const Json &root)
{
    if (!root.is_object())
        typeError("the configuration", "a JSON object", root);
    PretrainConfig config;
    std::vector<Binding> table = bindings(config);
    auto known = [&](const std::string &section) {
        std::string keys;
        for (const Binding &b : table) {
            if (b.section == section)
                keys += std::string(keys.empty() ? "" : ", ") + b.key;
        }
        return keys;
    };
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string &key = it.key();
        bool isSection = false;
        for (const char *section : kSections)
            isSection = isSection || key == section;
        if (isSection) {
            if (!it.value().is_object())
                typeError(key, "an object", it.value());
            for (auto field = it.value().begin(); field != it.value().end(); ++field) {
                const std::string path = key + "." + field.key();
                bool found = false;
                for (const Binding &b : table) {
                    if (b.section == key && field.key() == b.key) {
                        readValue(b.target, field.value(), path);
                        found = true;
                    }
                }
                if (!found)
                    throw Error(path + ": unknown key (" + key + " keys: " + known(key) + ")");
            }
            continue;
        }
        bool found = false;
        for (const Binding &b : table) {
            if (std::string(b.section).empty() && key == b.key) {
                readValue(b.target, it.value(), key);
                found = true;
            }
        }
        if (!found)
            throw Error(key + ": unknown key (pretraining configuration keys: name, output_dir, corpus, model, "
                              "vocab, train)");
    }
    // A model given by explicit sizes alone means no preset.
    if (root.contains("model") && !root["model"].contains("preset") && root["model"].contains("d_model"))
        config.model.preset.clear();
    return config;
}

Json toJsonValue(const PretrainConfig &config)
{
    PretrainConfig copy = config;
    Json root = Json::object();
    for (const Binding &b : bindings(copy)) {
        if (std::string(b.section).empty())
            root[b.key] = writeValue(b.target);
        else
            root[b.section][b.key] = writeValue(b.target);
    }
    return root;
}

} // namespace

PretrainConfig PretrainConfig::fromJson(const std::string &jsonText, const std::string &sourceName)
{
    Json root;
    try {
        root = Json::parse(jsonText);
    } catch (const Json::exception &e) {
        throw Error(sourceName + ": not valid JSON: " + e.what());
    }
    try {
        PretrainConfig config = parse(root);
        config.validate();
        return config;
    } catch (const Error &e) {
        throw Error(sourceName + ": " + e.what());
    }
}

PretrainConfig PretrainConfig::fromFile(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path + ": cannot read the pretraining configuration");
    std::stringstream text;
    text << in.rdbuf();
    return fromJson(text.str(), path);
}

std::string PretrainConfig::toJson() const
{
    return toJsonValue(*this).dump(2);
}

void PretrainConfig::applyOverride(const std::string &assignment)
{
    const auto [path, value] = parseSetAssignment(assignment, "train.steps=500");
    Json root = toJsonValue(*this);
    const std::size_t dot = path.find('.');
    if (dot == std::string::npos) {
        if (!root.contains(path) || root[path].is_object())
            throw Error("--set " + path + ": unknown key");
        root[path] = value;
    } else {
        const std::string section = path.substr(0, dot);
        const std::string key = path.substr(dot + 1);
        if (!root.contains(section) || !root[section].is_object() || !root[section].contains(key))
            throw Error("--set " + path + ": unknown key");
        root[section][key] = value;
        // Explicit sizes without a preset: `--set model.preset=` clears it.
    }
    *this = fromJson(root.dump(), "--set " + assignment);
}

void PretrainConfig::validate() const
{
    if (corpus.kind != "wordnet" && corpus.kind != "files")
        throw Error("corpus.kind: expected \"wordnet\" or \"files\", got \"" + corpus.kind + "\"");
    if (corpus.kind == "files" && corpus.files.empty())
        throw Error("corpus.files: a \"files\" corpus needs at least one text file");
    if (corpus.validationShare >= 0.5)
        throw Error("corpus.validation_share: expected less than 0.5, got " + std::to_string(corpus.validationShare));
    if (model.preset.empty() && (model.dModel == 0 || model.dFf == 0 || model.numLayers == 0 || model.numHeads == 0))
        throw Error("model: without a preset, give d_model, d_ff, num_layers and num_heads");
    if (vocab.size < 16)
        throw Error("vocab.size: expected at least 16 pieces, got " + std::to_string(vocab.size));
    if (vocab.modelType != "unigram" && vocab.modelType != "bpe")
        throw Error("vocab.model_type: expected \"unigram\" or \"bpe\", got \"" + vocab.modelType + "\"");
    if (train.sequenceLength < 4)
        throw Error("train.sequence_length: expected at least 4 tokens");
    if (train.batchSize < 1)
        throw Error("train.batch_size: expected at least 1");
    if (train.optimizer != "adamw" && train.optimizer != "adamw_scaled")
        throw Error("train.optimizer: expected \"adamw\" or \"adamw_scaled\", got \"" + train.optimizer + "\"");
    if (!(train.learningRate > 0))
        throw Error("train.learning_rate: expected a positive rate");
    if (!(train.noiseDensity > 0 && train.noiseDensity < 1))
        throw Error("train.noise_density: expected a share in (0, 1)");
    if (train.meanNoiseSpanLength < 1)
        throw Error("train.mean_noise_span_length: expected at least 1");
    if (model.dropoutRate >= 1)
        throw Error("model.dropout_rate: expected a rate below 1");
    if (outputDir.empty())
        throw Error("output_dir: the folder the backbone is written to is required");
}

} // namespace ladder
