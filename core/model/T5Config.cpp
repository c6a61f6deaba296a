// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Config.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <sstream>

namespace ladder {

namespace {

using Json = nlohmann::json;

const char *jsonTypeName(const Json &value)
{
    return value.type_name();
}

class KeyReader
{
public:
    KeyReader(const Json &object, const std::string &source)
        : m_object(object)
        , m_source(source)
    {
    }

    [[noreturn]] void fail(const std::string &key, const std::string &what) const
    {
        throw Error::inFile(m_source, "key \"" + key + "\": " + what);
    }

    void readInt(const char *key, int64_t &out) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return;
        if (it->is_number_unsigned()) {
            if (it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
                fail(key, "integer out of range");
            out = static_cast<int64_t>(it->get<uint64_t>());
        } else if (it->is_number_integer()) {
            out = it->get<int64_t>();
        } else {
            fail(key, std::string("expected an integer, got ") + jsonTypeName(*it));
        }
    }

    /// An integer that may be null (HF writes num_decoder_layers: null); returns false when
    /// absent or null.
    bool readOptionalInt(const char *key, int64_t &out) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end() || it->is_null())
            return false;
        readInt(key, out);
        return true;
    }

    void readDouble(const char *key, double &out) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return;
        if (!it->is_number())
            fail(key, std::string("expected a number, got ") + jsonTypeName(*it));
        out = it->get<double>();
    }

    void readBool(const char *key, bool &out) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return;
        if (!it->is_boolean())
            fail(key, std::string("expected true or false, got ") + jsonTypeName(*it));
        out = it->get<bool>();
    }

    bool readString(const char *key, std::string &out) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return false;
        if (!it->is_string())
            fail(key, std::string("expected a string, got ") + jsonTypeName(*it));
        out = it->get<std::string>();
        return true;
    }

private:
    const Json &m_object;
    const std::string &m_source;
};

/// Keys T5Config models itself; everything else round-trips through extraJson.
const std::vector<std::string> &modelledKeys()
{
    static const std::vector<std::string> keys = {
        "vocab_size", "d_model", "d_kv", "d_ff", "num_layers", "num_decoder_layers", "num_heads",
        "relative_attention_num_buckets", "relative_attention_max_distance", "dropout_rate",
        "layer_norm_epsilon", "initializer_factor", "classifier_dropout", "feed_forward_proj",
        "dense_act_fn", "is_gated_act", "tie_word_embeddings", "use_cache", "pad_token_id",
        "eos_token_id", "decoder_start_token_id", "model_type", "is_encoder_decoder"};
    return keys;
}

bool isModelledKey(const std::string &key)
{
    for (const auto &known : modelledKeys())
        if (known == key)
            return true;
    return false;
}

/// Activations whose ACT2FN name the model implements.
bool isSupportedActivation(const std::string &name)
{
    return name == "relu" || name == "gelu" || name == "gelu_new" || name == "gelu_pytorch_tanh"
           || name == "silu" || name == "swish";
}

void requireRange(const std::string &source, const char *key, int64_t value, int64_t low,
                  int64_t high)
{
    if (value < low || value > high)
        throw Error::inFile(source, "key \"" + std::string(key) + "\": " + std::to_string(value)
                                        + " is impossible, expected " + std::to_string(low)
                                        + " ≤ value ≤ " + std::to_string(high));
}

T5Config makePreset(int64_t dModel, int64_t dKv, int64_t dFf, int64_t layers, int64_t heads,
                    const std::string &feedForward, bool tied, int64_t vocab = 32128)
{
    T5Config config;
    config.vocabSize = vocab;
    config.dModel = dModel;
    config.dKv = dKv;
    config.dFf = dFf;
    config.numLayers = layers;
    config.numDecoderLayers = layers;
    config.numHeads = heads;
    config.setFeedForwardProj(feedForward);
    config.tieWordEmbeddings = tied;
    return config;
}

