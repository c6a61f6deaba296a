// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder info`: a backbone's configuration and parameter counts by component.

#include "Commands.h"

#include "model/ModelSummary.h"
#include "model/T5Config.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <memory>

namespace ladder::cli {

namespace {

struct InfoOptions
{
    std::string modelDir;
    std::string preset;
    bool json = false;
};

T5Config backboneConfig(const InfoOptions &options)
{
    if (!options.modelDir.empty())
        return T5Config::fromJsonFile(options.modelDir + "/config.json");
    return T5Config::preset(options.preset);
}

std::string backboneLabel(const InfoOptions &options)
{
    return options.modelDir.empty() ? options.preset : options.modelDir;
}

void printTable(const std::string &label, const ModelSummary &summary)
{
    const T5Config &c = summary.config;
    std::cout << "backbone        " << label << '\n'
              << "d_model         " << c.dModel << '\n'
              << "d_ff            " << c.dFf << '\n'
              << "d_kv x heads    " << c.dKv << " x " << c.numHeads << '\n'
              << "layers          " << c.numLayers << " encoder, " << c.numDecoderLayers << " decoder\n"
              << "vocab_size      " << c.vocabSize << '\n'
              << "feed_forward    " << c.feedForwardProj << '\n'
              << "tied embeddings " << (c.tieWordEmbeddings ? "yes" : "no") << "\n\n";
    std::cout << std::left << std::setw(40) << "component" << std::right << std::setw(16) << "parameters"
              << std::setw(9) << "share" << '\n';
    for (const ParameterGroup &group : summary.groups) {
        const double share = summary.total > 0 ? 100.0 * static_cast<double>(group.count) / summary.total : 0.0;
        std::cout << std::left << std::setw(40) << group.name << std::right << std::setw(16) << group.count
                  << std::setw(8) << std::fixed << std::setprecision(2) << share << "%\n";
    }
    std::cout << std::left << std::setw(40) << "total" << std::right << std::setw(16) << summary.total << '\n';
}

void printJson(const std::string &label, const ModelSummary &summary)
{
    nlohmann::json groups = nlohmann::json::array();
    for (const ParameterGroup &group : summary.groups)
        groups.push_back({{"name", group.name}, {"count", group.count}});
    const nlohmann::json out{{"backbone", label},
                             {"config", nlohmann::json::parse(summary.config.toJson())},
                             {"params_total", summary.total},
                             {"components", groups}};
    std::cout << out.dump(2) << '\n';
}

} // namespace

Command addInfoCommand(CLI::App &app)
{
    auto options = std::make_shared<InfoOptions>();
    CLI::App *command = app.add_subcommand("info", "Show a backbone's configuration and parameter counts");
    addBackboneOptions(*command, options->modelDir, options->preset);
    command->add_flag("--json", options->json, "Print JSON instead of a table");
    return {command, [options] {
                const ModelSummary summary = summarizeModel(backboneConfig(*options));
                if (options->json)
                    printJson(backboneLabel(*options), summary);
                else
                    printTable(backboneLabel(*options), summary);
                return 0;
            }};
}

void addBackboneOptions(CLI::App &command, std::string &modelDir, std::string &preset)
{
    auto *model = command.add_option("--model", modelDir, "HuggingFace T5 folder (config.json, model.safetensors)")
                      ->check(CLI::ExistingDirectory);
    auto *presetOption = command.add_option("--preset", preset, "Built-in backbone preset, e.g. t5-small, t5-tiny");
    model->excludes(presetOption);
    command.callback([&command, model, presetOption] {
        if (model->count() == 0 && presetOption->count() == 0)
            throw CLI::RequiredError("--model or --preset");
    });
}

} // namespace ladder::cli
