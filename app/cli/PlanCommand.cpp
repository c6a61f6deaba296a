// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder plan`: what a run will need before it starts — parameters and peak memory by category.

#include "Commands.h"

#include "train/MemoryPredictor.h"
#include "train/RunConfig.h"
#include "train/TrainingLengths.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>

namespace ladder::cli {

namespace {

struct PlanOptions
{
    std::string configPath;
    std::vector<std::string> overrides;
    int64_t targetLength = 4;
    bool fromData = false;
    bool json = false;
};

int runPlan(const PlanOptions &options)
{
    RunConfig config = RunConfig::fromFile(options.configPath);
    config.applyOverrides(options.overrides);
    MemoryPrediction prediction;
    std::optional<TrainingLengths> lengths;
    if (options.fromData) {
        // The lengths the run will pad its largest batch to, rather than the configured maxima.
        lengths = measureTrainingLengths(config, [](const std::string &line) { std::cerr << line << '\n'; });
        prediction = predictTrainingMemory(runBackboneConfig(config), config.method, config.train.batchSize,
            lengths->longestSource, lengths->longestTarget);
    } else {
        prediction = predictTrainingMemory(config, options.targetLength);
    }
    const MemoryBreakdown &m = prediction.memory;
    const std::pair<const char *, int64_t> categories[] = {{"frozen_weights", m.frozenWeights},
        {"trainable_weights", m.trainableWeights}, {"gradients", m.gradients}, {"optimizer_state", m.optimizerState},
        {"activations", m.activations}, {"peak", m.peak}};
    if (options.json) {
        nlohmann::ordered_json memory = nlohmann::ordered_json::object();
        for (const auto &[name, bytes] : categories)
            memory[name] = bytes;
        nlohmann::ordered_json groups = nlohmann::ordered_json::array();
        for (const auto &group : prediction.parameters.groups)
            groups.push_back({{"name", group.name}, {"count", group.count}, {"trainable", group.trainable}});
        const nlohmann::ordered_json out = {{"name", config.displayName()}, {"method", methodName(config.method.kind)},
            {"batch_size", prediction.batchSize}, {"source_length", prediction.sourceLength},
            {"target_length", prediction.targetLength},
            {"lengths_from", lengths ? "training data" : "configuration"}, {"predicted_peak_memory_bytes", memory},
            {"parameters",
                {{"total", prediction.parameters.total}, {"trainable", prediction.parameters.trainable},
                    {"trainable_percent", prediction.parameters.trainablePercent()}, {"groups", groups}}}};
        std::cout << out.dump(2) << '\n';
        return 0;
    }
    std::cout << config.displayName() << ": " << methodName(config.method.kind) << ", batch " << prediction.batchSize
              << ", source " << prediction.sourceLength << " tokens, target " << prediction.targetLength << " tokens"
              << (lengths ? " (the longest of " + std::to_string(lengths->examples) + " training examples)"
                          : " (configured maxima; --data measures the task)")
              << '\n'
              << "parameters: " << prediction.parameters.trainable << " of " << prediction.parameters.total
              << " train (" << std::fixed << std::setprecision(2) << prediction.parameters.trainablePercent()
              << "%)\n";
    for (const auto &group : prediction.parameters.groups)
        std::cout << "  " << group.name << ": " << group.count << (group.trainable ? " (trains)" : "") << '\n';
    std::cout << "predicted peak tensor memory per step:\n";
    for (const auto &[name, bytes] : categories)
        std::cout << "  " << std::left << std::setw(18) << name << std::right << std::setw(10) << std::setprecision(1)
                  << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB\n";
    return 0;
}

} // namespace

Command addPlanCommand(CLI::App &app)
{
    auto options = std::make_shared<PlanOptions>();
    CLI::App *command = app.add_subcommand("plan", "Predict a run's parameters and peak memory before training");
    command->add_option("config", options->configPath, "Run configuration (JSON)")->required()->check(CLI::ExistingFile);
    command->add_option("--set", options->overrides, "Override a setting: key.path=value (repeatable)");
    CLI::Option *targetLength =
        command->add_option("--target-length", options->targetLength, "Target tokens per example to plan for")
            ->check(CLI::PositiveNumber);
    command->add_flag("--data", options->fromData,
        "Read and tokenise the training split and plan for its longest example (the run's largest batch)")
        ->excludes(targetLength);
    command->add_flag("--json", options->json, "Print one JSON object");
    return {command, [options] { return runPlan(*options); }};
}

} // namespace ladder::cli