struct Preset
{
    const char *name;
    std::function<T5Config()> make;
};

const std::vector<Preset> &presets()
{
    // Published shapes of the HuggingFace checkpoints (t5-* and google/t5-v1_1-*), and two
    // teaching presets (t5 v1 style: relu, tied head, vocabulary 8192). A full training step
    // (zero_grad, forward with labels, backward, AdamW; batch 32, 128 source and 8 target
    // tokens, dropout 0.1), median of 3–4 steps on the 2-core dev machine while other builds
    // kept its load average at 8–12, so with 1 intra-op thread (2 threads only measured
    // OpenMP contention there): t5-tiny 0.53 s, t5-mini 0.96 s. An idle machine with
    // 2 threads should do better; benchmarks/bench_t5_step measures it.
    static const std::vector<Preset> list = {
        {"t5-tiny", [] { return makePreset(64, 16, 256, 2, 4, "relu", true, 8192); }},
        {"t5-mini", [] { return makePreset(128, 32, 512, 2, 4, "relu", true, 8192); }},
        {"t5-small", [] { return makePreset(512, 64, 2048, 6, 8, "relu", true); }},
        {"t5-base", [] { return makePreset(768, 64, 3072, 12, 12, "relu", true); }},
        {"t5-large", [] { return makePreset(1024, 64, 4096, 24, 16, "relu", true); }},
        {"t5-3b", [] { return makePreset(1024, 128, 16384, 24, 32, "relu", true); }},
        {"t5-v1_1-small", [] { return makePreset(512, 64, 1024, 8, 6, "gated-gelu", false); }},
        {"t5-v1_1-base", [] { return makePreset(768, 64, 2048, 12, 12, "gated-gelu", false); }},
        {"t5-v1_1-large", [] { return makePreset(1024, 64, 2816, 24, 16, "gated-gelu", false); }},
    };
    return list;
}

} // namespace

void T5Config::setFeedForwardProj(const std::string &value)
{
    // HF: split on "-"; "gated-X" is gated, "X" is not, anything else is an error; and for
    // backward compatibility "gated-gelu" means the tanh approximation gelu_new.
    const auto dash = value.find('-');
    std::string activation = value;
    bool gated = false;
    if (dash != std::string::npos) {
        if (value.substr(0, dash) != "gated" || value.find('-', dash + 1) != std::string::npos)
            throw Error("feed_forward_proj \"" + value
                        + "\" is not valid: expected \"gated-{ACT_FN}\" or \"{ACT_FN}\", e.g. "
                          "\"gated-gelu\" or \"relu\"");
        activation = value.substr(dash + 1);
        gated = true;
    }
    if (value == "gated-gelu")
        activation = "gelu_new";
    feedForwardProj = value;
    denseActFn = activation;
    isGatedAct = gated;
}

T5Config T5Config::fromJsonFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error::inFile(path, "cannot open the model configuration for reading");
    std::ostringstream text;
    text << in.rdbuf();
    return fromJsonText(text.str(), path);
}

