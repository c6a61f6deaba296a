// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder train`: one run from a configuration file, with a progress line, a summary, and its
// curves written to the run database the workbench reads.

#include "Commands.h"
#include "ProgressLine.h"

#include "store/DataLocation.h"
#include "store/RunStore.h"
#include "train/RunConfig.h"
#include "train/RunPreflight.h"
#include "train/RunRecorder.h"
#include "train/Trainer.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace ladder::cli {

namespace {

RunControl *g_control = nullptr;

extern "C" void stopOnSignal(int)
{
    // Only an atomic store: async-signal-safe. The trainer stops within one step.
    if (g_control != nullptr)
        g_control->stop.store(true);
}

std::string mebibytes(int64_t bytes)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
    return out.str();
}

std::string duration(double seconds)
{
    const auto total = static_cast<int64_t>(seconds + 0.5);
    std::ostringstream out;
    if (total >= 3600)
        out << total / 3600 << "h";
    out << std::setw(total >= 3600 ? 2 : 1) << std::setfill('0') << (total / 60) % 60 << "m" << std::setw(2)
        << total % 60 << "s";
    return out.str();
}

/// Prints progress to stderr (the store gets its records from a RunRecorder beside it).
class CliObserver : public TrainerObserver
{
public:
    explicit CliObserver(bool quiet) : m_progress(quiet) {}

    void prepared(const RunPreparation &p) override
    {
        m_progress.say("task " + p.task + "; " + std::to_string(p.trainableParameters) + " of "
            + std::to_string(p.totalParameters) + " parameters train; " + std::to_string(p.totalSteps) + " steps");
    }
    void stepFinished(const StepMetrics &m) override { m_last = m; }
    void memoryMeasured(int64_t, const MemoryBreakdown &memory) override
    {
        if (m_progress.quiet())
            return;
        std::ostringstream line;
        line << "step " << m_last.step << "/" << m_last.totalSteps << "  loss " << std::fixed << std::setprecision(4)
             << m_last.loss << "  " << std::setprecision(1) << m_last.samplesPerSecond << " samples/s  "
             << mebibytes(memory.peak) << "  ETA " << duration(m_last.etaSeconds);
        m_progress.show(line.str(), m_last.step == 1 || m_last.step % 10 == 0 || m_last.step == m_last.totalSteps);
    }
    void logLine(const std::string &line) override { m_progress.say(line); }

    void endProgress() { m_progress.end(); }

private:
    ProgressLine m_progress;
    StepMetrics m_last;
};

nlohmann::ordered_json evaluationJson(const std::optional<EvaluationResult> &result)
{
    if (!result)
        return nullptr;
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    for (const MetricValue &metric : result->evaluation.metrics)
        metrics[metric.name] = metric.value;
    return {{"step", result->step}, {"score", result->evaluation.score}, {"metrics", metrics},
        {"examples", result->examples}};
}

nlohmann::ordered_json summaryJson(const RunConfig &config, const TrainResult &result, RunId run, const std::string &db)
{
    const MemoryBreakdown &m = result.peakMemory;
    return {{"name", config.displayName()}, {"status", trainerStatusName(result.status)}, {"message", result.message},
        {"steps", result.steps}, {"final_validation", evaluationJson(result.finalValidation)},
        {"best_validation", evaluationJson(result.bestValidation)}, {"test", evaluationJson(result.test)},
        {"peak_memory_bytes",
            {{"frozen_weights", m.frozenWeights}, {"trainable_weights", m.trainableWeights},
                {"gradients", m.gradients}, {"optimizer_state", m.optimizerState}, {"activations", m.activations},
                {"peak", m.peak}, {"rss", m.rss}}},
        {"mean_samples_per_second", result.meanSamplesPerSecond},
        {"mean_tokens_per_second", result.meanTokensPerSecond}, {"mean_step_seconds", result.meanStepSeconds},
        {"trainable_parameters", result.trainableParameters}, {"total_parameters", result.totalParameters},
        {"vocabulary", result.vocabulary}, {"last_checkpoint", result.lastCheckpoint},
        {"run_id", run > 0 ? nlohmann::ordered_json(run) : nlohmann::ordered_json(nullptr)},
        {"database", db.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(db)}};
}

void printSummary(const nlohmann::ordered_json &summary)
{
    std::cout << "status: " << summary["status"].get<std::string>() << " (" << summary["message"].get<std::string>()
              << ")\n";
    for (const char *key : {"final_validation", "best_validation", "test"}) {
        if (summary[key].is_null())
            continue;
        std::cout << key << ": score " << summary[key]["score"].get<double>() << " at step "
                  << summary[key]["step"].get<int64_t>();
        for (const auto &metric : summary[key]["metrics"].items())
            std::cout << ", " << metric.key() << " " << metric.value().get<double>();
        std::cout << '\n';
    }
    std::cout << "peak tensor memory:";
    for (const auto &entry : summary["peak_memory_bytes"].items())
        std::cout << ' ' << entry.key() << ' ' << mebibytes(entry.value().get<int64_t>()) << ';';
    std::cout << '\n';
    if (summary["steps"].get<int64_t>() > 0)
        std::cout << "mean " << summary["mean_samples_per_second"].get<double>() << " samples/s, "
                  << summary["mean_tokens_per_second"].get<double>() << " tokens/s\n";
    std::cout << "trainable parameters: " << summary["trainable_parameters"].get<int64_t>() << " of "
              << summary["total_parameters"].get<int64_t>() << '\n'
              << "vocabulary: " << summary["vocabulary"].get<std::string>() << '\n';
    if (!summary["run_id"].is_null())
        std::cout << "run " << summary["run_id"].get<int64_t>() << " in " << summary["database"].get<std::string>()
                  << '\n';
}

