// SPDX-License-Identifier: GPL-3.0-or-later
#include "pretrain/Pretrainer.h"

#include "corpus/WordNetCorpus.h"
#include "io/StateDict.h"
#include "model/T5Checkpoint.h"
#include "model/T5Init.h"
#include "pretrain/PretrainCorpus.h"
#include "pretrain/SpanCorruption.h"
#include "runtime/Threads.h"
#include "tokenizer/SentencePieceTokenizer.h"
#include "train/Checkpoint.h"
#include "train/LrSchedule.h"
#include "train/RunLoop.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>

namespace ladder {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSentinels = 100;            ///< T5's extra ids
constexpr int64_t kMaxValidationSequences = 256;

void writeText(const fs::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out)
        throw Error(path.string() + ": cannot write");
}

T5Config modelShape(const PretrainModelConfig &model, int64_t vocabularyIds)
{
    T5Config config = model.preset.empty() ? T5Config() : T5Config::preset(model.preset);
    if (model.preset.empty()) {
        config.setFeedForwardProj("relu");
        config.dKv = 0;
        config.numDecoderLayers = 0;
    }
    if (model.dModel > 0)
        config.dModel = model.dModel;
    if (model.dFf > 0)
        config.dFf = model.dFf;
    if (model.numHeads > 0)
        config.numHeads = model.numHeads;
    if (model.dKv > 0)
        config.dKv = model.dKv;
    else if (model.preset.empty() || model.dModel > 0 || model.numHeads > 0)
        config.dKv = config.dModel / config.numHeads; // T5's convention d_kv = d_model / heads
    if (model.numLayers > 0) {
        config.numLayers = model.numLayers;
        if (model.numDecoderLayers == 0)
            config.numDecoderLayers = model.numLayers;
    }
    if (model.numDecoderLayers > 0)
        config.numDecoderLayers = model.numDecoderLayers;
    if (!model.feedForwardProj.empty())
        config.setFeedForwardProj(model.feedForwardProj);
    config.dropoutRate = model.dropoutRate;
    config.vocabSize = vocabularyIds;
    config.extraJson.clear();
    config.validate("model");
    return config;
}

class PretrainingRun
{
public:
    PretrainingRun(const PretrainConfig &config, PretrainObserver &observer, const RunControl &control)
        : m_config(config), m_observer(observer), m_control(control)
    {
    }

    PretrainResult run(const std::string &resumeFrom);

private:
    void prepare(const std::string &resumeFrom);
    void trainLoop();
    torch::Tensor batchTensor(const std::vector<std::vector<int64_t>> &rows) const;
    /// The corrupted example of training sequence `index` drawn in `epoch` (mask seeded by both).
    SpanCorruptedExample corrupt(const std::vector<int64_t> &tokens, uint64_t maskSeed) const;
    double validationLoss();
    void writeCheckpoint(int64_t step);
    int64_t readCheckpoint(const std::string &folder);
    void writeOutput();
    void setLearningRates(double rate);
    void log(const std::string &line) { m_observer.logLine(line); }

    const PretrainConfig &m_config;
    PretrainObserver &m_observer;
    const RunControl &m_control;
    PretrainResult m_result;

    fs::path m_work;
    std::optional<SentencePieceTokenizer> m_tokenizer;
    std::vector<std::vector<int64_t>> m_train, m_validation;
    SpanCorruptionOptions m_noise;
    T5Config m_shape;
    T5ForConditionalGeneration m_model{nullptr};
    std::vector<torch::Tensor> m_parameters;
    std::unique_ptr<torch::optim::AdamW> m_optimizer;
    int64_t m_startStep = 0;
    int64_t m_orderEpoch = -1;
    std::vector<std::size_t> m_order;
};

SpanCorruptedExample PretrainingRun::corrupt(const std::vector<int64_t> &tokens, uint64_t maskSeed) const
{
    std::mt19937_64 random(maskSeed);
    const std::vector<bool> mask = randomSpansNoiseMask(static_cast<int64_t>(tokens.size()), m_noise, random);
    return applySpanCorruption(tokens, mask, m_tokenizer->sentinelId(0), m_tokenizer->extraIdCount(),
        SentencePieceTokenizer::eosId);
}

