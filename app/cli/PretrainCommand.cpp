// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder pretrain`: pretrains a T5 from scratch (span corruption on an offline corpus) into a
// HuggingFace folder, as a run of the store with its loss curve (docs/pretrain.md).

#include "Commands.h"
#include "ProgressLine.h"

#include "pretrain/PretrainConfig.h"
#include "pretrain/Pretrainer.h"
#include "runtime/BuildInfo.h"
#include "store/DataLocation.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "train/RunRecorder.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace ladder::cli {

namespace {

RunControl *g_pretrainControl = nullptr;

extern "C" void stopPretrainOnSignal(int)
{
    // Only an atomic store: async-signal-safe. The run stops within one step.
    if (g_pretrainControl != nullptr)
        g_pretrainControl->stop.store(true);
}

constexpr const char *kPretrainMethod = "pretrain";

/// Progress on stderr; every record to the run database.
class PretrainCliObserver : public PretrainObserver
{
public:
    PretrainCliObserver(bool quiet, RunWriter *writer, RunStore *store, RunId run)
        : m_progress(quiet), m_writer(writer), m_store(store), m_run(run)
    {
    }

    void prepared(const PretrainPreparation &p) override
    {
        if (m_store != nullptr)
            m_store->setParameterCounts(m_run, p.parameters, p.parameters);
        say(std::to_string(p.parameters) + " parameters; " + std::to_string(p.trainSequences) + " training sequences ("
            + std::to_string(p.trainTokens) + " tokens); inputs " + std::to_string(p.inputLength) + ", targets "
            + std::to_string(p.targetLength) + " tokens; " + std::to_string(p.totalSteps) + " steps"
            + (p.startStep > 0 ? " from step " + std::to_string(p.startStep) : std::string()));
    }
    void stepFinished(const PretrainStep &m) override
    {
        if (m_writer != nullptr) {
            m_writer->addMetric("loss", m.step, m.loss);
            m_writer->addMetric("learning_rate", m.step, m.learningRate);
            m_writer->addMetric("grad_norm", m.step, m.gradientNorm);
            m_writer->addMetric(kThroughputSeries, m.step, m.samplesPerSecond);
            m_writer->addMetric("tokens_per_second", m.step, m.tokensPerSecond);
        }
        if (m_progress.quiet())
            return;
        std::ostringstream line;
        line << "step " << m.step << "/" << m.totalSteps << "  loss " << std::fixed << std::setprecision(4) << m.loss
             << "  " << std::setprecision(1) << m.samplesPerSecond << " samples/s  ETA "
             << static_cast<int64_t>(m.etaSeconds) << "s";
        m_progress.show(line.str(), m.step == 1 || m.step % 50 == 0 || m.step == m.totalSteps);
    }
    void validated(int64_t step, double loss) override
    {
        if (m_writer != nullptr)
            m_writer->addEvaluation({"validation", "loss", step, 0, loss});
        std::ostringstream line;
        line << "step " << step << ": validation loss " << std::fixed << std::setprecision(4) << loss;
        say(line.str());
    }
    void checkpointWritten(int64_t step, const std::string &path) override
    {
        if (m_writer != nullptr)
            m_writer->addCheckpoint({step, 0, path});
    }
    void logLine(const std::string &line) override { say(line); }

    void endProgress() { m_progress.end(); }

private:
    void say(const std::string &line) { m_progress.say(line); }

