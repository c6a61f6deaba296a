// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Checkpoint.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace ladder {

namespace fs = std::filesystem;

namespace {

void writeTextFile(const fs::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw Error::inFile(path.string(), "could not write the file");
}

std::string generationConfigJson(const T5Config &config)
{
    // What HF's save_pretrained writes for a model-derived generation config.
    nlohmann::json json = {{"_from_model_config", true},
                           {"decoder_start_token_id", config.decoderStartTokenId},
                           {"eos_token_id", config.eosTokenId},
                           {"pad_token_id", config.padTokenId}};
    return json.dump(2) + "\n";
}

} // namespace

StateDictLoadOptions t5LoadOptions(const T5Config &config)
{
    StateDictLoadOptions options;
    std::vector<std::string> sharedAliases = {"encoder.embed_tokens.weight",
                                              "decoder.embed_tokens.weight"};
    if (config.tieWordEmbeddings)
        sharedAliases.emplace_back("lm_head.weight");
    options.aliases["shared.weight"] = sharedAliases;
    options.ignoredKeys = {"decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight"};
    return options;
}

LoadedT5 loadT5(const std::string &dir)
{
    const fs::path folder(dir);
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error::inFile(dir, "is not a folder; expected a HuggingFace model folder with "
                                 "config.json and model.safetensors");
    LoadedT5 loaded;
    loaded.config = T5Config::fromJsonFile((folder / "config.json").string());
    const CheckpointTensors weights = readHuggingFaceWeights(dir);
    // The checkpoint overwrites every weight: skip HF's initialisation draws.
    loaded.model = T5ForConditionalGeneration(loaded.config, /*initializeWeights=*/false);
    StateDictLoadOptions options = t5LoadOptions(loaded.config);
    options.configName = (folder / "config.json").string();
    loadStateDict(*loaded.model, weights, options);
    return loaded;
}

void saveT5(T5ForConditionalGenerationImpl &model, const T5Config &config, const std::string &dir)
{
    const fs::path folder(dir);
    std::error_code error;
    fs::create_directories(folder, error);
    if (error)
        throw Error::inFile(dir, "could not create the folder: " + error.message());
    writeTextFile(folder / "config.json", config.toJson());
    writeTextFile(folder / "generation_config.json", generationConfigJson(config));
    saveStateDict(model, (folder / "model.safetensors").string());
}

} // namespace ladder
