// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/MethodConfig.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>

namespace ladder {

namespace {

using Json = nlohmann::json;

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

std::string joined(const std::vector<std::string> &items, const std::string &separator = ", ")
{
    std::string text;
    for (const std::string &item : items)
        text += (text.empty() ? "" : separator) + item;
    return text;
}

std::string gateName(GateMode mode)
{
    return mode == GateMode::Learnable ? "learnable" : "fixed";
}

std::string initName(SideInit init)
{
    switch (init) {
    case SideInit::Random:
        return "random";
    case SideInit::Fisher:
        return "fisher";
    case SideInit::Magnitude:
        return "magnitude";
    }
    return "fisher";
}

/// One option of one method: its JSON key, how it reads and writes the config, its description.
/// A single table drives fromJson, toJson and describeMethodOptions so the three cannot drift.
struct OptionSpec
{
    std::string key;
    std::string description;
    std::function<Json(const MethodConfig &)> write;
    /// Reads `value` into the config; returns an error text ("" when it fits).
    std::function<std::string(const Json &value, MethodConfig &)> read;
};

std::string readInt(const Json &value, int64_t &target, int64_t minimum)
{
    if (!value.is_number_integer())
        return std::string("expected an integer, got ") + value.type_name();
    const int64_t read = value.get<int64_t>();
    if (read < minimum)
        return "expected an integer >= " + std::to_string(minimum) + ", got " + std::to_string(read);
    target = read;
    return {};
}

std::string readDouble(
    const Json &value, double &target, double minimum, double maximum, bool maximumOpen, bool minimumOpen = false)
{
    if (!value.is_number())
        return std::string("expected a number, got ") + value.type_name();
    const double read = value.get<double>();
    const bool belowMin = minimumOpen ? !(read > minimum) : !(read >= minimum);
    const bool aboveMax = maximumOpen ? !(read < maximum) : !(read <= maximum);
    if (!std::isfinite(read) || belowMin || aboveMax) {
        const std::string range = std::string(minimumOpen ? "(" : "[") + Json(minimum).dump() + ", "
            + (std::isinf(maximum) ? std::string("inf") : Json(maximum).dump()) + (maximumOpen ? ")" : "]");
        return "expected a number in " + range + ", got " + value.dump();
    }
    target = read;
    return {};
}

std::string readBool(const Json &value, bool &target)
{
    if (!value.is_boolean())
        return std::string("expected true or false, got ") + value.type_name();
    target = value.get<bool>();
    return {};
}

template<typename Enum>
std::string readEnum(const Json &value, Enum &target, const std::vector<std::pair<Enum, std::string>> &names)
{
    std::vector<std::string> allowed;
    for (const auto &entry : names)
        allowed.push_back("\"" + entry.second + "\"");
    if (!value.is_string())
        return std::string("expected one of ") + joined(allowed) + ", got " + value.type_name();
    for (const auto &entry : names) {
        if (entry.second == value.get<std::string>()) {
            target = entry.first;
            return {};
        }
    }
    return "expected one of " + joined(allowed) + ", got " + value.dump();
}

template<typename Enum>
std::string enumName(Enum value, const std::vector<std::pair<Enum, std::string>> &names)
{
    for (const auto &entry : names)
        if (entry.first == value)
            return entry.second;
    return names.front().second;
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

const double kInf = std::numeric_limits<double>::infinity();

const std::vector<OptionSpec> &optionSpecs(MethodKind kind)
{
    static const std::vector<OptionSpec> none;
    static const std::vector<OptionSpec> adapter = {
        { "reduction", "Bottleneck reduction factor: each adapter projects d_model down to d_model / reduction.",
            [](const MethodConfig &c) { return Json(c.adapter.reductionFactor); },
            [](const Json &v, MethodConfig &c) { return readInt(v, c.adapter.reductionFactor, 1); } },
        { "train_layer_norms", "Whether every RMSNorm weight of the backbone trains too, as in the paper's adapters.",
            [](const MethodConfig &c) { return Json(c.adapter.trainLayerNorms); },
            [](const Json &v, MethodConfig &c) { return readBool(v, c.adapter.trainLayerNorms); } },
    };
    static const std::vector<OptionSpec> lora = {
        { "rank", "Rank of the low-rank update B·A added to each targeted projection.",
            [](const MethodConfig &c) { return Json(c.lora.rank); },
            [](const Json &v, MethodConfig &c) { return readInt(v, c.lora.rank, 1); } },
        { "alpha", "Scale numerator: the update is multiplied by alpha / rank.",
            [](const MethodConfig &c) { return Json(c.lora.alpha); },
            [](const Json &v, MethodConfig &c) { return readDouble(v, c.lora.alpha, 0.0, kInf, true, true); } },
        { "dropout", "Dropout probability on the input of the low-rank path during training.",
            [](const MethodConfig &c) { return Json(c.lora.dropout); },
            [](const Json &v, MethodConfig &c) { return readDouble(v, c.lora.dropout, 0.0, 1.0, true); } },
        { "targets",
            "Projections that get a low-rank update: q, k, v, o of every attention and wi, wo of every feed-forward.",
            [](const MethodConfig &c) { return Json(c.lora.targets); },
            [](const Json &v, MethodConfig &c) { return readTargets(v, c.lora.targets); } },
        { "train_biases", "Whether BitFit's zero-initialised biases are added and trained too, as in the paper's LoRA.",
            [](const MethodConfig &c) { return Json(c.lora.trainBiases); },
            [](const Json &v, MethodConfig &c) { return readBool(v, c.lora.trainBiases); } },
    };
    static const std::vector<OptionSpec> prompt = {
        { "length", "Number of trainable soft tokens prepended to the encoder input.",
            [](const MethodConfig &c) { return Json(c.prompt.length); },
            [](const Json &v, MethodConfig &c) { return readInt(v, c.prompt.length, 1); } },
    };
    static const std::vector<std::pair<GateMode, std::string>> gates
        = { { GateMode::Learnable, "learnable" }, { GateMode::Fixed, "fixed" } };
    static const std::vector<std::pair<SideInit, std::string>> inits
        = { { SideInit::Random, "random" }, { SideInit::Fisher, "fisher" }, { SideInit::Magnitude, "magnitude" } };
    static const std::vector<std::pair<BackbonePrecision, std::string>> precisions
        = { { BackbonePrecision::Fp32, "fp32" }, { BackbonePrecision::Bf16, "bf16" } };
    static const std::vector<std::pair<SideAttention, std::string>> attentions
        = { { SideAttention::Standard, "standard" }, { SideAttention::Recompute, "recompute" } };
    static const std::vector<OptionSpec> lst = {
        { "reduction", "Reduction factor r: the side network's d_model, d_ff and d_kv are the backbone's divided by r.",
            [](const MethodConfig &c) { return Json(c.lst.reduction); },
            [](const Json &v, MethodConfig &c) { return readInt(v, c.lst.reduction, 1); } },
        { "layers",
            "Backbone layers that keep a side block: \"default\" (the paper's choice), \"all\", \"every:K\" or a list "
            "such as \"1,2,3,5\".",
            [](const MethodConfig &c) { return Json(c.lst.layers); },
            [](const Json &v, MethodConfig &c) { return readLayers(v, c.lst.layers); } },
        { "gate", "How ladder outputs are mixed into the side state: a learnable gate per layer, or a fixed one.",
            [](const MethodConfig &c) { return Json(gateName(c.lst.gate)); },
            [](const Json &v, MethodConfig &c) { return readEnum(v, c.lst.gate, gates); } },
        { "gate_temperature", "Gate temperature T in mu = sigmoid(alpha / T); smaller values make the gate sharper.",
            [](const MethodConfig &c) { return Json(c.lst.gateTemperature); },
            [](const Json &v, MethodConfig &c) {
                return readDouble(v, c.lst.gateTemperature, 0.0, kInf, true, true);
            } },
        { "gate_alpha", "Start value of each gate's alpha (or its fixed value); 0 gives mu = 0.5.",
            [](const MethodConfig &c) { return Json(c.lst.gateAlpha); },
            [](const Json &v, MethodConfig &c) { return readDouble(v, c.lst.gateAlpha, -kInf, kInf, true, true); } },
        { "init",
            "How side blocks start: random, pruned from the backbone by Fisher importance, or pruned by weight "
            "magnitude.",
            [](const MethodConfig &c) { return Json(initName(c.lst.init)); },
            [](const Json &v, MethodConfig &c) { return readEnum(v, c.lst.init, inits); } },
        { "fisher_samples", "Training examples (batch 1) whose squared gradients are summed into Fisher importance.",
            [](const MethodConfig &c) { return Json(c.lst.fisherSamples); },
            [](const Json &v, MethodConfig &c) { return readInt(v, c.lst.fisherSamples, 1); } },
        { "dropout", "Dropout probability inside the side network during training.",
            [](const MethodConfig &c) { return Json(c.lst.dropout); },
            [](const Json &v, MethodConfig &c) { return readDouble(v, c.lst.dropout, 0.0, 1.0, true); } },
        { "backbone_dtype",
            "Number format of the frozen backbone's weights and of the ladder inputs it hands the side network: "
            "fp32, or bf16 (half the bytes; the side network stays fp32).",
            [](const MethodConfig &c) { return Json(enumName(c.lst.backbonePrecision, precisions)); },
            [](const Json &v, MethodConfig &c) { return readEnum(v, c.lst.backbonePrecision, precisions); } },
        { "side_attention",
            "What the side network's attention keeps for backward: \"standard\" (the heads x len x len "
            "probabilities) or \"recompute\" (only q, k, v; the probabilities are recomputed in backward).",
            [](const MethodConfig &c) { return Json(enumName(c.lst.sideAttention, attentions)); },
            [](const Json &v, MethodConfig &c) { return readEnum(v, c.lst.sideAttention, attentions); } },
    };
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
    for (const OptionSpec &spec : optionSpecs(kind))
        keys.push_back("\"" + spec.key + "\"");
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

    const std::vector<OptionSpec> &specs = optionSpecs(config.kind);
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() == "kind")
            continue;
        const auto spec
            = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec &s) { return s.key == it.key(); });
        if (spec == specs.end())
            throw Error::inFile(sourceName,
                "fine-tuning method " + methodName(config.kind) + ": unknown key \"" + it.key() + "\", expected one of "
                    + keyList(config.kind));
        const std::string problem = spec->read(it.value(), config);
        if (!problem.empty())
            throw Error::inFile(
                sourceName, "fine-tuning method " + methodName(config.kind) + ": key \"" + it.key() + "\": " + problem);
    }
    return config;
}

std::string MethodConfig::toJson() const
{
    // Keys in the options table's order, "kind" first: readable in run records and diffs.
    std::string text = "{\"kind\":" + Json(methodName(kind)).dump();
    for (const OptionSpec &spec : optionSpecs(kind))
        text += "," + Json(spec.key).dump() + ":" + spec.write(*this).dump();
    return text + "}";
}

std::vector<OptionDescription> describeMethodOptions(MethodKind kind)
{
    const MethodConfig defaults;
    std::vector<OptionDescription> descriptions;
    for (const OptionSpec &spec : optionSpecs(kind))
        descriptions.push_back({ spec.key, spec.description, spec.write(defaults).dump() });
    return descriptions;
}

} // namespace ladder