    ProgressLine m_progress;
    RunWriter *m_writer;
    RunStore *m_store;
    RunId m_run;
};

struct PretrainOptions
{
    std::string configPath;
    std::vector<std::string> overrides;
    bool json = false;
    bool quiet = false;
    std::string db;
    bool noDb = false;
    RunId resume = 0;
};

/// The command as typed (for README.md's "Reproduce"), quoting what the shell would split.
std::string commandLine(const PretrainOptions &options)
{
    auto quote = [](const std::string &word) {
        if (word.find_first_of(" \t'\"$\\") == std::string::npos)
            return word;
        std::string quoted = "'";
        for (char c : word)
            quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return quoted + "'";
    };
    std::string line = "ladder pretrain";
    if (!options.configPath.empty())
        line += " " + quote(options.configPath);
    for (const std::string &assignment : options.overrides)
        line += " --set " + quote(assignment);
    return line;
}

int runPretrain(const PretrainOptions &options)
{
    if (options.resume > 0 && options.noDb)
        throw Error("--resume continues a run recorded in the store; it cannot be combined with --no-db");
    if (options.resume == 0 && options.configPath.empty())
        throw Error("a pretraining configuration (CONFIG.json) or --resume RUN is required");

    std::unique_ptr<RunStore> store;
    std::unique_ptr<RunWriter> writer;
    RunId run = 0;
    std::string dbPath;
    PretrainConfig config;
    std::string resumeFrom;
    if (options.resume > 0) {
        dbPath = resolveDatabasePath(options.db);
        store = std::make_unique<RunStore>(dbPath);
        const std::optional<RunRecord> record = store->findRun(options.resume);
        if (record && record->method != kPretrainMethod)
            throw Error("run " + std::to_string(options.resume) + " is a \"" + record->method
                + "\" run, not a pretraining run (continue it with `ladder train --resume`)");
        const ResumePoint point = store->prepareResume(options.resume);
        config = PretrainConfig::fromJson(point.run.configJson, dbPath + ": run " + std::to_string(options.resume));
        resumeFrom = point.checkpoint ? point.checkpoint->path : std::string();
        run = options.resume;
    } else {
        config = PretrainConfig::fromFile(options.configPath);
    }
    for (const std::string &assignment : options.overrides)
        config.applyOverride(assignment);

    if (options.resume > 0) {
        writer = std::make_unique<RunWriter>(store->path(), run);
    } else if (!options.noDb) {
        dbPath = resolveDatabasePath(options.db);
        store = std::make_unique<RunStore>(dbPath);
        RunRecord record;
        record.name = config.name;
        record.method = kPretrainMethod;
        record.backbone = config.model.preset.empty() ? "custom shape" : config.model.preset;
        record.task = "pretrain/" + config.corpus.kind;
        record.configJson = config.toJson();
        record.seed = static_cast<int64_t>(config.train.seed);
        record.host = currentHostFacts();
        record.host.libtorchVersion = libtorchVersion();
        run = store->createRun(record);
        writer = std::make_unique<RunWriter>(store->path(), run);
    }

    PretrainCliObserver observer(options.quiet || options.json, writer.get(), store.get(), run);
    RunControl control;
    g_pretrainControl = &control;
    auto previousInt = std::signal(SIGINT, stopPretrainOnSignal);
    auto previousTerm = std::signal(SIGTERM, stopPretrainOnSignal);
    const PretrainResult result = runPretraining(config, observer, control, resumeFrom);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    g_pretrainControl = nullptr;
    observer.endProgress();
    if (writer)
        writer->finish(storedRunStatus(result.status));

    if (result.status == TrainerStatus::Finished) {
        const std::filesystem::path readme = std::filesystem::path(result.outputDir) / "README.md";
        std::ofstream out(readme);
        out << pretrainReadme(config, result, commandLine(options));
        if (!out)
            std::cerr << "ladder: warning: cannot write " << readme.string() << '\n';
    }

    nlohmann::ordered_json curve = nlohmann::ordered_json::array();
    for (const auto &[step, mean] : lossCurveSummary(result.losses))
        curve.push_back({{"step", step}, {"mean_loss", mean}});
    nlohmann::ordered_json validation = nlohmann::ordered_json::array();
    for (const auto &[step, loss] : result.validationLosses)
        validation.push_back({{"step", step}, {"loss", loss}});
    const nlohmann::ordered_json summary = {{"name", config.name}, {"status", trainerStatusName(result.status)},
        {"message", result.message}, {"steps", result.steps}, {"parameters", result.parameters},
        {"seconds", result.seconds}, {"loss_curve", curve}, {"validation_loss", validation},
        {"output_dir", result.outputDir.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(result.outputDir)},
        {"last_checkpoint", result.lastCheckpoint},
        {"run_id", run > 0 ? nlohmann::ordered_json(run) : nlohmann::ordered_json(nullptr)},
        {"database", dbPath.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(dbPath)}};
    if (options.json) {
        std::cout << summary.dump(2) << '\n';
    } else {
        std::cout << "status: " << trainerStatusName(result.status) << " (" << result.message << ")\n";
        for (const auto &[step, mean] : lossCurveSummary(result.losses))
            std::cout << "  mean loss to step " << step << ": " << mean << '\n';
        if (!result.validationLosses.empty())
            std::cout << "validation loss at step " << result.validationLosses.back().first << ": "
                      << result.validationLosses.back().second << '\n';
        if (run > 0)
            std::cout << "run " << run << " in " << dbPath << '\n';
    }
    return runExitStatus(result.status, result.message);
}

} // namespace

Command addPretrainCommand(CLI::App &app)
{
    auto options = std::make_shared<PretrainOptions>();
    CLI::App *command = app.add_subcommand("pretrain",
        "Pretrain a T5 from scratch with span corruption on an offline corpus (docs/pretrain.md)");
    command->add_option("config", options->configPath, "Pretraining configuration (JSON)")->check(CLI::ExistingFile);
    command->add_option("--resume", options->resume,
               "Continue an interrupted pretraining run of the store from its last checkpoint")
        ->check(CLI::PositiveNumber);
    command->add_option("--set", options->overrides, "Override a setting: key.path=value (repeatable)");
    command->add_flag("--json", options->json, "Print the summary as one JSON object (and no progress)");
    command->add_flag("--quiet", options->quiet, "No progress line or log");
    command->add_option("--db", options->db, "Run database (default: $LADDER_DB or " + defaultDatabasePath() + ")");
    command->add_flag("--no-db", options->noDb, "Do not record the run in a database");
    return {command, [options] { return runPretrain(*options); }};
}

} // namespace ladder::cli
