// SPDX-License-Identifier: GPL-3.0-or-later
#include "pretrain/PretrainConfig.h"

#include "config/ConfigSchema.h"
#include "util/Error.h"
#include "util/SetAssignment.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace ladder {

namespace {

using Json = ConfigJson;

/// Every option of a pretraining configuration, declared once (config/ConfigSchema.h).
const ConfigSchema<PretrainConfig> &pretrainSchema()
{
    static const ConfigSchema<PretrainConfig> schema = [] {
        using C = PretrainConfig;
        ConfigSchema<C> s;
        s.text("name", "The backbone's name (its folder's README and the run list).", [](C &c) -> auto & { return c.name; });
        s.text("output_dir", "The folder the backbone is written to (required).",
            [](C &c) -> auto & { return c.outputDir; });
        s.choice("corpus.kind", "wordnet (definitions and examples) or files (your UTF-8 text, one example a line).",
            [](C &c) -> auto & { return c.corpus.kind; }, {"wordnet", "files"});
        s.text("corpus.wordnet_dir", "Folder with WordNet's data.* files (empty: the system's).",
            [](C &c) -> auto & { return c.corpus.wordnetDir; });
        s.textList("corpus.files", "files: UTF-8 text files, one example a line.",
            [](C &c) -> auto & { return c.corpus.files; });
        s.boolean("corpus.include_words", "wordnet: \"<words>: <definition>\" lines.",
            [](C &c) -> auto & { return c.corpus.includeWords; });
        s.boolean("corpus.include_examples", "wordnet: usage examples as lines.",
            [](C &c) -> auto & { return c.corpus.includeExamples; });
        s.number("corpus.validation_share", "Share of lines held out for the validation loss.",
            [](C &c) -> auto & { return c.corpus.validationShare; }, fromBelow(0, 0.5));
        s.text("model.preset", "A T5 shape (t5-tiny, …); empty: every size below must be given.",
            [](C &c) -> auto & { return c.model.preset; });
        s.integer<int64_t>("model.d_model", "Hidden size; 0: the preset's.", [](C &c) -> auto & { return c.model.dModel; },
            atLeast(0));
        s.integer<int64_t>("model.d_kv", "Size of each attention head; 0: the preset's.",
            [](C &c) -> auto & { return c.model.dKv; }, atLeast(0));
        s.integer<int64_t>("model.d_ff", "Feed-forward size; 0: the preset's.", [](C &c) -> auto & { return c.model.dFf; },
            atLeast(0));
        s.integer<int64_t>("model.num_layers", "Encoder layers; 0: the preset's.",
            [](C &c) -> auto & { return c.model.numLayers; }, atLeast(0));
        s.integer<int64_t>("model.num_decoder_layers", "Decoder layers; 0: num_layers (or the preset's).",
            [](C &c) -> auto & { return c.model.numDecoderLayers; }, atLeast(0));
        s.integer<int64_t>("model.num_heads", "Attention heads; 0: the preset's.",
            [](C &c) -> auto & { return c.model.numHeads; }, atLeast(0));
        s.text("model.feed_forward_proj", "relu or gated-gelu; empty: the preset's (relu without a preset).",
            [](C &c) -> auto & { return c.model.feedForwardProj; });
        s.number("model.dropout_rate", "Dropout while pretraining, written to config.json.",
            [](C &c) -> auto & { return c.model.dropoutRate; }, fromBelow(0, 1));
        s.integer<int64_t>("vocab.size", "Pieces (pad, eos and unk included); 100 sentinel ids are added.",
            [](C &c) -> auto & { return c.vocab.size; }, atLeast(16));
        s.choice("vocab.model_type", "unigram or bpe (sentencepiece's model types).",
            [](C &c) -> auto & { return c.vocab.modelType; }, {"unigram", "bpe"});
        s.integer<int64_t>("vocab.input_sentence_size", "Lines sampled to train the vocabulary; 0: all.",
            [](C &c) -> auto & { return c.vocab.inputSentenceSize; }, atLeast(0));
        s.integer<int64_t>("train.sequence_length", "Tokens per packed example.",
            [](C &c) -> auto & { return c.train.sequenceLength; }, atLeast(4));
        s.integer<int64_t>("train.batch_size", "Examples per step.", [](C &c) -> auto & { return c.train.batchSize; },
            atLeast(1));
        s.integer<int64_t>("train.steps", "Optimizer steps.", [](C &c) -> auto & { return c.train.steps; }, atLeast(0));
        s.choice("train.optimizer", "adamw, or adamw_scaled (each tensor's update relative to its RMS).",
            [](C &c) -> auto & { return c.train.optimizer; }, {"adamw", "adamw_scaled"});
        s.number("train.learning_rate", "Peak learning rate (for adamw_scaled, relative to each tensor's RMS).",
            [](C &c) -> auto & { return c.train.learningRate; }, above(0));
        s.integer<int64_t>("train.warmup_steps", "Linear warm-up, then linear decay to 0 at steps.",
            [](C &c) -> auto & { return c.train.warmupSteps; }, atLeast(0));
        s.number("train.weight_decay", "AdamW weight decay.", [](C &c) -> auto & { return c.train.weightDecay; },
            atLeast(0));
        s.number("train.max_grad_norm", "Clip the global gradient norm to this; 0: no clipping.",
            [](C &c) -> auto & { return c.train.maxGradNorm; }, atLeast(0));
        s.integer<uint64_t>("train.seed", "Seeds weights, vocabulary, data order, masks and dropout.",
            [](C &c) -> auto & { return c.train.seed; });
        s.integer<int64_t>("train.checkpoint_every", "Write a checkpoint every N steps; 0: none.",
            [](C &c) -> auto & { return c.train.checkpointEvery; }, atLeast(0));
        s.integer<int64_t>("train.eval_every", "Validation loss every N steps; 0: only at the end.",
            [](C &c) -> auto & { return c.train.evalEvery; }, atLeast(0));
        s.integer<int>("train.threads", "Intra-op threads; 0: one per core.", [](C &c) -> auto & { return c.train.threads; },
            between(0, 1024));
        s.number("train.noise_density", "Share of tokens masked into spans.",
            [](C &c) -> auto & { return c.train.noiseDensity; }, strictlyBetween(0, 1));
        s.number("train.mean_noise_span_length", "Mean length of a masked span.",
            [](C &c) -> auto & { return c.train.meanNoiseSpanLength; }, atLeast(1));
        return s;
    }();
    return schema;
}

PretrainConfig parse(const Json &root)
{
    PretrainConfig config;
    pretrainSchema().read(config, root, "pretraining configuration");
    // A model given by explicit sizes alone means no preset.
    if (root.contains("model") && !root["model"].contains("preset") && root["model"].contains("d_model"))
        config.model.preset.clear();
    return config;
}

Json toJsonValue(const PretrainConfig &config) { return pretrainSchema().write(config); }

} // namespace

namespace {

/// The rules between options (a GLUE task needs its folder, …); each option's own type, range
/// and choices are the schema's.
void checkCrossOptionRules(const PretrainConfig &config)
{
    if (config.corpus.kind == "files" && config.corpus.files.empty())
        throw Error("corpus.files: a \"files\" corpus needs at least one text file");
    if (config.model.preset.empty() && (config.model.dModel == 0 || config.model.dFf == 0 || config.model.numLayers == 0 || config.model.numHeads == 0))
        throw Error("model: without a preset, give d_model, d_ff, num_layers and num_heads");
    if (config.outputDir.empty())
        throw Error("output_dir: the folder the backbone is written to is required");
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
        checkCrossOptionRules(config);
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
    const auto [path, value, text] = parseSetAssignment(assignment, "train.steps=500");
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
    // Every declared type, range and choice, also for a configuration built in code (fromJson
    // has read them already and checks only the cross-option rules).
    PretrainConfig checked;
    pretrainSchema().read(checked, pretrainSchema().write(*this), "pretraining configuration");
    checkCrossOptionRules(*this);
}

std::vector<OptionDescription> describePretrainOptions() { return pretrainSchema().describeAll(); }

} // namespace ladder
