// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/StateDict.h"

#include "io/Safetensors.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ladder {
namespace {

namespace fs = std::filesystem;

constexpr const char *kSingleFile = "model.safetensors";
constexpr const char *kIndexFile = "model.safetensors.index.json";
// An index lists one line per tensor; even the largest T5 index is a few hundred kB.
constexpr std::uintmax_t kMaxIndexBytes = 64u * 1024 * 1024;

std::string quoted(const std::string &name)
{
    return "\"" + name + "\"";
}

/// "a, b, c, d, e and 3 more": long lists would bury the message.
std::string listSome(const std::vector<std::string> &names, std::size_t shown = 5)
{
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < shown; ++i)
        text += (i ? ", " : "") + quoted(names[i]);
    if (names.size() > shown)
        text += " and " + std::to_string(names.size() - shown) + " more";
    return text;
}

std::string shapeText(const torch::Tensor &tensor)
{
    std::string text = "[";
    for (std::int64_t i = 0; i < tensor.dim(); ++i)
        text += (i ? ", " : "") + std::to_string(tensor.size(i));
    return text + "]";
}

std::string dtypeText(const torch::Tensor &tensor)
{
    const std::string name = safetensorsDtypeName(tensor.scalar_type());
    return name.empty() ? std::string(c10::toString(tensor.scalar_type())) : name;
}

void addFile(CheckpointTensors &weights, SafetensorsContents contents)
{
    for (NamedTensor &named : contents.tensors) {
        weights.sourceFile[named.name] = contents.path;
        weights.tensors[named.name] = std::move(named.tensor);
    }
}

nlohmann::json readIndexJson(const std::string &indexPath)
{
    std::error_code error;
    const std::uintmax_t size = fs::file_size(indexPath, error);
    if (error)
        throw Error::inFile(indexPath, "cannot read the file: " + error.message());
    if (size > kMaxIndexBytes)
        throw Error::inFile(indexPath, "file is " + std::to_string(size) + " bytes, too large for an index");
    std::ifstream in(indexPath, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in)
        throw Error::inFile(indexPath, "cannot read the file");
    try {
        return nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception &e) {
        throw Error::inFile(indexPath, std::string("not valid JSON: ") + e.what());
    }
}

/// weight_map: tensor name → shard file name, validated.
std::map<std::string, std::string> weightMapOf(const std::string &indexPath)
{
    const nlohmann::json index = readIndexJson(indexPath);
    if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
        throw Error::inFile(indexPath,
            "expected a JSON object with a \"weight_map\" object "
            "(tensor name → shard file name)");
    std::map<std::string, std::string> weightMap;
    for (const auto &item : index["weight_map"].items()) {
        if (!item.value().is_string())
            throw Error::inFile(indexPath,
                "weight_map entry " + quoted(item.key()) + " must name a shard file, found " + item.value().dump());
        const std::string shard = item.value().get<std::string>();
        // Shards are plain file names next to the index; anything else could reach outside the folder.
        if (shard.empty() || shard == "." || shard == ".." || shard.find('/') != std::string::npos
            || shard.find('\\') != std::string::npos)
            throw Error::inFile(indexPath,
                "weight_map entry " + quoted(item.key()) + " names " + quoted(shard)
                    + ", which is not a file name in the checkpoint folder");
        weightMap[item.key()] = shard;
    }
    if (weightMap.empty())
        throw Error::inFile(indexPath, "weight_map is empty");
    return weightMap;
}