torch::Tensor PretrainingRun::batchTensor(const std::vector<std::vector<int64_t>> &rows) const
{
    const auto width = static_cast<int64_t>(rows.front().size());
    torch::Tensor tensor = torch::empty({static_cast<int64_t>(rows.size()), width}, torch::kInt64);
    auto *data = tensor.data_ptr<int64_t>();
    for (std::size_t r = 0; r < rows.size(); ++r)
        std::copy(rows[r].begin(), rows[r].end(), data + static_cast<int64_t>(r) * width);
    return tensor;
}

void PretrainingRun::prepare(const std::string &resumeFrom)
{
    const PretrainTrainConfig &train = m_config.train;
    const int threads = configureThreads(train.threads);
    log("threads: " + std::to_string(threads));
    m_noise.noiseDensity = train.noiseDensity;
    m_noise.meanNoiseSpanLength = train.meanNoiseSpanLength;
    std::error_code ec;
    // Absolute, so the store's checkpoint paths resume from any working directory.
    m_work = fs::absolute(fs::path(m_config.outputDir), ec) / "work";
    fs::create_directories(m_work, ec);
    if (ec)
        throw Error(m_work.string() + ": cannot create the work folder: " + ec.message());

    const CorpusLines lines = readCorpus(m_config.corpus);
    log("corpus: " + std::to_string(lines.train.size()) + " training lines, " + std::to_string(lines.validation.size())
        + " validation lines");

    // The vocabulary: trained on the training lines, reused when resuming.
    const fs::path vocabulary = m_work / "spiece.model";
    if (resumeFrom.empty() || !fs::is_regular_file(vocabulary)) {
        std::string text;
        for (const std::string &line : lines.train)
            text += line + '\n';
        writeText(m_work / "corpus.txt", text);
        log("training a " + std::to_string(m_config.vocab.size) + "-piece " + m_config.vocab.modelType
            + " sentencepiece vocabulary");
        SentencePieceTrainingOptions options;
        options.inputFiles = {(m_work / "corpus.txt").string()};
        options.modelPrefix = (m_work / "spiece").string();
        options.vocabSize = static_cast<int>(m_config.vocab.size);
        options.modelType = m_config.vocab.modelType;
        options.hardVocabLimit = false;
        options.inputSentenceSize = m_config.vocab.inputSentenceSize;
        options.seed = static_cast<uint32_t>(train.seed);
        options.numThreads = std::max(1, threads);
        trainSentencePiece(options);
        fs::remove(m_work / "corpus.txt", ec);
    }
    m_tokenizer = SentencePieceTokenizer::load(vocabulary.string(), kSentinels);
    if (m_tokenizer->pieceCount() != m_config.vocab.size)
        log("sentencepiece made " + std::to_string(m_tokenizer->pieceCount()) + " pieces (asked for "
            + std::to_string(m_config.vocab.size) + ")");

    PretrainPreparation &p = m_result.preparation;
    m_train = packSequences(lines.train, *m_tokenizer, train.sequenceLength, train.seed, &p.trainTokens);
    int64_t validationTokens = 0;
    m_validation = packSequences(lines.validation, *m_tokenizer, train.sequenceLength, train.seed, &validationTokens);
    if (static_cast<int64_t>(m_validation.size()) > kMaxValidationSequences)
        m_validation.resize(kMaxValidationSequences);
    if (m_train.empty())
        throw Error("the corpus holds fewer than train.sequence_length = " + std::to_string(train.sequenceLength)
            + " tokens of training text");

    m_shape = modelShape(m_config.model, m_tokenizer->vocabSize());
    m_model = createRandomT5(m_shape, train.seed);
    for (const auto &parameter : m_model->parameters())
        m_parameters.push_back(parameter);
    // adamw_scaled: one group per tensor, so each can step at its own rate (setLearningRates).
    m_optimizer = makeAdamW(m_parameters, train.learningRate, train.weightDecay, train.optimizer == "adamw_scaled");
    if (!resumeFrom.empty())
        m_startStep = readCheckpoint(resumeFrom);

    const CorruptedLengths lengths = spanCorruptedLengths(train.sequenceLength, m_noise);
    p.trainLines = static_cast<int64_t>(lines.train.size());
    p.validationLines = static_cast<int64_t>(lines.validation.size());
    p.trainSequences = static_cast<int64_t>(m_train.size());
    p.validationSequences = static_cast<int64_t>(m_validation.size());
    p.vocabularyIds = m_tokenizer->vocabSize();
    p.inputLength = lengths.inputs;
    p.targetLength = lengths.targets;
    p.parameters = 0;
    for (const auto &parameter : m_parameters)
        p.parameters += parameter.numel();
    p.startStep = m_startStep;
    p.totalSteps = train.steps;
    m_result.parameters = p.parameters;
    m_observer.prepared(p);
}