struct TrainOptions
{
    std::string configPath;
    std::vector<std::string> overrides;
    bool json = false;
    bool quiet = false;
    std::string db;
    bool noDb = false;
    std::string resultsFile;
    RunId resume = 0;
};

int runTrain(const TrainOptions &options)
{
    if (options.resume > 0 && options.noDb)
        throw Error("--resume continues a run recorded in the store; it cannot be combined with --no-db");
    if (options.resume == 0 && options.configPath.empty())
        throw Error("a run configuration (CONFIG.json) or --resume RUN is required");

    RunId run = 0;
    std::string dbPath;
    RunConfig config;
    if (options.resume > 0) {
        dbPath = resolveDatabasePath(options.db);
        RunStore store(dbPath);
        config = prepareResumedRun(store, options.resume);
        run = options.resume;
    } else {
        config = RunConfig::fromFile(options.configPath);
    }
    config.applyOverrides(options.overrides);
    // Every mistake `plan` and `data` can find, found before a store row exists.
    checkRunCanStart(config);
    if (options.resume == 0 && !options.noDb) {
        dbPath = resolveDatabasePath(options.db);
        run = RunStore(dbPath).createRun(runRecordFor(config));
    }

    std::unique_ptr<RunRecorder> recorder;
    if (run > 0)
        recorder = std::make_unique<RunRecorder>(dbPath, run);
    CliObserver progress(options.quiet || options.json);
    TrainerObserver nothing;
    ObserverPair observer(progress, recorder ? static_cast<TrainerObserver &>(*recorder) : nothing);
    RunControl control;
    g_control = &control;
    auto previousInt = std::signal(SIGINT, stopOnSignal);
    auto previousTerm = std::signal(SIGTERM, stopOnSignal);
    const TrainResult result = Trainer::run(config, observer, control);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    g_control = nullptr;
    progress.endProgress();
    if (recorder)
        recorder->finish(result.status, result.message);

    const nlohmann::ordered_json summary = summaryJson(config, result, run, dbPath);
    if (!options.resultsFile.empty()) {
        std::ofstream out(options.resultsFile, std::ios::app);
        out << summary.dump() << '\n';
        if (!out)
            std::cerr << "ladder: warning: cannot append to " << options.resultsFile << '\n';
    }
    if (options.json)
        std::cout << summary.dump(2) << '\n';
    else if (result.status != TrainerStatus::Failed || result.steps > 0)
        printSummary(summary); // a run that failed before its first step has only its error to say
    if (result.status == TrainerStatus::Stopped && run > 0)
        std::cerr << "ladder: stopped at step " << result.steps << "; "
                  << (!RunStore(dbPath).lastCheckpoint(run)
                             ? "it wrote no checkpoint, so it cannot continue (train.checkpoint_every and "
                               "train.output_dir make a run resumable)"
                             : "continue it with: ladder train --resume " + std::to_string(run) + " --db " + dbPath)
                  << '\n';
    return runExitStatus(result.status, result.message);
}

} // namespace

int runExitStatus(TrainerStatus status, const std::string &message)
{
    if (status == TrainerStatus::Failed) {
        std::cerr << "ladder: error: " << message << '\n';
        return 1;
    }
    return status == TrainerStatus::Stopped ? 130 : 0;
}

Command addTrainCommand(CLI::App &app)
{
    auto options = std::make_shared<TrainOptions>();
    CLI::App *command = app.add_subcommand("train", "Train one run described by a run configuration (docs/run-config.md)");
    command->add_option("config", options->configPath, "Run configuration (JSON)")->check(CLI::ExistingFile);
    command->add_option("--resume", options->resume,
                        "Continue an interrupted run of the store from its last checkpoint, under the same id")
        ->check(CLI::PositiveNumber);
    command->add_option("--set", options->overrides, "Override a setting: key.path=value (repeatable)");
    command->add_flag("--json", options->json, "Print the summary as one JSON object (and no progress)");
    command->add_flag("--quiet", options->quiet, "No progress line or log");
    command->add_option("--db", options->db, "Run database (default: $LADDER_DB or " + defaultDatabasePath() + ")");
    command->add_flag("--no-db", options->noDb, "Do not record the run in a database");
    command->add_option("--results", options->resultsFile, "Also append the summary as a JSON line to this file");
    return {command, [options] { return runTrain(*options); }};
}

} // namespace ladder::cli
