// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI).
#pragma once

#include "pretrain/PretrainConfig.h"
#include "train/Trainer.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ladder {

/// What a pretraining run knows before its first step.
struct PretrainPreparation
{
    int64_t trainLines = 0;
    int64_t validationLines = 0;
    int64_t trainSequences = 0;      ///< sequence_length-token chunks of the training text
    int64_t validationSequences = 0; ///< chunks the validation loss averages over
    int64_t trainTokens = 0;
    int64_t vocabularyIds = 0;       ///< pieces + sentinels = the embedding's vocab_size
    int64_t inputLength = 0;         ///< corrupted input tokens per example (eos included)
    int64_t targetLength = 0;        ///< target tokens per example (eos included)
    int64_t parameters = 0;
    int64_t startStep = 0;           ///< > 0 when resuming
    int64_t totalSteps = 0;
};

/// One optimizer step.
struct PretrainStep
{
    int64_t step = 0;                ///< 1-based
    int64_t totalSteps = 0;
    double loss = 0.0;
    double learningRate = 0.0;
    double gradientNorm = 0.0;
    double stepSeconds = 0.0;
    double samplesPerSecond = 0.0;
    double tokensPerSecond = 0.0;
    double elapsedSeconds = 0.0;     ///< this process
    double etaSeconds = 0.0;
};

/// Receives a pretraining run's progress on the thread that runs it.
class PretrainObserver
{
public:
    virtual ~PretrainObserver() = default;
    virtual void prepared(const PretrainPreparation & /*preparation*/) {}
    virtual void stepFinished(const PretrainStep & /*step*/) {}
    virtual void validated(int64_t /*step*/, double /*loss*/) {}
    virtual void checkpointWritten(int64_t /*step*/, const std::string & /*path*/) {}
    virtual void logLine(const std::string & /*line*/) {}
};

/// How a pretraining run ended.
struct PretrainResult
{
    TrainerStatus status = TrainerStatus::Failed;
    std::string message;
    int64_t steps = 0;
    /// Training loss of every step of the run so far (resumed steps included).
    std::vector<double> losses;
    /// (step, mean validation loss) of every evaluation so far.
    std::vector<std::pair<int64_t, double>> validationLosses;
    double seconds = 0.0;            ///< wall time of the steps of this process
    int64_t parameters = 0;
    PretrainPreparation preparation;
    std::string outputDir;           ///< the HuggingFace folder (when finished)
    std::string lastCheckpoint;
};

/// Pretrains a T5 from scratch with span corruption (docs/pretrain.md): reads the corpus, trains
/// a sentencepiece vocabulary on its training lines, builds the model with HuggingFace's
/// initialisation, trains with AdamW (linear warm-up and decay), checkpoints, and at the end
/// writes output_dir as a HuggingFace folder (config.json, generation_config.json,
/// model.safetensors, spiece.model) with pretrain.json (configuration and loss summary) and,
/// for a WordNet corpus, LICENSE. `resumeFrom`: a checkpoint folder this configuration wrote.
/// Errors end the run with status Failed and a message; nothing is thrown.
PretrainResult runPretraining(const PretrainConfig &config, PretrainObserver &observer, const RunControl &control,
    const std::string &resumeFrom = {});

/// The loss summary pretrain.json and README.md show: the mean training loss over each tenth
/// of the run, as (last step of the tenth, mean).
std::vector<std::pair<int64_t, double>> lossCurveSummary(const std::vector<double> &losses, int parts = 10);

/// README.md for a finished output folder: what it is, corpus and licence, shape, the loss
/// summary and `command`, the exact command that produced it.
std::string pretrainReadme(const PretrainConfig &config, const PretrainResult &result, const std::string &command);

} // namespace ladder
