// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include "peft/MethodConfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

/// Which T5 the run fine-tunes: a built-in shape with random weights, a shipped pretrained
/// teaching backbone (by name), or a HuggingFace folder.
struct BackboneConfig
{
    /// A T5Config::presetNames() shape (random weights), or the name of a shipped pretrained
    /// backbone (shippedBackboneNames(), e.g. "wordnet-t5-tiny"); used when `path` is empty.
    std::string preset = "t5-tiny";
    std::string path;               ///< a folder with config.json, model.safetensors (and spiece.model)
};

/// The folder the backbone loads from: `path`, or the shipped backbone `preset` names; empty
/// for a random preset shape. Throws ladder::Error when `preset` is neither a shape nor a
/// shipped backbone (listing both).
std::string resolveBackbonePath(const BackboneConfig &backbone);

/// Which examples the run trains and evaluates on.
struct TaskConfig
{
    std::string kind = "demo";          ///< "glue", "file" or "demo"
    std::string name = "polarity";      ///< GLUE task (sst2, mnli, …) or demo task name
    std::string dir;                    ///< glue: the task folder as GLUE distributes it
    std::string train;                  ///< file: training file
    std::string validation;             ///< file: validation file (may be empty)
    std::string test;                   ///< file: test file (may be empty)
    std::string format = "tsv";         ///< file: tsv, csv or jsonl
    std::vector<std::string> textColumns; ///< file: text columns in the order they are written
    std::string labelColumn = "label";  ///< file: the label column
    bool regression = false;            ///< file: the label is a number
    std::string prefix;                 ///< file: task prefix written first in the source
    bool skipMalformed = false;         ///< skip and count malformed rows instead of stopping
    int64_t trainSize = 2000;           ///< demo: training examples
    int64_t validationSize = 200;       ///< demo: validation examples
    int64_t testSize = 200;             ///< demo: test examples
    std::string wordnetDir;             ///< demo: WordNet data folder (empty: the system's)
};

/// How the run trains.
struct TrainSettings
{
    int64_t batchSize = 32;          ///< examples per optimizer step (per micro-batch with accumulation)
    double learningRate = 0.0;       ///< 0: the paper's rate for the method (see defaultLearningRate())
    int64_t epochs = 3;              ///< passes over the training split (unless maxSteps is set)
    int64_t maxSteps = 0;            ///< optimizer steps; 0: epochs decide
    int64_t warmupSteps = 0;         ///< linear warm-up steps (the paper uses 500)
    int64_t maxSourceLength = 128;   ///< source tokens kept (eos included)
    int64_t maxTargetLength = 128;   ///< target tokens kept (eos included)
    uint64_t seed = 0;               ///< seeds weights, method init, dropout and data order
    int64_t evalEvery = 200;         ///< evaluate every N steps (0: only at epoch end)
    int threads = 0;                 ///< intra-op threads; 0: one per core
    std::string precision = "fp32";  ///< fp32, or bf16 mixed precision (autocast)
    std::string device = "cpu";      ///< cpu or cuda
    int64_t gradAccumulation = 1;    ///< micro-batches per optimizer step
    double maxGradNorm = 1.0;        ///< global gradient-norm clip; 0: none
    double weightDecay = 0.0;        ///< AdamW weight decay
    int64_t checkpointEvery = 0;     ///< write a checkpoint every N steps; 0: none
    std::string outputDir;           ///< folder for checkpoints and the best model (empty: none)
    std::string resumeFrom;          ///< a checkpoint folder to continue from
    std::string targetStyle = "words"; ///< words (label words) or ids ("0", "1", … as the paper)
    int64_t evalBatchSize = 0;       ///< 0: batchSize
    int64_t evalLimit = 0;           ///< evaluate on at most N validation examples; 0: all
    bool lengthBuckets = true;       ///< group examples of similar length into batches
    int64_t vocabSize = 0;           ///< presets: pieces of the trained vocabulary; 0: automatic
    bool evalTest = true;            ///< evaluate the test split (when labelled) at the end
    bool measureMemory = true;       ///< split peak memory into categories every step
};

/// One training run, as the JSON document a user writes (docs/run-config.md):
/// {"name", "backbone": {...}, "method": {...}, "task": {...}, "train": {...}}.
struct RunConfig
{
    std::string name; ///< empty: the run is called defaultRunName() (see displayName())
    BackboneConfig backbone;
    MethodConfig method;
    TaskConfig task;
    TrainSettings train;

    /// Parses a run configuration. Unknown keys and wrong types throw ladder::Error naming the
    /// key path ("<source>: train.batch_size: expected an integer").
    static RunConfig fromJson(const std::string &jsonText, const std::string &sourceName);
    /// Reads a configuration file (errors name the file). Relative paths in it (backbone.path,
    /// task files and folders, train.output_dir, train.resume_from) are made absolute against the
    /// file's folder, not the current one.
    static RunConfig fromFile(const std::string &path);
    /// The configuration as JSON text, every field written (reads back to an equal config).
    std::string toJson() const;

    /// Applies "key.path=value" assignments all at once, then checks the result once as fromJson
    /// checks a file, so their order does not matter (`task.kind=glue` before or after
    /// `task.dir=D`): `train.batch_size=8`, `method.kind=lora`, `task.name=sst2`. A value is read
    /// by the key's declared type: a text or choice key takes `5` as "5"; other keys take JSON
    /// (8, true, [1, 2]) or else the bare word. A `method.kind` assignment applies first (a new
    /// kind starts from its defaults), then the method's options given beside it.
    void applyOverrides(const std::vector<std::string> &assignments);
    void applyOverride(const std::string &assignment) { applyOverrides({assignment}); }

    /// `name`, or when it is empty the descriptive default experiments/RunLabels.h builds
    /// ("lora r=32 · wordnet-t5-tiny · wordnet-lexname").
    std::string displayName() const;

    /// The learning rate the run uses: train.learningRate, or the method's default when 0.
    double effectiveLearningRate() const;
    /// Throws ladder::Error when settings contradict each other (both backbone.preset and
    /// path, a batch size of 0, …).
    void validate() const;
};

/// The paper's learning rate for a method: 3e-4 (full, bitfit, adapter, lora), 0.3 (prompt),
/// 3e-3 (lst).
double defaultLearningRate(MethodKind kind);

/// Every run-configuration field outside "method" with its default and description, keyed by
/// path ("train.batch_size"); the method's own come from describeMethodOptions().
std::vector<OptionDescription> describeRunConfigOptions();

} // namespace ladder
