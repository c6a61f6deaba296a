// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/RunLabels.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace ladder {

namespace {

using Json = nlohmann::json;

/// The configuration, or null when the text is not a JSON object: labels never throw, a run
/// list must show every row it can.
Json parsedObject(const std::string &text)
{
    Json json = Json::parse(text, nullptr, false);
    return json.is_object() ? json : Json();
}

/// The method block: the run configuration's "method", or the text itself when it is one.
Json methodBlock(const Json &config)
{
    if (!config.is_object())
        return Json();
    const auto method = config.find("method");
    if (method != config.end())
        return method->is_object() ? *method : Json();
    return config.contains("kind") ? config : Json();
}

std::string stringAt(const Json &object, const char *section, const char *key)
{
    if (!object.is_object())
        return {};
    const auto block = object.find(section);
    if (block == object.end() || !block->is_object())
        return {};
    const auto value = block->find(key);
    return value != block->end() && value->is_string() ? value->get<std::string>() : std::string();
}

std::string baseName(std::string path)
{
    while (path.size() > 1 && path.back() == '/')
        path.pop_back();
    const std::string name = std::filesystem::path(path).filename().string();
    return name.empty() ? path : name;
}

/// "<symbol>=<value>" for the method's main knob, with MethodConfig's defaults
/// (core/peft/MethodConfig.h) where the block leaves the key out.
std::string knob(const Json &method, const char *key, const char *symbol, std::int64_t defaultValue)
{
    const auto value = method.find(key);
    const std::string text = value != method.end() && value->is_number_integer()
        ? std::to_string(value->get<std::int64_t>())
        : value != method.end() && value->is_number() ? value->dump()
                                                      : std::to_string(defaultValue);
    return std::string(symbol) + "=" + text;
}

} // namespace

std::string methodLabel(const std::string &runConfigJson, const std::string &fallbackMethod)
{
    const Json method = methodBlock(parsedObject(runConfigJson));
    const auto kindIt = method.is_object() ? method.find("kind") : method.end();
    if (!method.is_object() || kindIt == method.end() || !kindIt->is_string())
        return fallbackMethod;
    const std::string kind = kindIt->get<std::string>();
    if (kind == "lst")
        return kind + " " + knob(method, "reduction", "r", 8);
    if (kind == "adapter")
        return kind + " " + knob(method, "reduction", "r", 16);
    if (kind == "lora")
        return kind + " " + knob(method, "rank", "r", 32);
    if (kind == "prompt")
        return kind + " " + knob(method, "length", "n", 100);
    return kind; // full and bitfit have no knob
}

std::string backboneLabel(const std::string &runConfigJson)
{
    const Json config = parsedObject(runConfigJson);
    const std::string path = stringAt(config, "backbone", "path");
    return path.empty() ? stringAt(config, "backbone", "preset") : baseName(path);
}

std::string taskLabel(const std::string &runConfigJson)
{
    const Json config = parsedObject(runConfigJson);
    if (stringAt(config, "task", "kind") == "file") {
        const std::string train = stringAt(config, "task", "train");
        return train.empty() ? std::string() : baseName(train);
    }
    return stringAt(config, "task", "name");
}

std::string defaultRunName(const std::string &runConfigJson)
{
    std::string name;
    for (const std::string &part :
        { methodLabel(runConfigJson), backboneLabel(runConfigJson), taskLabel(runConfigJson) }) {
        if (!part.empty())
            name += (name.empty() ? "" : " · ") + part;
    }
    return name.empty() ? "run" : name;
}

} // namespace ladder
