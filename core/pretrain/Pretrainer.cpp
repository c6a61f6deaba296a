// SPDX-License-Identifier: GPL-3.0-or-later
#include "pretrain/Pretrainer.h"

#include "corpus/WordNet.h"
#include "corpus/WordNetCorpus.h"
#include "data/LineReader.h"
#include "io/StateDict.h"
#include "model/T5Checkpoint.h"
#include "model/T5Init.h"
#include "pretrain/SpanCorruption.h"
#include "runtime/Threads.h"
#include "tokenizer/SentencePieceTokenizer.h"
#include "train/Checkpoint.h"
#include "train/LrSchedule.h"
#include "util/Error.h"
#include "util/Text.h"

#include <nlohmann/json.hpp>

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

namespace ladder {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSentinels = 100;            ///< T5's extra ids
constexpr int64_t kMaxValidationSequences = 256;

struct RunStopped
{
};

/// splitmix64: independent seeds for the order of an epoch and the mask of a sequence.
uint64_t mix(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t x = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL) * 0xbf58476d1ce4e5b9ULL ^ c * 0x94d049bb133111ebULL;
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

template<typename T>
void shuffleWith(std::vector<T> &items, std::mt19937_64 &random)
{
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[static_cast<std::size_t>(random() % i)]);
}

void writeText(const fs::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out)
        throw Error(path.string() + ": cannot write");
}

/// The corpus lines, split by a hash of each line into training and validation.
struct CorpusLines
{
    std::vector<std::string> train;
    std::vector<std::string> validation;
};

CorpusLines readCorpus(const PretrainCorpusConfig &corpus)
{
    std::vector<std::string> lines;
    if (corpus.kind == "wordnet") {
        WordNetCorpusOptions options;
        options.includeWords = corpus.includeWords;
        options.includeExamples = corpus.includeExamples;
        lines = wordNetCorpusLines(readWordNet(corpus.wordnetDir.empty() ? defaultWordNetDir() : corpus.wordnetDir), options);
    }
    for (const std::string &file : corpus.files) {
        LineReader reader(file);
        std::string line;
        while (reader.next(line)) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (line.find_first_not_of(" \t") != std::string::npos)
                lines.push_back(line);
        }
    }
    CorpusLines split;
    const auto threshold = static_cast<uint64_t>(corpus.validationShare * 1e6);
    for (std::string &line : lines)
        (fnv1a(line) % 1000000 < threshold ? split.validation : split.train).push_back(std::move(line));
    if (split.train.empty())
        throw Error("the pretraining corpus has no training lines");
    return split;
}