double PretrainingRun::validationLoss()
{
    if (m_validation.empty())
        return std::nan("");
    torch::NoGradGuard noGrad;
    m_model->eval();
    double sum = 0.0;
    int64_t batches = 0;
    const auto batch = static_cast<std::size_t>(m_config.train.batchSize);
    for (std::size_t first = 0; first < m_validation.size(); first += batch) {
        std::vector<std::vector<int64_t>> inputs, targets;
        for (std::size_t i = first; i < std::min(first + batch, m_validation.size()); ++i) {
            // Fixed masks: the same examples at every evaluation.
            SpanCorruptedExample example = corrupt(m_validation[i], mixSeeds(m_config.train.seed, ~0ULL, i));
            inputs.push_back(std::move(example.inputs));
            targets.push_back(std::move(example.targets));
        }
        T5Inputs in;
        in.inputIds = batchTensor(inputs);
        in.labels = batchTensor(targets);
        // Every sequence has the same length, so a batch mean weights each token equally
        // except for a smaller last batch; weight by rows to keep it a per-token mean.
        sum += m_model->forward(in).loss.item<double>() * static_cast<double>(inputs.size());
        batches += static_cast<int64_t>(inputs.size());
    }
    m_model->train();
    return sum / static_cast<double>(batches);
}

void PretrainingRun::setLearningRates(double rate)
{
    if (m_config.train.optimizer != "adamw_scaled") {
        setLearningRate(*m_optimizer, rate);
        return;
    }
    torch::NoGradGuard noGrad;
    // nanoT5's AdamWScale: the step relative to the tensor's size, floored as Adafactor floors
    // it, so zero-initialised tensors can still move.
    setLearningRate(*m_optimizer, rate, [](torch::optim::OptimizerParamGroup &group) {
        return std::max(1e-3, group.params().front().pow(2).mean().sqrt().item<double>());
    });
}

