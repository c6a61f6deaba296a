// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI).
#pragma once

#include "config/OptionDescription.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

/// The text a backbone is pretrained on.
struct PretrainCorpusConfig
{
    /// "wordnet": WordNet's definitions and examples (WordNetCorpus.h), plus `files`;
    /// "files": only the text files in `files` (one sentence or paragraph a line).
    std::string kind = "wordnet";
    std::string wordnetDir;           ///< empty: defaultWordNetDir()
    std::vector<std::string> files;   ///< extra UTF-8 text files, one line an example
    bool includeWords = true;         ///< wordnet: "<words>: <definition>" lines
    bool includeExamples = true;      ///< wordnet: usage examples as lines
    /// Every line whose hash falls in this share is kept out of training for the
    /// pretraining validation loss.
    double validationShare = 0.01;
};

/// The T5 shape: a preset (T5Config::preset) with optional overrides, or explicit sizes.
/// vocab_size is never given here: it is the trained vocabulary's pieces plus 100 sentinels.
struct PretrainModelConfig
{
    std::string preset = "t5-tiny";   ///< empty: every size below must be given
    int64_t dModel = 0;               ///< 0: the preset's
    int64_t dKv = 0;
    int64_t dFf = 0;
    int64_t numLayers = 0;
    int64_t numDecoderLayers = 0;     ///< 0: num_layers (or the preset's)
    int64_t numHeads = 0;
    std::string feedForwardProj;      ///< empty: the preset's ("relu" without a preset)
    double dropoutRate = 0.1;         ///< used while pretraining and written to config.json
};

/// The sentencepiece vocabulary trained on the corpus first.
struct PretrainVocabConfig
{
    int64_t size = 8092;              ///< pieces (pad, eos and unk included); +100 sentinel ids
    std::string modelType = "unigram";
    int64_t inputSentenceSize = 0;    ///< lines sampled for training; 0: all
};

/// How the model trains.
struct PretrainTrainConfig
{
    /// Tokens of text per example before corruption; inputs and targets are shorter (see
    /// spanCorruptedLengths) and every example of a run has the same lengths.
    int64_t sequenceLength = 64;
    int64_t batchSize = 32;
    /// Optimizer steps. 0 writes the freshly initialised model with the trained vocabulary: the
    /// random baseline of the same shape and vocabulary that benchmarks compare against.
    int64_t steps = 2000;
    /// "adamw": every tensor steps by the same absolute rate. "adamw_scaled": nanoT5's
    /// AdamWScale, each tensor's step multiplied by max(1e-3, RMS of the tensor), as Adafactor
    /// scales T5's updates; T5's small attention initialisation (q at (d_model·d_kv)^-1/2)
    /// otherwise grows many times faster than the embeddings and block 0's attention collapses
    /// (docs/pretrain.md). Unlike nanoT5, weight decay is scaled along with the step.
    std::string optimizer = "adamw";
    double learningRate = 3e-3;       ///< peak rate (for adamw_scaled, relative to each tensor's RMS)
    int64_t warmupSteps = 100;        ///< linear warm-up, then linear decay to 0 at `steps`
    double weightDecay = 0.0;
    double maxGradNorm = 1.0;         ///< 0: no clipping
    uint64_t seed = 0;                ///< weights, vocabulary, data order, masks and dropout
    int64_t checkpointEvery = 500;    ///< 0: no checkpoints
    int64_t evalEvery = 100;          ///< validation loss every N steps (0: only at the end)
    int threads = 0;                  ///< intra-op threads; 0: one per core
    double noiseDensity = 0.15;
    double meanNoiseSpanLength = 3.0;
};

/// `ladder pretrain`'s configuration file (docs/pretrain.md).
struct PretrainConfig
{
    std::string name = "pretrain";
    PretrainCorpusConfig corpus;
    PretrainModelConfig model;
    PretrainVocabConfig vocab;
    PretrainTrainConfig train;
    /// The HuggingFace folder written at the end (config.json, model.safetensors,
    /// spiece.model, pretrain.json, README.md, LICENSE); work files go to <output_dir>/work.
    std::string outputDir;

    /// Parses the JSON text; unknown keys and wrong types throw ladder::Error naming the key
    /// path ("<source>: train.batch_size: expected an integer").
    static PretrainConfig fromJson(const std::string &jsonText, const std::string &sourceName);
    static PretrainConfig fromFile(const std::string &path);
    /// Every field, as JSON text that reads back to an equal configuration.
    std::string toJson() const;
    /// "key.path=value" (value: JSON, else a string), checked as fromJson checks a file.
    void applyOverride(const std::string &assignment);
    /// Throws ladder::Error for impossible settings.
    void validate() const;
};

/// Every option with its full path ("train.steps"), description, default, type and range or choices.
std::vector<OptionDescription> describePretrainOptions();

} // namespace ladder