/// The lines tokenised (no eos), shuffled by line, concatenated and cut into sequences of
/// `length` tokens (the last, shorter piece is dropped), as T5 packs its pretraining text.
std::vector<std::vector<int64_t>> packSequences(const std::vector<std::string> &lines,
    const SentencePieceTokenizer &tokenizer, int64_t length, uint64_t seed, int64_t *tokenCount)
{
    std::vector<std::size_t> order(lines.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 random(seed);
    shuffleWith(order, random);
    std::vector<std::vector<int64_t>> sequences;
    std::vector<int64_t> current;
    int64_t tokens = 0;
    for (std::size_t index : order) {
        for (int64_t id : tokenizer.encode(lines[index], false)) {
            current.push_back(id);
            ++tokens;
            if (static_cast<int64_t>(current.size()) == length) {
                sequences.push_back(std::move(current));
                current.clear();
            }
        }
    }
    if (tokenCount != nullptr)
        *tokenCount = tokens;
    return sequences;
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
    auto options = torch::optim::AdamWOptions(train.learningRate).betas({0.9, 0.999}).eps(1e-8).weight_decay(train.weightDecay);
    if (train.optimizer == "adamw_scaled") {
        // One group per tensor, so each can step at its own rate (setLearningRates).
        std::vector<torch::optim::OptimizerParamGroup> groups;
        for (const auto &parameter : m_parameters)
            groups.emplace_back(std::vector<torch::Tensor>{parameter},
                std::make_unique<torch::optim::AdamWOptions>(options));
        m_optimizer = std::make_unique<torch::optim::AdamW>(std::move(groups), options);
    } else {
        m_optimizer = std::make_unique<torch::optim::AdamW>(m_parameters, options);
    }
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
            SpanCorruptedExample example = corrupt(m_validation[i], mix(m_config.train.seed, ~0ULL, i));
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
    const bool scaled = m_config.train.optimizer == "adamw_scaled";
    torch::NoGradGuard noGrad;
    for (auto &group : m_optimizer->param_groups()) {
        double groupRate = rate;
        if (scaled) {
            // nanoT5's AdamWScale: the step relative to the tensor's size, floored as
            // Adafactor floors it, so zero-initialised tensors can still move.
            const double rms = group.params().front().pow(2).mean().sqrt().item<double>();
            groupRate *= std::max(1e-3, rms);
        }
        static_cast<torch::optim::AdamWOptions &>(group.options()).lr(groupRate);
    }
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
        while (m_control.pause.load() && !m_control.stop.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (m_control.stop.load())
            throw RunStopped{};
        const Clock::time_point stepStart = Clock::now();
        std::vector<std::vector<int64_t>> inputs, targets;
        for (int64_t b = 0; b < train.batchSize; ++b) {
            const int64_t global = step * train.batchSize + b;
            const int64_t epoch = global / sequences;
            if (epoch != m_orderEpoch) {
                m_order.resize(static_cast<std::size_t>(sequences));
                std::iota(m_order.begin(), m_order.end(), 0);
                std::mt19937_64 random(mix(train.seed, static_cast<uint64_t>(epoch), 0x6f72646572ULL));
                shuffleWith(m_order, random);
                m_orderEpoch = epoch;
            }
            const std::size_t index = m_order[static_cast<std::size_t>(global % sequences)];
            SpanCorruptedExample example =
                corrupt(m_train[index], mix(train.seed, static_cast<uint64_t>(epoch), index + 1));
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
        if (!std::isfinite(lossValue))
            throw Error("the loss became " + std::to_string(lossValue) + " at step " + std::to_string(step + 1)
                + "; lower train.learning_rate or raise train.warmup_steps");
        loss.backward();
        const double norm = torch::nn::utils::clip_grad_norm_(m_parameters,
            train.maxGradNorm > 0 ? train.maxGradNorm : std::numeric_limits<double>::infinity());
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
    const fs::path dir(folder);
    const fs::path positionFile = dir / "position.json";
    std::error_code ec;
    if (!fs::is_regular_file(positionFile, ec))
        throw Error(folder + ": not a pretraining checkpoint (no position.json; expected a folder such as "
                             "<output_dir>/work/checkpoint-500)");
    int64_t step = 0;
    try {
        std::ifstream in(positionFile);
        std::stringstream text;
        text << in.rdbuf();
        const Json json = Json::parse(text.str());
        step = json.at("step").get<int64_t>();
        m_result.losses = json.at("losses").get<std::vector<double>>();
        for (const Json &entry : json.at("validation_losses"))
            m_result.validationLosses.emplace_back(entry.at(0).get<int64_t>(), entry.at(1).get<double>());
    } catch (const Json::exception &e) {
        throw Error(positionFile.string() + ": malformed checkpoint position: " + e.what());
    }
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
    try {
        prepare(resumeFrom);
        trainLoop();
        writeOutput();
        m_result.status = TrainerStatus::Finished;
        m_result.message = "pretrained " + std::to_string(m_result.steps) + " steps; wrote " + m_result.outputDir;
    } catch (const RunStopped &) {
        m_result.status = TrainerStatus::Stopped;
        m_result.message = "stopped at step " + std::to_string(m_result.steps);
    } catch (const Error &e) {
        m_result.status = TrainerStatus::Failed;
        m_result.message = e.what();
    } catch (const c10::Error &e) {
        m_result.status = TrainerStatus::Failed;
        m_result.message = std::string("LibTorch: ") + e.what_without_backtrace();
    } catch (const std::exception &e) {
        m_result.status = TrainerStatus::Failed;
        m_result.message = e.what();
    }
    return m_result;
}

std::string fixed(double value, int digits)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(digits) << value;
    return out.str();
}

} // namespace

PretrainResult runPretraining(const PretrainConfig &config, PretrainObserver &observer, const RunControl &control,
    const std::string &resumeFrom)
{
    PretrainingRun run(config, observer, control);
    return run.run(resumeFrom);
}

std::vector<std::pair<int64_t, double>> lossCurveSummary(const std::vector<double> &losses, int parts)
{
    std::vector<std::pair<int64_t, double>> summary;
    const auto n = static_cast<int64_t>(losses.size());
    if (n == 0 || parts < 1)
        return summary;
    int64_t begin = 0;
    for (int part = 1; part <= parts; ++part) {
        const int64_t end = n * part / parts;
        if (end <= begin)
            continue;
        double sum = 0.0;
        for (int64_t i = begin; i < end; ++i)
            sum += losses[static_cast<std::size_t>(i)];
        summary.emplace_back(end, sum / static_cast<double>(end - begin));
        begin = end;
    }
    return summary;
}

std::string pretrainReadme(const PretrainConfig &config, const PretrainResult &result, const std::string &command)
{
    const PretrainPreparation &p = result.preparation;
    std::ostringstream out;
    out << "# " << config.name << "\n\n";
    if (result.steps == 0)
        out << "Not pretrained: a T5 with HuggingFace's random initialisation and the vocabulary trained on the "
               "corpus below, written by `ladder pretrain` with `train.steps` 0 — the random baseline of the same "
               "shape and vocabulary.\n\n";
    else
        out << "A small T5 pretrained from scratch by `ladder pretrain` with T5's span-corruption objective ("
            << config.train.noiseDensity * 100 << "% noise, mean span " << config.train.meanNoiseSpanLength
            << ", sentinels `<extra_id_N>`), for teaching: fine-tuning methods can be compared on it on a laptop.\n\n";
    out
        << "Files: `config.json`, `model.safetensors`, `spiece.model` (a HuggingFace T5 folder), "
        << "`pretrain.json` (the exact configuration, corpus sizes and loss summary)"
        << (config.corpus.kind == "wordnet" ? ", `LICENSE` (WordNet 3.0)" : "") << ".\n\n"
        << "## Corpus\n\n";
    if (config.corpus.kind == "wordnet")
        out << "WordNet 3.0 (Debian's `wordnet-base`): every synset's words and definition as one line, every usage "
               "example as another. The synsets the WordNet demo tasks validate and test on are left out "
               "(`isDemoEvaluationSynset`), so no evaluation definition was pretraining text. WordNet 3.0 Copyright "
               "2006 by Princeton University, used under the WordNet 3.0 licence (see `LICENSE`).\n";
    for (const std::string &file : config.corpus.files)
        out << "Text file: `" << file << "`.\n";
    out << "\n" << p.trainLines << " training lines (" << p.trainTokens << " tokens, " << p.trainSequences
        << " sequences of " << config.train.sequenceLength << " tokens), " << p.validationLines
        << " validation lines.\n\n"
        << "## Model\n\n"
        << p.parameters << " parameters; vocabulary " << p.vocabularyIds << " ids (a " << config.vocab.modelType
        << " sentencepiece model trained on the corpus, plus 100 sentinels); inputs " << p.inputLength
        << " tokens, targets " << p.targetLength << ".\n\n"
        << "## Training\n\n"
        << result.steps << " steps of batch " << config.train.batchSize << ", "
        << (config.train.optimizer == "adamw_scaled" ? "AdamW with steps scaled by each tensor's RMS (nanoT5's AdamWScale)"
                                                    : "AdamW")
        << " at peak learning rate " << config.train.learningRate << " (" << config.train.warmupSteps
        << " warm-up steps, then linear decay), seed " << config.train.seed << ".\n\n"
        << "| steps | mean training loss |\n|---|---|\n";
    int64_t previous = 0;
    for (const auto &[step, mean] : lossCurveSummary(result.losses)) {
        out << "| " << previous + 1 << "–" << step << " | " << fixed(mean, 3) << " |\n";
        previous = step;
    }
    if (!result.validationLosses.empty()) {
        out << "\nValidation loss (held-out lines): ";
        const std::size_t count = result.validationLosses.size();
        for (std::size_t i = 0; i < count; ++i) {
            // At most ten points, always the first and the last.
            if (count > 10 && i != 0 && i + 1 != count && i % ((count + 9) / 10) != 0)
                continue;
            out << (i == 0 ? "" : ", ") << "step " << result.validationLosses[i].first << ": "
                << fixed(result.validationLosses[i].second, 3);
        }
        out << ".\n";
    }
    out << "\n## Reproduce\n\n```sh\n" << command << "\n```\n";
    return out.str();
}

} // namespace ladder