void PretrainingRun::trainLoop()
{
    const PretrainTrainConfig &train = m_config.train;
    const auto sequences = static_cast<int64_t>(m_train.size());
    m_model->train();
    if (train.steps == 0) {
        // Nothing to train: the initialised model is the output (a random baseline); record
        // where it stands.
        const double validation = validationLoss();
        if (std::isfinite(validation)) {
            m_result.validationLosses.emplace_back(0, validation);
            m_observer.validated(0, validation);
        }
    }
    const Clock::time_point started = Clock::now();
    double stepSecondsSum = 0.0;
    for (int64_t step = m_startStep; step < train.steps; ++step) {
        waitWhilePaused(m_control);
        const Clock::time_point stepStart = Clock::now();
        std::vector<std::vector<int64_t>> inputs, targets;
        for (int64_t b = 0; b < train.batchSize; ++b) {
            const int64_t global = step * train.batchSize + b;
            const int64_t epoch = global / sequences;
            if (epoch != m_orderEpoch) {
                m_order.resize(static_cast<std::size_t>(sequences));
                std::iota(m_order.begin(), m_order.end(), 0);
                std::mt19937_64 random(mixSeeds(train.seed, static_cast<uint64_t>(epoch), 0x6f72646572ULL));
                shuffleWith(m_order, random);
                m_orderEpoch = epoch;
            }
            const std::size_t index = m_order[static_cast<std::size_t>(global % sequences)];
            SpanCorruptedExample example =
                corrupt(m_train[index], mixSeeds(train.seed, static_cast<uint64_t>(epoch), index + 1));
            inputs.push_back(std::move(example.inputs));
            targets.push_back(std::move(example.targets));
        }
        const double rate = linearScheduleRate(train.learningRate, step, train.warmupSteps, train.steps);
        setLearningRates(rate);
        m_optimizer->zero_grad();
        T5Inputs in;
        in.inputIds = batchTensor(inputs);
        in.labels = batchTensor(targets);
        const torch::Tensor loss = m_model->forward(in).loss;
        const double lossValue = loss.item<double>();
        checkLossIsFinite(lossValue, step + 1, rate, "lower train.learning_rate or raise train.warmup_steps");
        loss.backward();
        const double norm = clipGradientNorm(m_parameters, train.maxGradNorm);
        m_optimizer->step();

        PretrainStep metrics;
        metrics.step = step + 1;
        metrics.totalSteps = train.steps;
        metrics.loss = lossValue;
        metrics.learningRate = rate;
        metrics.gradientNorm = norm;
        metrics.stepSeconds = std::chrono::duration<double>(Clock::now() - stepStart).count();
        stepSecondsSum += metrics.stepSeconds;
        metrics.samplesPerSecond = static_cast<double>(train.batchSize) / metrics.stepSeconds;
        metrics.tokensPerSecond = static_cast<double>(train.batchSize * (inputs.front().size() + targets.front().size()))
            / metrics.stepSeconds;
        metrics.elapsedSeconds = std::chrono::duration<double>(Clock::now() - started).count();
        const auto doneHere = static_cast<double>(step + 1 - m_startStep);
        metrics.etaSeconds = metrics.elapsedSeconds / doneHere * static_cast<double>(train.steps - step - 1);
        m_result.losses.push_back(lossValue);
        m_result.steps = step + 1;
        m_result.seconds = stepSecondsSum;
        m_observer.stepFinished(metrics);

        const bool last = step + 1 == train.steps;
        if (last || (train.evalEvery > 0 && (step + 1) % train.evalEvery == 0)) {
            const double validation = validationLoss();
            if (std::isfinite(validation)) {
                m_result.validationLosses.emplace_back(step + 1, validation);
                m_observer.validated(step + 1, validation);
            }
        }
        if (!last && train.checkpointEvery > 0 && (step + 1) % train.checkpointEvery == 0)
            writeCheckpoint(step + 1);
    }
}

void PretrainingRun::writeCheckpoint(int64_t step)
{
    const fs::path folder = m_work / ("checkpoint-" + std::to_string(step));
    const fs::path temporary = temporaryBeside(folder.string());
    saveStateDict(*m_model, (temporary / "model.safetensors").string());
    writeOptimizerAndGenerator(temporary.string(), *m_optimizer);
    Json validation = Json::array();
    for (const auto &[at, loss] : m_result.validationLosses)
        validation.push_back({at, loss});
    const Json position = {{"step", step}, {"run", m_config.name}, {"losses", m_result.losses},
        {"validation_losses", validation}};
    writeText(temporary / "position.json", position.dump() + "\n");
    replaceFolder(temporary.string(), folder.string());
    // Only the newest checkpoint is kept: resuming needs no other.
    std::error_code ec;
    if (!m_result.lastCheckpoint.empty() && m_result.lastCheckpoint != folder.string())
        fs::remove_all(m_result.lastCheckpoint, ec);
    m_result.lastCheckpoint = folder.string();
    m_observer.checkpointWritten(step, folder.string());
}

