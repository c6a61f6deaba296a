// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder data`: the examples of a run's task as the model will see them, with counts, so a
// user can check their data before spending hours training.

#include "Commands.h"

#include "train/RunConfig.h"
#include "train/TaskData.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace ladder::cli {

namespace {

struct DataOptions
{
    std::string configPath;
    std::vector<std::string> overrides;
    std::string split = "train";
    int64_t limit = 10;
    bool json = false;
};

int runData(const DataOptions &options)
{
    RunConfig config = RunConfig::fromFile(options.configPath);
    config.applyOverrides(options.overrides);
    const LoadedTask task = loadTask(config);
    const Dataset &shown = taskSplit(task, options.split);

    nlohmann::ordered_json splits = nlohmann::ordered_json::object();
    for (const char *name : {"train", "validation", "test"}) {
        const Dataset &data = taskSplit(task, name);
        nlohmann::ordered_json labels = nlohmann::ordered_json::object();
        for (const auto &[label, count] : labelCounts(data))
            labels[label] = count;
        splits[name] = {{"source", data.source}, {"examples", data.examples.size()}, {"skipped", data.skippedRows},
            {"labels", labels}};
    }
    nlohmann::ordered_json examples = nlohmann::ordered_json::array();
    const auto count = std::min<std::size_t>(shown.examples.size(),
        options.limit > 0 ? static_cast<std::size_t>(options.limit) : shown.examples.size());
    for (std::size_t i = 0; i < count; ++i) {
        const TextToTextPair pair = task.formatPair(shown.examples[i]);
        examples.push_back({{"line", shown.examples[i].line}, {"source", pair.source}, {"target", pair.target}});
    }

    if (options.json) {
        nlohmann::ordered_json out = {{"task", task.name}, {"choices", task.choices()}, {"splits", splits},
            {"split", options.split}, {"examples", examples}};
        std::cout << out.dump(2) << '\n';
        return 0;
    }
    std::cout << "task " << task.name << "\n";
    if (!task.choices().empty()) {
        std::cout << "targets (rank classification):";
        for (const std::string &choice : task.choices())
            std::cout << " \"" << choice << "\"";
        std::cout << '\n';
    }
    for (const auto &entry : splits.items()) {
        std::cout << entry.key() << ": " << entry.value()["examples"].get<std::size_t>() << " examples";
        if (entry.value()["skipped"].get<int64_t>() > 0)
            std::cout << " (" << entry.value()["skipped"].get<int64_t>() << " rows skipped)";
        for (const auto &label : entry.value()["labels"].items())
            std::cout << (label.key() == entry.value()["labels"].begin().key() ? " — " : ", ") << label.key() << " "
                      << label.value().get<int64_t>();
        std::cout << '\n';
    }
    std::cout << "\nfirst " << count << " " << options.split << " examples:\n";
    for (const auto &example : examples) {
        std::cout << "[" << example["line"].get<int64_t>() << "] " << example["source"].get<std::string>() << "\n    → "
                  << example["target"].get<std::string>() << '\n';
    }
    for (const std::string &reason : shown.skipReasons)
        std::cout << "skipped: " << reason << '\n';
    return 0;
}

} // namespace

Command addDataCommand(CLI::App &app)
{
    auto options = std::make_shared<DataOptions>();
    CLI::App *command = app.add_subcommand("data", "Show a run's task data as the model sees it, with counts");
    command->add_option("config", options->configPath, "Run configuration (JSON)")->required()->check(CLI::ExistingFile);
    command->add_option("--set", options->overrides, "Override a setting: key.path=value (repeatable)");
    command->add_option("--split", options->split, "Split to show")->check(CLI::IsMember({"train", "validation", "test"}));
    command->add_option("--limit", options->limit, "Examples to show (0: all)")->check(CLI::NonNegativeNumber);
    command->add_flag("--json", options->json, "Print one JSON object");
    return {command, [options] { return runData(*options); }};
}

} // namespace ladder::cli