CheckpointTensors readShards(const std::string &dir, const std::string &indexPath)
{
    const std::map<std::string, std::string> weightMap = weightMapOf(indexPath);
    std::map<std::string, std::vector<std::string>> tensorsByShard;
    for (const auto &[tensor, shard] : weightMap)
        tensorsByShard[shard].push_back(tensor);
    for (const auto &[shard, tensors] : tensorsByShard) {
        // The error_code overload: a name the OS refuses (longer than NAME_MAX) is a missing
        // shard, not a std::filesystem_error escaping the reader (found by fuzz_checkpoint_index).
        std::error_code error;
        if (!fs::is_regular_file(fs::path(dir) / shard, error))
            throw Error::inFile(
                indexPath, "shard " + quoted(shard) + " (holding " + listSome(tensors, 2) + ") is missing from " + dir);
    }

    CheckpointTensors weights;
    weights.dir = dir;
    for (const auto &[shard, tensors] : tensorsByShard) {
        SafetensorsContents contents = readSafetensors((fs::path(dir) / shard).string());
        for (const NamedTensor &named : contents.tensors) {
            const auto listed = weightMap.find(named.name);
            if (listed == weightMap.end())
                throw Error::inFile(contents.path, "tensor " + quoted(named.name) + " is not listed in " + indexPath);
            if (const auto seen = weights.sourceFile.find(named.name); seen != weights.sourceFile.end())
                throw Error::inFile(contents.path,
                    "tensor " + quoted(named.name) + " is also in shard " + seen->second
                        + "; a tensor must be in one shard only");
            if (listed->second != shard)
                throw Error::inFile(contents.path,
                    "tensor " + quoted(named.name) + " is in this shard but " + indexPath + " maps it to "
                        + quoted(listed->second));
        }
        addFile(weights, std::move(contents));
    }
    for (const auto &[tensor, shard] : weightMap) {
        if (!weights.tensors.count(tensor))
            throw Error::inFile(indexPath,
                "maps tensor " + quoted(tensor) + " to shard " + quoted(shard) + ", which does not contain it");
    }
    return weights;
}

/// Where a message about the checkpoint as a whole should point.
std::string checkpointName(const CheckpointTensors &weights)
{
    std::set<std::string> files;
    for (const auto &item : weights.sourceFile)
        files.insert(item.second);
    if (files.size() == 1)
        return *files.begin();
    return weights.dir.empty() ? std::string("checkpoint") : weights.dir;
}

std::string sourceOf(const CheckpointTensors &weights, const std::string &name)
{
    const auto it = weights.sourceFile.find(name);
    return it != weights.sourceFile.end() ? it->second : checkpointName(weights);
}

/// A parameter or buffer of the module and the file tensor chosen for it.
struct Assignment
{
    std::string key;
    torch::Tensor target;
    std::string sourceName;
    torch::Tensor source;
};

std::vector<std::pair<std::string, torch::Tensor>> moduleEntries(const torch::nn::Module &module, bool includeBuffers)
{
    std::vector<std::pair<std::string, torch::Tensor>> entries;
    for (const auto &item : module.named_parameters())
        entries.emplace_back(item.key(), item.value());
    if (includeBuffers) {
        for (const auto &item : module.named_buffers())
            entries.emplace_back(item.key(), item.value());
    }
    return entries;
}

std::vector<Assignment> matchKeys(
    const torch::nn::Module &module, const CheckpointTensors &weights, const StateDictLoadOptions &options)
{
    std::vector<Assignment> assignments;
    std::vector<std::string> missing;
    std::set<std::string> used;
    for (auto &[key, target] : moduleEntries(module, true)) {
        std::vector<std::string> candidates { key };
        if (const auto aliases = options.aliases.find(key); aliases != options.aliases.end())
            candidates.insert(candidates.end(), aliases->second.begin(), aliases->second.end());
        std::string chosen;
        for (const std::string &candidate : candidates) {
            if (!weights.tensors.count(candidate))
                continue;
            // Every form present counts as used: old checkpoints store tied copies under each name.
            used.insert(candidate);
            if (chosen.empty())
                chosen = candidate;
        }
        if (chosen.empty())
            missing.push_back(key);
        else
            assignments.push_back({ key, target, chosen, weights.tensors.at(chosen) });
    }

    std::vector<std::string> unexpected;
    for (const auto &item : weights.tensors) {
        if (!used.count(item.first) && !options.ignoredKeys.count(item.first))
            unexpected.push_back(item.first);
    }
    std::vector<std::string> problems;
    if (!missing.empty())
        problems.push_back(
            std::to_string(missing.size()) + " weight(s) the model needs are missing: " + listSome(missing));
    if (!unexpected.empty())
        problems.push_back(std::to_string(unexpected.size()) + " unexpected weight(s) the model does not have: "
            + listSome(unexpected) + " (is this checkpoint for another architecture?)");
    if (!problems.empty()) {
        std::string message = problems.front();
        if (problems.size() > 1)
            message += "; " + problems.back();
        throw Error::inFile(checkpointName(weights), message);
    }
    return assignments;
}