T5Config T5Config::fromJsonText(const std::string &text, const std::string &sourceName)
{
    Json json;
    try {
        json = Json::parse(text);
    } catch (const Json::parse_error &error) {
        throw Error::inFile(sourceName, "not valid JSON (byte " + std::to_string(error.byte)
                                            + "): " + error.what());
    } catch (const Json::exception &error) {
        // e.g. out_of_range for a number beyond double ("1e999"): bad input all the same.
        throw Error::inFile(sourceName, std::string("not valid JSON: ") + error.what());
    }
    if (!json.is_object())
        throw Error::inFile(sourceName, std::string("expected a JSON object, got ")
                                            + json.type_name());

    KeyReader reader(json, sourceName);
    std::string modelType = "t5";
    if (reader.readString("model_type", modelType) && modelType != "t5")
        reader.fail("model_type", "\"" + modelType + "\" is not a T5 model, expected \"t5\"");
    bool encoderDecoder = true;
    reader.readBool("is_encoder_decoder", encoderDecoder);

    T5Config config;
    reader.readInt("vocab_size", config.vocabSize);
    reader.readInt("d_model", config.dModel);
    reader.readInt("d_kv", config.dKv);
    reader.readInt("d_ff", config.dFf);
    reader.readInt("num_layers", config.numLayers);
    config.numDecoderLayers = config.numLayers;
    reader.readOptionalInt("num_decoder_layers", config.numDecoderLayers);
    reader.readInt("num_heads", config.numHeads);
    reader.readInt("relative_attention_num_buckets", config.relativeAttentionNumBuckets);
    reader.readInt("relative_attention_max_distance", config.relativeAttentionMaxDistance);
    reader.readDouble("dropout_rate", config.dropoutRate);
    reader.readDouble("layer_norm_epsilon", config.layerNormEpsilon);
    reader.readDouble("initializer_factor", config.initializerFactor);
    reader.readDouble("classifier_dropout", config.classifierDropout);
    std::string feedForward = config.feedForwardProj;
    reader.readString("feed_forward_proj", feedForward);
    try {
        config.setFeedForwardProj(feedForward);
    } catch (const Error &error) {
        reader.fail("feed_forward_proj", error.what());
    }
    // HF's PretrainedConfig sets leftover kwargs after T5Config derived them, so values stored
    // in the file win over the derived ones.
    reader.readString("dense_act_fn", config.denseActFn);
    reader.readBool("is_gated_act", config.isGatedAct);
    reader.readBool("tie_word_embeddings", config.tieWordEmbeddings);
    reader.readBool("use_cache", config.useCache);
    reader.readInt("pad_token_id", config.padTokenId);
    reader.readInt("eos_token_id", config.eosTokenId);
    config.decoderStartTokenId = config.padTokenId;
    reader.readOptionalInt("decoder_start_token_id", config.decoderStartTokenId);

    for (auto it = json.begin(); it != json.end(); ++it)
        if (!isModelledKey(it.key()))
            config.extraJson[it.key()] = it.value().dump();

    config.validate(sourceName);
    return config;
}

void T5Config::validate(const std::string &sourceName) const
{
    constexpr int64_t maxWidth = int64_t(1) << 20;
    requireRange(sourceName, "vocab_size", vocabSize, 1, int64_t(1) << 24);
    requireRange(sourceName, "d_model", dModel, 1, maxWidth);
    requireRange(sourceName, "d_kv", dKv, 1, maxWidth);
    requireRange(sourceName, "d_ff", dFf, 1, maxWidth);
    requireRange(sourceName, "num_layers", numLayers, 1, 1024);
    requireRange(sourceName, "num_decoder_layers", numDecoderLayers, 1, 1024);
    requireRange(sourceName, "num_heads", numHeads, 1, 4096);
    // Bidirectional buckets halve the count and half of those are exact: fewer than 4 leaves
    // no log-spaced bucket at all.
    requireRange(sourceName, "relative_attention_num_buckets", relativeAttentionNumBuckets, 4,
                 maxWidth);
    requireRange(sourceName, "relative_attention_max_distance", relativeAttentionMaxDistance,
                 relativeAttentionNumBuckets / 2 + 1, INT32_MAX);
    requireRange(sourceName, "pad_token_id", padTokenId, 0, vocabSize - 1);
    requireRange(sourceName, "eos_token_id", eosTokenId, 0, vocabSize - 1);
    requireRange(sourceName, "decoder_start_token_id", decoderStartTokenId, 0, vocabSize - 1);
    const auto badNumber = [&](const char *key, double value, const char *expected) {
        throw Error::inFile(sourceName, "key \"" + std::string(key) + "\": " + std::to_string(value)
                                            + " is impossible, expected " + expected);
    };
    if (!(dropoutRate >= 0.0 && dropoutRate < 1.0))
        badNumber("dropout_rate", dropoutRate, "0 ≤ value < 1");
    if (!(classifierDropout >= 0.0 && classifierDropout < 1.0))
        badNumber("classifier_dropout", classifierDropout, "0 ≤ value < 1");
    if (!(layerNormEpsilon > 0.0 && layerNormEpsilon < 1.0))
        badNumber("layer_norm_epsilon", layerNormEpsilon, "0 < value < 1");
    if (!(initializerFactor > 0.0 && initializerFactor < 1e6))
        badNumber("initializer_factor", initializerFactor, "a positive value");
    if (!isSupportedActivation(denseActFn))
        throw Error::inFile(sourceName, "key \"dense_act_fn\": activation \"" + denseActFn
                                            + "\" is not supported, expected one of relu, gelu, "
                                              "gelu_new, gelu_pytorch_tanh, silu, swish");
}

