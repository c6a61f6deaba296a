// SPDX-License-Identifier: GPL-3.0-or-later
// Writes fuzz_spm_load's seed corpus: sentencepiece models of each type, trained through the
// plugin's own C ABI on generated text (nothing downloaded). Links sentencepiece, never
// LibTorch (ARCHITECTURE.md, hazard 1). Usage: fuzz_spm_seeds <corpus dir>
#include "SentencePiecePluginAbi.h"

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>

extern "C" const LadderSpmApi *ladder_spm_api(void);

namespace fs = std::filesystem;

namespace {

/// Varied English-like sentences, enough for small vocabularies of every model type.
void writeTrainingText(const fs::path &path)
{
    const char *subjects[] = { "the cat", "a small dog", "my old friend", "every student", "the river" };
    const char *verbs[] = { "watched", "crossed", "remembered", "painted", "followed" };
    const char *objects[] = { "the long road", "a quiet garden", "its own shadow", "the morning train",
        "seven blue houses" };
    std::ofstream out(path);
    for (int i = 0; i < 300; ++i)
        out << subjects[i % 5] << ' ' << verbs[(i / 5) % 5] << ' ' << objects[(i / 25) % 5] << ", then "
            << verbs[(i * 7) % 5] << " it " << i % 13 << " times.\n";
}

/// Reads a protobuf varint at @p pos; false when the bytes end first.
bool readVarint(const std::string &bytes, std::size_t &pos, std::uint64_t &value)
{
    value = 0;
    for (int shift = 0; pos < bytes.size() && shift < 64; shift += 7) {
        const auto byte = static_cast<unsigned char>(bytes[pos++]);
        value |= std::uint64_t(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

void writeVarint(std::string &out, std::uint64_t value)
{
    do {
        unsigned char byte = value & 0x7F;
        value >>= 7;
        out += static_cast<char>(value ? byte | 0x80 : byte);
    } while (value);
}

/// Copies a protobuf message field by field; @p edit(field, bytes, keep) returns the new bytes of
/// each length-delimited field, or clears keep to drop it.
template <typename Edit>
std::string rewriteMessage(const std::string &in, Edit &&edit)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < in.size()) {
        const std::size_t start = pos;
        std::uint64_t key = 0, length = 0;
        if (!readVarint(in, pos, key))
            throw std::runtime_error("truncated protobuf key");
        switch (key & 7) {
        case 0:
            readVarint(in, pos, length);
            out += in.substr(start, pos - start);
            break;
        case 1:
            pos += 8;
            out += in.substr(start, pos - start);
            break;
        case 5:
            pos += 4;
            out += in.substr(start, pos - start);
            break;
        case 2: {
            if (!readVarint(in, pos, length) || pos + length > in.size())
                throw std::runtime_error("truncated protobuf field");
            bool keep = true;
            const std::string value = edit(int(key >> 3), in.substr(pos, length), keep);
            pos += length;
            if (keep) {
                writeVarint(out, key);
                writeVarint(out, value.size());
                out += value;
            }
            break;
        }
        default:
            throw std::runtime_error("unexpected protobuf wire type");
        }
    }
    return out;
}

/// A trained model with its NFKC table (~230 KB of precompiled_charsmap) removed and the
/// normalizer renamed "identity": a ~1 KB model that still loads, so fuzzing runs fast and
/// mutations hit the pieces and specs instead of a table.
std::string withoutCharsmap(const std::string &model)
{
    // ModelProto: 3 normalizer_spec, 5 denormalizer_spec; NormalizerSpec: 1 name, 2 precompiled_charsmap.
    return rewriteMessage(model, [](int field, const std::string &value, bool &) {
        if (field != 3 && field != 5)
            return value;
        return rewriteMessage(value, [](int inner, const std::string &innerValue, bool &keep) {
            if (inner == 2)
                keep = false;
            return inner == 1 ? std::string("identity") : innerValue;
        });
    });
}

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: fuzz_spm_seeds <corpus dir>\n";
        return 2;
    }
    const fs::path corpus = fs::path(argv[1]) / "fuzz_spm_load";
    const fs::path scratch = fs::temp_directory_path() / ("ladder-fuzz-spm-" + std::to_string(getpid()));
    fs::create_directories(corpus);
    fs::create_directories(scratch);
    const fs::path text = scratch / "text.txt";
    writeTrainingText(text);
    const std::string input = text.string();
    const char *inputs[] = { input.c_str() };

    const LadderSpmApi &api = *ladder_spm_api();
    int failures = 0;
    try {
        for (const char *type : { "unigram", "bpe", "char", "word" }) {
            const std::string prefix = (scratch / type).string();
            LadderSpmTrainOptions options {};
            options.inputFiles = inputs;
            options.inputFileCount = 1;
            options.modelPrefix = prefix.c_str();
            options.vocabSize = 48;
            options.modelType = type;
            options.characterCoverage = 1.0;
            options.hardVocabLimit = 0;
            options.numThreads = 1;
            options.quiet = 1;
            char *error = nullptr;
            if (api.train(&options, &error) != LADDER_SPM_OK) {
                std::cerr << "fuzz_spm_seeds: training a " << type << " model failed: " << (error ? error : "?") << "\n";
                api.freeString(error);
                ++failures;
                continue;
            }
            std::ofstream out(corpus / (std::string(type) + ".model"), std::ios::binary | std::ios::trunc);
            out << withoutCharsmap(readAll(prefix + ".model"));
        }
    } catch (const std::exception &e) {
        std::cerr << "fuzz_spm_seeds: " << e.what() << "\n";
        ++failures;
    }
    fs::remove_all(scratch);
    std::cout << "fuzz_spm_seeds: wrote sentencepiece models under " << corpus.string() << "\n";
    return failures ? 1 : 0;
}
