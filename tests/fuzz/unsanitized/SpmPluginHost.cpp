// SPDX-License-Identifier: GPL-3.0-or-later
// The sentencepiece plugin through the real loading path (SentencePieceTokenizer::load →
// dlopen(RTLD_DEEPBIND) → the plugin), in a process built WITHOUT sanitizers: ASan refuses
// dlopen with RTLD_DEEPBIND, so sanitized builds (asan and fuzz presets) check the plugin here.
// It trains a tiny model, tokenizes with it, then loads damaged copies of it and every file
// named on the command line (fuzz_spm_load's corpus and regressions): each must load or throw
// ladder::Error, never take the process down. Usage: spm_plugin_host [file or folder ...]
#include "tokenizer/SentencePieceTokenizer.h"
#include "util/Error.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using ladder::SentencePieceTokenizer;

namespace {

int g_failures = 0;

void check(bool ok, const std::string &what)
{
    if (!ok) {
        std::fprintf(stderr, "FAIL: %s\n", what.c_str());
        ++g_failures;
    }
}

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeAll(const fs::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// Loads @p path and uses what loads; true when it loaded. Any exception but ladder::Error
/// escapes and fails the test, as a crash does.
bool loadAndUse(const fs::path &path)
{
    try {
        const SentencePieceTokenizer tokenizer = SentencePieceTokenizer::load(path.string());
        const std::vector<int64_t> ids = tokenizer.encode("the quick brown fox <extra_id_0> caf\xC3\xA9");
        (void)tokenizer.decode(ids, false);
        for (int64_t id = 0; id < std::min<int64_t>(tokenizer.vocabSize(), 64); ++id)
            (void)tokenizer.pieceToId(tokenizer.idToPiece(id));
        return true;
    } catch (const ladder::Error &) {
        return false;
    }
}

fs::path trainModel(const fs::path &scratch)
{
    const fs::path text = scratch / "text.txt";
    {
        std::ofstream out(text);
        for (int i = 0; i < 200; ++i)
            out << "the quick brown fox number " << i % 17 << " jumps over the lazy dog " << i % 5 << "\n";
    }
    ladder::SentencePieceTrainingOptions options;
    options.inputFiles = { text.string() };
    options.modelPrefix = (scratch / "tiny").string();
    options.vocabSize = 40;
    options.numThreads = 1;
    ladder::trainSentencePiece(options);
    return scratch / "tiny.model";
}

void checkTrainedModel(const fs::path &model)
{
    const SentencePieceTokenizer tokenizer = SentencePieceTokenizer::load(model.string());
    const std::vector<int64_t> ids = tokenizer.encode("the lazy dog");
    check(!ids.empty() && ids.back() == SentencePieceTokenizer::eosId, "encode appends eos");
    check(tokenizer.decode(ids) == "the lazy dog", "decode(encode(text)) == text");
}

/// Truncations and byte flips of a valid model: the likeliest corruptions of a real file.
void checkDamagedCopies(const fs::path &model, const fs::path &scratch)
{
    const std::string bytes = readAll(model);
    const fs::path damaged = scratch / "damaged.model";
    int loaded = 0, refused = 0;
    for (std::size_t cut : { std::size_t(0), std::size_t(1), std::size_t(7), bytes.size() / 3, bytes.size() / 2,
             bytes.size() - 1 }) {
        writeAll(damaged, bytes.substr(0, cut));
        (loadAndUse(damaged) ? loaded : refused)++;
    }
    for (std::size_t at = 0; at < bytes.size(); at += std::max<std::size_t>(1, bytes.size() / 97)) {
        std::string flipped = bytes;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x5A);
        writeAll(damaged, flipped);
        (loadAndUse(damaged) ? loaded : refused)++;
    }
    check(refused > 0, "a truncated model is refused");
    std::printf("damaged copies: %d loaded, %d refused with ladder::Error, none crashed\n", loaded, refused);
}

void checkFiles(int argc, char **argv)
{
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path path = argv[i];
        if (fs::is_directory(path)) {
            for (const auto &entry : fs::directory_iterator(path))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
        } else {
            files.push_back(path);
        }
    }
    std::sort(files.begin(), files.end());
    int loaded = 0;
    for (const fs::path &file : files)
        loaded += loadAndUse(file) ? 1 : 0;
    std::printf("%zu corpus files: %d loaded, %zu refused with ladder::Error, none crashed\n", files.size(), loaded,
        files.size() - loaded);
}

} // namespace

int main(int argc, char **argv)
{
    std::printf("NOTE: ASan refuses dlopen(RTLD_DEEPBIND), so the sentencepiece plugin is exercised here, in a "
                "separate process built without sanitizers (tests/fuzz/unsanitized).\n");
    const fs::path scratch = fs::temp_directory_path() / ("ladder-spm-host-" + std::to_string(getpid()));
    fs::create_directories(scratch);
    try {
        const fs::path model = trainModel(scratch);
        checkTrainedModel(model);
        checkDamagedCopies(model, scratch);
        checkFiles(argc, argv);
    } catch (const ladder::Error &e) {
        check(false, e.what());
    }
    fs::remove_all(scratch);
    std::printf("%s\n", g_failures ? "FAILED" : "PASSED");
    return g_failures ? 1 : 0;
}