std::string T5Config::toJson() const
{
    Json json = Json::object();
    for (const auto &[key, text] : extraJson)
        json[key] = Json::parse(text, nullptr, false);
    if (!json.contains("architectures"))
        json["architectures"] = Json::array({"T5ForConditionalGeneration"});
    json["vocab_size"] = vocabSize;
    json["d_model"] = dModel;
    json["d_kv"] = dKv;
    json["d_ff"] = dFf;
    json["num_layers"] = numLayers;
    json["num_decoder_layers"] = numDecoderLayers;
    json["num_heads"] = numHeads;
    json["relative_attention_num_buckets"] = relativeAttentionNumBuckets;
    json["relative_attention_max_distance"] = relativeAttentionMaxDistance;
    json["dropout_rate"] = dropoutRate;
    json["layer_norm_epsilon"] = layerNormEpsilon;
    json["initializer_factor"] = initializerFactor;
    json["classifier_dropout"] = classifierDropout;
    json["feed_forward_proj"] = feedForwardProj;
    json["dense_act_fn"] = denseActFn;
    json["is_gated_act"] = isGatedAct;
    json["tie_word_embeddings"] = tieWordEmbeddings;
    json["use_cache"] = useCache;
    json["pad_token_id"] = padTokenId;
    json["eos_token_id"] = eosTokenId;
    json["decoder_start_token_id"] = decoderStartTokenId;
    json["is_encoder_decoder"] = true;
    json["model_type"] = "t5";
    // nlohmann objects are sorted, like HF's to_json_string(sort_keys=True).
    return json.dump(2) + "\n";
}

T5Config T5Config::preset(const std::string &name)
{
    for (const auto &preset : presets())
        if (name == preset.name)
            return preset.make();
    std::string names;
    for (const auto &known : presetNames())
        names += (names.empty() ? "" : ", ") + known;
    throw Error("unknown model preset \"" + name + "\", expected one of: " + names);
}

std::vector<std::string> T5Config::presetNames()
{
    std::vector<std::string> names;
    for (const auto &preset : presets())
        names.emplace_back(preset.name);
    return names;
}

bool T5Config::operator==(const T5Config &o) const
{
    return vocabSize == o.vocabSize && dModel == o.dModel && dKv == o.dKv && dFf == o.dFf
           && numLayers == o.numLayers && numDecoderLayers == o.numDecoderLayers
           && numHeads == o.numHeads && relativeAttentionNumBuckets == o.relativeAttentionNumBuckets
           && relativeAttentionMaxDistance == o.relativeAttentionMaxDistance
           && dropoutRate == o.dropoutRate && layerNormEpsilon == o.layerNormEpsilon
           && initializerFactor == o.initializerFactor && classifierDropout == o.classifierDropout
           && feedForwardProj == o.feedForwardProj && denseActFn == o.denseActFn
           && isGatedAct == o.isGatedAct && tieWordEmbeddings == o.tieWordEmbeddings
           && useCache == o.useCache && padTokenId == o.padTokenId && eosTokenId == o.eosTokenId
           && decoderStartTokenId == o.decoderStartTokenId;
}

} // namespace ladder
