// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder info`: a backbone's configuration and parameter counts by component; with
// `--method`, what that fine-tuning method adds and trains (ParameterReport).

#include "Commands.h"

#include "model/ModelSummary.h"
#include "model/T5Config.h"
#include "peft/MethodConfig.h"
#include "peft/ParameterReport.h"
#include "train/RunConfig.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <algorithm>
#include <sstream>
#include <vector>

namespace ladder::cli {

namespace {

/// One `--<method>-<option>` flag, generated from the option's declaration: the method it
/// belongs to and the JSON key it sets, so the options are checked (and their errors worded) by
/// MethodConfig::fromJson itself.
struct MethodFlag
{
    std::string flag;
    MethodKind kind;
    OptionDescription option;
    std::string value;
    CLI::Option *cliOption = nullptr;
};

struct InfoOptions
{
    std::string modelDir;
    std::string preset;
    bool json = false;
    std::string method;
    int64_t vocabSize = 0;
    std::vector<MethodFlag> methodFlags;
};

T5Config backboneConfig(const InfoOptions &options)
{
    // --preset also names the shipped pretrained backbones (resolveBackbonePath).
    BackboneConfig backbone;
    backbone.preset = options.preset;
    backbone.path = options.modelDir;
    const std::string folder = options.modelDir.empty() ? resolveBackbonePath(backbone) : options.modelDir;
    T5Config config = !folder.empty() ? T5Config::fromJsonFile(folder + "/config.json") : T5Config::preset(options.preset);
    if (options.vocabSize > 0)
        config.vocabSize = options.vocabSize;
    return config;
}

/// `--lst-gate-temperature` for LST's "gate_temperature": every declared option of every method.
std::vector<MethodFlag> methodFlags()
{
    std::vector<MethodFlag> flags;
    for (MethodKind kind : allMethodKinds()) {
        for (const OptionDescription &option : describeMethodOptions(kind)) {
            std::string flag = "--" + methodName(kind) + "-" + option.key;
            std::replace(flag.begin(), flag.end(), '_', '-');
            flags.push_back({flag, kind, option, {}});
        }
    }
    return flags;
}

std::string flagTypeName(const OptionDescription &option)
{
    switch (option.type) {
    case OptionType::Integer: return "INT";
    case OptionType::Number: return "NUMBER";
    case OptionType::Boolean: return "true|false";
    case OptionType::NameSet:
    case OptionType::TextList: return "A,B,...";
    case OptionType::Choice: {
        std::string names;
        for (const std::string &choice : option.choices)
            names += (names.empty() ? "" : "|") + choice;
        return names;
    }
    default: return "TEXT";
    }
}

std::string flagHelp(const MethodFlag &flag)
{
    return flag.option.description + " Accepts " + describeAccepted(flag.option) + " (default " + flag.option.defaultValue
        + "; --method " + methodName(flag.kind) + ")";
}

/// The flag's text as the JSON value of its key; a value of the wrong form stays a string, so
/// that fromJson reports it with the key and what it expected.
nlohmann::json flagValue(const MethodFlag &flag)
{
    const std::string &text = flag.value;
    switch (flag.option.type) {
    case OptionType::Integer:
    case OptionType::Number: {
        const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        return parsed.is_number() ? parsed : nlohmann::json(text);
    }
    case OptionType::Boolean:
        if (text == "true" || text == "yes" || text == "on" || text == "1")
            return true;
        if (text == "false" || text == "no" || text == "off" || text == "0")
            return false;
        return text;
    case OptionType::NameSet:
    case OptionType::TextList: {
        nlohmann::json list = nlohmann::json::array();
        std::stringstream stream(text);
        std::string item;
        while (std::getline(stream, item, ','))
            list.push_back(item);
        return list;
    }
    default:
        return text;
    }
}

MethodConfig chosenMethod(const InfoOptions &options)
{
    const MethodKind kind = methodKindFromName(options.method);
    nlohmann::json json{{"kind", options.method}};
    for (const MethodFlag &flag : options.methodFlags) {
        if (flag.cliOption->count() == 0)
            continue;
        if (flag.kind != kind)
            throw Error(flag.flag + " applies to --method " + methodName(flag.kind) + ", not " + options.method);
        // Checked one by one first, so an error names the flag the user typed.
        const nlohmann::json single{{"kind", options.method}, {flag.option.key, flagValue(flag)}};
        MethodConfig::fromJson(single.dump(), flag.flag);
        json[flag.option.key] = single.at(flag.option.key);
    }
    return MethodConfig::fromJson(json.dump(), "method options");
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

void printMethodTable(const MethodConfig &method, const ParameterReport &report)
{
    std::cout << "\nmethod          " << methodName(method.kind) << ' ' << method.toJson() << "\n\n";
    std::cout << std::left << std::setw(40) << "component" << std::right << std::setw(16) << "parameters"
              << std::setw(9) << "trains" << '\n';
    for (const ParameterReport::Group &group : report.groups)
        std::cout << std::left << std::setw(40) << group.name << std::right << std::setw(16) << group.count
                  << std::setw(9) << (group.trainable ? "yes" : "no") << '\n';
    std::cout << std::left << std::setw(40) << "params_total" << std::right << std::setw(16) << report.total << '\n'
              << std::left << std::setw(40) << "params_trainable" << std::right << std::setw(16) << report.trainable
              << '\n'
              << std::left << std::setw(40) << "trainable_percent" << std::right << std::setw(15) << std::fixed
              << std::setprecision(3) << report.trainablePercent() << "%  (of the backbone's "
              << report.backboneTotal << ", as the paper counts)\n";
}

void printJson(const std::string &label, const ModelSummary &summary, const std::optional<MethodConfig> &method,
               const std::optional<ParameterReport> &report)
{
    nlohmann::json groups = nlohmann::json::array();
    for (const ParameterGroup &group : summary.groups)
        groups.push_back({{"name", group.name}, {"count", group.count}});
    nlohmann::json out{{"backbone", label},
                       {"config", nlohmann::json::parse(summary.config.toJson())},
                       {"params_total", summary.total},
                       {"components", groups}};
    if (method && report) {
        nlohmann::json methodGroups = nlohmann::json::array();
        for (const ParameterReport::Group &group : report->groups)
            methodGroups.push_back({{"name", group.name}, {"count", group.count}, {"trainable", group.trainable}});
        out["method"] = nlohmann::json::parse(method->toJson());
        out["params_total"] = report->total;
        out["params_trainable"] = report->trainable;
        out["params_backbone"] = report->backboneTotal;
        out["trainable_percent"] = report->trainablePercent();
        out["method_components"] = methodGroups;
    }
    std::cout << out.dump(2) << '\n';
}

} // namespace

Command addInfoCommand(CLI::App &app)
{
    auto options = std::make_shared<InfoOptions>();
    CLI::App *command = app.add_subcommand("info", "Show a backbone's configuration and parameter counts");
    addBackboneOptions(*command, options->modelDir, options->preset);
    command->add_flag("--json", options->json, "Print JSON instead of a table");
    std::vector<std::string> names;
    for (MethodKind kind : allMethodKinds())
        names.push_back(methodName(kind));
    auto *methodOption = command->add_option("--method", options->method,
                                             "Fine-tuning method whose parameters to count: params_total, "
                                             "params_trainable, trainable_percent and components")
                             ->check(CLI::IsMember(names));
    command->add_option("--vocab-size", options->vocabSize,
                        "Count with this vocabulary size (the paper resized T5's to 32100)")
        ->check(CLI::PositiveNumber);
    options->methodFlags = methodFlags();
    for (MethodFlag &flag : options->methodFlags)
        flag.cliOption = command->add_option(flag.flag, flag.value, flagHelp(flag))
                             ->needs(methodOption)
                             ->type_name(flagTypeName(flag.option));
    return {command, [options] {
                const ModelSummary summary = summarizeModel(backboneConfig(*options));
                // Resolved and counted before anything is printed: a bad option prints only its error.
                std::optional<MethodConfig> method;
                std::optional<ParameterReport> report;
                if (!options->method.empty()) {
                    method = chosenMethod(*options);
                    report = countParameters(summary.config, *method);
                }
                if (options->json) {
                    printJson(backboneLabel(*options), summary, method, report);
                } else {
                    printTable(backboneLabel(*options), summary);
                    if (method)
                        printMethodTable(*method, *report);
                }
                return 0;
            }};
}

void addBackboneOptions(CLI::App &command, std::string &modelDir, std::string &preset)
{
    auto *model = command.add_option("--model", modelDir, "HuggingFace T5 folder (config.json, model.safetensors)")
                      ->check(CLI::ExistingDirectory);
    auto *presetOption = command.add_option("--preset", preset, "Built-in backbone: a random-weight shape (t5-small, t5-tiny, …) or a shipped pretrained one (wordnet-t5-tiny, …)");
    model->excludes(presetOption);
    command.callback([&command, model, presetOption] {
        if (model->count() == 0 && presetOption->count() == 0)
            throw CLI::RequiredError("--model or --preset");
    });
}

} // namespace ladder::cli