void checkFits(const Assignment &assignment, const CheckpointTensors &weights, const StateDictLoadOptions &options)
{
    const std::string file = sourceOf(weights, assignment.sourceName);
    const std::string forKey
        = assignment.sourceName == assignment.key ? "" : " (loaded as " + quoted(assignment.key) + ")";
    if (!assignment.source.sizes().equals(assignment.target.sizes()))
        throw Error::inFile(file,
            "tensor " + quoted(assignment.sourceName) + forKey + " has shape " + shapeText(assignment.source)
                + " but the model built from " + options.configName + " expects " + shapeText(assignment.target)
                + "; the checkpoint does not fit " + options.configName);
    const bool targetFloat = torch::isFloatingType(assignment.target.scalar_type());
    const bool sourceFloat = torch::isFloatingType(assignment.source.scalar_type());
    if (targetFloat != sourceFloat)
        throw Error::inFile(file,
            "tensor " + quoted(assignment.sourceName) + forKey + " has dtype " + dtypeText(assignment.source)
                + " but the model's " + quoted(assignment.key) + " is "
                + (targetFloat ? "a floating-point" : "an integer") + " tensor; expected "
                + (targetFloat ? "F32, F16, BF16 or F64" : "an integer dtype"));
}

void copyInto(const Assignment &assignment, torch::Dtype floatDtype)
{
    torch::Tensor target = assignment.target;
    if (!torch::isFloatingType(target.scalar_type())) {
        target.copy_(assignment.source);
        return;
    }
    if (target.scalar_type() == floatDtype) {
        target.copy_(assignment.source);
        return;
    }
    // The module is asked to hold another dtype: swap its data (same Variable, so the module's
    // registration and any tied references stay valid).
    target.set_data(assignment.source.to(target.device(), floatDtype, /*non_blocking=*/false, /*copy=*/true));
}

} // namespace

CheckpointTensors readHuggingFaceWeights(const std::string &dir)
{
    std::error_code error;
    if (!fs::is_directory(dir, error))
        throw Error::inFile(dir, "not a folder (expected a HuggingFace checkpoint folder with model.safetensors)");
    const fs::path single = fs::path(dir) / kSingleFile;
    const fs::path index = fs::path(dir) / kIndexFile;
    if (fs::exists(single, error)) {
        CheckpointTensors weights;
        weights.dir = dir;
        addFile(weights, readSafetensors(single.string()));
        return weights;
    }
    if (fs::exists(index, error))
        return readShards(dir, index.string());
    if (fs::exists(fs::path(dir) / "pytorch_model.bin", error))
        throw Error::inFile(dir,
            "has only pytorch_model.bin (a pickle checkpoint, which is not read here); "
            "convert it to model.safetensors, e.g. with save_pretrained(safe_serialization=True)");
    throw Error::inFile(dir, std::string("no ") + kSingleFile + " or " + kIndexFile + " in this folder");
}

void loadStateDict(torch::nn::Module &module, const CheckpointTensors &weights, const StateDictLoadOptions &options)
{
    if (!torch::isFloatingType(options.dtype))
        throw Error("loadStateDict: the load dtype must be a floating-point type, got "
            + std::string(c10::toString(options.dtype)));
    const std::vector<Assignment> assignments = matchKeys(module, weights, options);
    for (const Assignment &assignment : assignments)
        checkFits(assignment, weights, options);
    torch::NoGradGuard noGrad;
    for (const Assignment &assignment : assignments)
        copyInto(assignment, options.dtype);
}

void saveStateDict(const torch::nn::Module &module, const std::string &path, const std::set<std::string> &skipKeys,
    bool includeBuffers)
{
    std::vector<NamedTensor> tensors;
    for (auto &[key, tensor] : moduleEntries(module, includeBuffers)) {
        if (!skipKeys.count(key))
            tensors.push_back({ key, tensor.detach() });
    }
    writeSafetensors(path, tensors, { { "format", "pt" } });
}

} // namespace ladder
