// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/MethodConfig.h"

#include "config/ConfigSchema.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>

namespace ladder {

namespace {

using Json = ConfigJson;

const std::vector<std::pair<MethodKind, std::string>> &methodNames()
{
    static const std::vector<std::pair<MethodKind, std::string>> names = {
        { MethodKind::Full, "full" },
        { MethodKind::BitFit, "bitfit" },
        { MethodKind::Adapter, "adapter" },
        { MethodKind::Lora, "lora" },
        { MethodKind::Prompt, "prompt" },
        { MethodKind::Lst, "lst" },
    };
    return names;
}

const std::vector<std::string> &loraTargetNames()
{
    static const std::vector<std::string> names = { "q", "k", "v", "o", "wi", "wo" };
    return names;
}

std::string trimmedWithoutSpaces(const std::string &text)
{
    std::string out;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            out += c;
    return out;
}

/// "default", "all", "every:K" (K ≥ 1) or a comma list of layer indices; whether the indices
/// exist depends on the backbone and is checked when the method is applied.
bool isLayerSelection(const std::string &text)
{
    if (text == "default" || text == "all")
        return true;
    auto isDigits = [](const std::string &s) {
        return !s.empty() && s.size() <= 6
            && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (text.rfind("every:", 0) == 0) {
        const std::string k = text.substr(6);
        return isDigits(k) && std::stol(k) >= 1;
    }
    size_t start = 0;
    while (true) {
        const size_t comma = text.find(',', start);
        if (!isDigits(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)))
            return false;
        if (comma == std::string::npos)
            return true;
        start = comma + 1;
    }
}

std::string readLayers(const Json &value, std::string &target)
{
    const char *expected = "expected \"default\", \"all\", \"every:K\", a list such as \"1,2,3,5\" or an "
                           "array of layer indices";
    if (value.is_array()) {
        std::string list;
        for (const Json &item : value) {
            if (!item.is_number_integer() || item.get<int64_t>() < 0 || item.get<int64_t>() > 999999)
                return std::string(expected) + ", got " + value.dump();
            list += (list.empty() ? "" : ",") + std::to_string(item.get<int64_t>());
        }
        if (list.empty())
            return std::string(expected) + ", got an empty array";
        target = list;
        return {};
    }
    if (!value.is_string())
        return std::string(expected) + ", got " + value.type_name();
    const std::string text = trimmedWithoutSpaces(value.get<std::string>());
    if (!isLayerSelection(text))
        return std::string(expected) + ", got " + value.dump();
    target = text;
    return {};
}

std::string readTargets(const Json &value, std::vector<std::string> &target)
{
    const std::string expected = "expected a non-empty array of distinct names among " + joined(loraTargetNames());
    if (!value.is_array() || value.empty())
        return expected + ", got " + (value.is_array() ? std::string("an empty array") : value.type_name());
    std::vector<std::string> targets;
    for (const Json &item : value) {
        const auto &names = loraTargetNames();
        if (!item.is_string() || std::find(names.begin(), names.end(), item.get<std::string>()) == names.end()
            || std::find(targets.begin(), targets.end(), item.get<std::string>()) != targets.end())
            return expected + ", got " + value.dump();
        targets.push_back(item.get<std::string>());
    }
    target = targets;
    return {};
}

const std::vector<std::pair<GateMode, std::string>> kGates = {{GateMode::Learnable, "learnable"}, {GateMode::Fixed, "fixed"}};
const std::vector<std::pair<SideInit, std::string>> kInits
    = {{SideInit::Random, "random"}, {SideInit::Fisher, "fisher"}, {SideInit::Magnitude, "magnitude"}};
const std::vector<std::pair<BackbonePrecision, std::string>> kPrecisions
    = {{BackbonePrecision::Fp32, "fp32"}, {BackbonePrecision::Bf16, "bf16"}};
const std::vector<std::pair<SideAttention, std::string>> kAttentions
    = {{SideAttention::Standard, "standard"}, {SideAttention::Recompute, "recompute"}};

/// Every option of every method, declared once (config/ConfigSchema.h): fromJson, toJson,
/// describeMethodOptions, `ladder info` and the designer's editors follow these tables.
const ConfigSchema<MethodConfig> &methodSchema(MethodKind kind)
{
    using C = MethodConfig;
    static const ConfigSchema<C> none;
    static const ConfigSchema<C> adapter = [] {
        ConfigSchema<C> s;
        s.integer<int64_t>("reduction",
            "Bottleneck reduction factor: each adapter projects d_model down to d_model / reduction.",
            [](C &c) -> auto & { return c.adapter.reductionFactor; }, atLeast(1));
        s.boolean("train_layer_norms", "Whether every RMSNorm weight of the backbone trains too, as in the paper's adapters.",
            [](C &c) -> auto & { return c.adapter.trainLayerNorms; });
        return s;
    }();
    static const ConfigSchema<C> lora = [] {
        ConfigSchema<C> s;
        s.integer<int64_t>("rank", "Rank of the low-rank update B·A added to each targeted projection.",
            [](C &c) -> auto & { return c.lora.rank; }, atLeast(1));
        s.number("alpha", "Scale numerator: the update is multiplied by alpha / rank.",
            [](C &c) -> auto & { return c.lora.alpha; }, above(0));
        s.number("dropout", "Dropout probability on the input of the low-rank path during training.",
            [](C &c) -> auto & { return c.lora.dropout; }, fromBelow(0, 1));
        OptionDescription targets;
        targets.type = OptionType::NameSet;
        targets.choices = loraTargetNames();
        targets.description
            = "Projections that get a low-rank update: q, k, v, o of every attention and wi, wo of every feed-forward.";
        s.custom("targets", targets, [](const Json &v, C &c) { return readTargets(v, c.lora.targets); },
            [](const C &c) { return Json(c.lora.targets); });
        s.boolean("train_biases", "Whether BitFit's zero-initialised biases are added and trained too, as in the paper's LoRA.",
            [](C &c) -> auto & { return c.lora.trainBiases; });
        return s;
    }();
    static const ConfigSchema<C> prompt = [] {
        ConfigSchema<C> s;
        s.integer<int64_t>("length", "Number of trainable soft tokens prepended to the encoder input.",
            [](C &c) -> auto & { return c.prompt.length; }, atLeast(1));
        return s;
    }();
    static const ConfigSchema<C> lst = [] {
        ConfigSchema<C> s;
        s.integer<int64_t>("reduction",
            "Reduction factor r: the side network's d_model, d_ff and d_kv are the backbone's divided by r.",
            [](C &c) -> auto & { return c.lst.reduction; }, atLeast(1));
        OptionDescription layers;
        layers.type = OptionType::LayerSelection;
        layers.description = "Backbone layers that keep a side block: \"default\" (the paper's choice), \"all\", "
                             "\"every:K\" or a list such as \"1,2,3,5\".";
        s.custom("layers", layers, [](const Json &v, C &c) { return readLayers(v, c.lst.layers); },
            [](const C &c) { return Json(c.lst.layers); });
        s.choice<GateMode>("gate",
            "How ladder outputs are mixed into the side state: a learnable gate per layer, or a fixed one.",
            [](C &c) -> auto & { return c.lst.gate; }, kGates);
        s.number("gate_temperature", "Gate temperature T in mu = sigmoid(alpha / T); smaller values make the gate sharper.",
            [](C &c) -> auto & { return c.lst.gateTemperature; }, above(0));
        s.number("gate_alpha", "Start value of each gate's alpha (or its fixed value); 0 gives mu = 0.5.",
            [](C &c) -> auto & { return c.lst.gateAlpha; });
        s.choice<SideInit>("init",
            "How side blocks start: random, pruned from the backbone by Fisher importance, or pruned by weight "
            "magnitude.",
            [](C &c) -> auto & { return c.lst.init; }, kInits);
        s.integer<int64_t>("fisher_samples",
            "Training examples (batch 1) whose squared gradients are summed into Fisher importance.",
            [](C &c) -> auto & { return c.lst.fisherSamples; }, atLeast(1));
        s.number("dropout", "Dropout probability inside the side network during training.",
            [](C &c) -> auto & { return c.lst.dropout; }, fromBelow(0, 1));
        s.choice<BackbonePrecision>("backbone_dtype",
            "Number format of the frozen backbone's weights and of the ladder inputs it hands the side network: "
            "fp32, or bf16 (half the bytes; the side network stays fp32).",
            [](C &c) -> auto & { return c.lst.backbonePrecision; }, kPrecisions);
        s.choice<SideAttention>("side_attention",
            "What the side network's attention keeps for backward: \"standard\" (the heads x len x len "
            "probabilities) or \"recompute\" (only q, k, v; the probabilities are recomputed in backward).",
            [](C &c) -> auto & { return c.lst.sideAttention; }, kAttentions);
        return s;
    }();
    switch (kind) {
    case MethodKind::Full:
    case MethodKind::BitFit:
        return none;
    case MethodKind::Adapter:
        return adapter;
    case MethodKind::Lora:
        return lora;
    case MethodKind::Prompt:
        return prompt;
    case MethodKind::Lst:
        return lst;
    }
    return none;
}

std::string keyList(MethodKind kind)
{
    std::vector<std::string> keys { "\"kind\"" };
    for (const std::string &key : methodSchema(kind).keys(""))
        keys.push_back("\"" + key + "\"");
    return joined(keys);
}

} // namespace

std::string methodName(MethodKind kind)
{
    for (const auto &entry : methodNames())
        if (entry.first == kind)
            return entry.second;
    throw Error("unknown fine-tuning method kind " + std::to_string(static_cast<int>(kind)));
}

MethodKind methodKindFromName(const std::string &name)
{
    std::vector<std::string> names;
    for (const auto &entry : methodNames()) {
        if (entry.second == name)
            return entry.first;
        names.push_back(entry.second);
    }
    throw Error("unknown fine-tuning method \"" + name + "\", expected one of " + joined(names));
}

std::vector<MethodKind> allMethodKinds()
{
    std::vector<MethodKind> kinds;
    for (const auto &entry : methodNames())
        kinds.push_back(entry.first);
    return kinds;
}

MethodConfig MethodConfig::fromJson(const std::string &jsonText, const std::string &sourceName)
{
    Json json;
    try {
        json = Json::parse(jsonText);
    } catch (const Json::parse_error &error) {
        throw Error::inFile(sourceName,
            "fine-tuning method: not valid JSON (byte " + std::to_string(error.byte) + "): " + error.what());
    } catch (const Json::exception &error) {
        // e.g. out_of_range for a number beyond double ("1e999"): bad input all the same.
        throw Error::inFile(sourceName, std::string("fine-tuning method: not valid JSON: ") + error.what());
    }
    if (!json.is_object())
        throw Error::inFile(
            sourceName, std::string("fine-tuning method: expected a JSON object, got ") + json.type_name());
    const auto kindIt = json.find("kind");
    if (kindIt == json.end())
        throw Error::inFile(sourceName,
            "fine-tuning method: missing key \"kind\" (one of full, bitfit, adapter, "
            "lora, prompt, lst)");
    if (!kindIt->is_string())
        throw Error::inFile(
            sourceName, std::string("fine-tuning method: key \"kind\": expected a string, got ") + kindIt->type_name());
    MethodConfig config;
    try {
        config.kind = methodKindFromName(kindIt->get<std::string>());
    } catch (const Error &error) {
        throw Error::inFile(sourceName, std::string("fine-tuning method: key \"kind\": ") + error.what());
    }

    const ConfigSchema<MethodConfig> &schema = methodSchema(config.kind);
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() == "kind")
            continue;
        const ConfigOption<MethodConfig> *option = schema.find("", it.key());
        if (option == nullptr)
            throw Error::inFile(sourceName,
                "fine-tuning method " + methodName(config.kind) + ": unknown key \"" + it.key() + "\", expected one of "
                    + keyList(config.kind));
        const std::string problem = option->read(it.value(), config);
        if (!problem.empty())
            throw Error::inFile(
                sourceName, "fine-tuning method " + methodName(config.kind) + ": key \"" + it.key() + "\": " + problem);
    }
    return config;
}

std::string MethodConfig::toJson() const
{
    // "kind" first, then the options in declaration order: readable in run records and diffs.
    Json json = Json::object();
    json["kind"] = methodName(kind);
    json.update(methodSchema(kind).write(*this));
    return json.dump();
}

std::vector<OptionDescription> describeMethodOptions(MethodKind kind)
{
    return methodSchema(kind).describeAll();
}

} // namespace ladder