int64_t PretrainingRun::readCheckpoint(const std::string &folder)
{
    const fs::path positionFile = fs::path(folder) / "position.json";
    int64_t step = 0;
    readCheckpointPosition(folder,
        "not a pretraining checkpoint (no position.json; expected a folder such as <output_dir>/work/checkpoint-500)",
        [&](const std::string &text) {
            const Json json = Json::parse(text);
            step = json.at("step").get<int64_t>();
            m_result.losses = json.at("losses").get<std::vector<double>>();
            for (const Json &entry : json.at("validation_losses"))
                m_result.validationLosses.emplace_back(entry.at(0).get<int64_t>(), entry.at(1).get<double>());
        });
    if (step < 0 || step > m_config.train.steps || static_cast<int64_t>(m_result.losses.size()) != step)
        throw Error(positionFile.string() + ": step " + std::to_string(step) + " does not fit this configuration ("
            + std::to_string(m_config.train.steps) + " steps)");
    loadStateDict(*m_model, readHuggingFaceWeights(folder), t5LoadOptions(m_shape));
    readOptimizerAndGenerator(folder, *m_optimizer);
    m_result.steps = step;
    m_result.lastCheckpoint = folder;
    log("resumed from " + folder + " at step " + std::to_string(step));
    return step;
}

void PretrainingRun::writeOutput()
{
    const fs::path out(m_config.outputDir);
    m_model->eval();
    saveT5(*m_model, m_shape, out.string());
    std::error_code ec;
    fs::copy_file(m_work / "spiece.model", out / "spiece.model", fs::copy_options::overwrite_existing, ec);
    if (ec)
        throw Error((out / "spiece.model").string() + ": cannot copy the vocabulary: " + ec.message());
    if (m_config.corpus.kind == "wordnet")
        writeText(out / "LICENSE", "The weights and vocabulary in this folder were trained on the definitions and "
                                   "example sentences of\nWordNet 3.0, whose licence follows.\n\n"
                + wordNetLicence());

    const PretrainPreparation &p = m_result.preparation;
    Json curve = Json::array();
    for (const auto &[step, mean] : lossCurveSummary(m_result.losses))
        curve.push_back({{"step", step}, {"mean_loss", mean}});
    Json validation = Json::array();
    for (const auto &[step, loss] : m_result.validationLosses)
        validation.push_back({{"step", step}, {"loss", loss}});
    const Json summary = {{"config", Json::parse(m_config.toJson())},
        {"corpus", {{"train_lines", p.trainLines}, {"validation_lines", p.validationLines},
                       {"train_tokens", p.trainTokens}, {"train_sequences", p.trainSequences},
                       {"validation_sequences", p.validationSequences}}},
        {"model", {{"parameters", p.parameters}, {"vocab_size", p.vocabularyIds}}},
        {"objective", {{"kind", "span_corruption"}, {"noise_density", m_config.train.noiseDensity},
                          {"mean_noise_span_length", m_config.train.meanNoiseSpanLength},
                          {"input_length", p.inputLength}, {"target_length", p.targetLength}}},
        {"steps", m_result.steps}, {"train_seconds_this_process", m_result.seconds},
        {"loss_curve", curve}, {"validation_loss", validation}};
    writeText(out / "pretrain.json", summary.dump(2) + "\n");
    // The work folder (corpus text, checkpoints) is only needed to resume an unfinished run.
    fs::remove_all(m_work, ec);
    m_result.lastCheckpoint.clear();
    m_result.outputDir = out.string();
}

PretrainResult PretrainingRun::run(const std::string &resumeFrom)
{
    const RunEnding ending = runToEnd(
        [&] {
            prepare(resumeFrom);
            trainLoop();
            writeOutput();
            return "pretrained " + std::to_string(m_result.steps) + " steps; wrote " + m_result.outputDir;
        },
        [this] { return "stopped at step " + std::to_string(m_result.steps); });
    m_result.status = ending.status;
    m_result.message = ending.message;
    return m_result;
}

} // namespace

PretrainResult runPretraining(const PretrainConfig &config, PretrainObserver &observer, const RunControl &control,
    const std::string &resumeFrom)
{
    PretrainingRun run(config, observer, control);
    return run.run(resumeFrom);
}

} // namespace ladder
