// SPDX-License-Identifier: GPL-3.0-or-later
// The sentencepiece plugin: the only code of the project that links sentencepiece. It must never
// link LibTorch (ARCHITECTURE.md, hazard 1) and lets no exception escape through the C ABI.
#include "SentencePiecePluginAbi.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#define LADDER_SPM_EXPORT extern "C" __attribute__((visibility("default")))

struct LadderSpmModel {
    sentencepiece::SentencePieceProcessor processor;
};

namespace {

/// A malloc'ed copy, so the caller can hand it back to freeString whatever its own allocator.
char *copyString(const std::string &text, size_t *length = nullptr)
{
    auto *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (!copy)
        return nullptr;
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    if (length)
        *length = text.size();
    return copy;
}

int32_t fail(char **error, const std::string &message)
{
    if (error)
        *error = copyString(message);
    return LADDER_SPM_FAILED;
}

/// Runs body, turning any exception (bad_alloc included) into an error message.
template <typename Body>
int32_t guarded(char **error, Body &&body)
{
    if (error)
        *error = nullptr;
    try {
        return body();
    } catch (const std::exception &e) {
        return fail(error, e.what());
    } catch (...) {
        return fail(error, "unknown error inside the sentencepiece plugin");
    }
}

int32_t load(const char *path, LadderSpmModel **model, char **error)
{
    return guarded(error, [&]() -> int32_t {
        if (!path || !model)
            return fail(error, "load: null argument");
        *model = nullptr;
        auto loaded = std::make_unique<LadderSpmModel>();
        const auto status = loaded->processor.Load(path);
        if (!status.ok())
            return fail(error, status.ToString());
        if (loaded->processor.GetPieceSize() <= 0)
            return fail(error, "the model has no pieces");
        *model = loaded.release();
        return LADDER_SPM_OK;
    });
}

void freeModel(LadderSpmModel *model)
{
    delete model;
}

int32_t encode(const LadderSpmModel *model, const char *text, size_t length, int32_t **ids,
               size_t *count, char **error)
{
    return guarded(error, [&]() -> int32_t {
        if (!model || (!text && length > 0) || !ids || !count)
            return fail(error, "encode: null argument");
        *ids = nullptr;
        *count = 0;
        std::vector<int> pieces;
        const auto status = model->processor.Encode(
            absl::string_view(text ? text : "", length), &pieces);
        if (!status.ok())
            return fail(error, status.ToString());
        // One element at least, so a successful result is never a null pointer.
        auto *out = static_cast<int32_t *>(std::malloc(sizeof(int32_t) * (pieces.size() + 1)));
        if (!out)
            throw std::bad_alloc();
        for (size_t i = 0; i < pieces.size(); ++i)
            out[i] = static_cast<int32_t>(pieces[i]);
        *ids = out;
        *count = pieces.size();
        return LADDER_SPM_OK;
    });
}

int32_t decode(const LadderSpmModel *model, const int32_t *ids, size_t count, char **text,
               size_t *length, char **error)
{
    return guarded(error, [&]() -> int32_t {
        if (!model || (!ids && count > 0) || !text)
            return fail(error, "decode: null argument");
        *text = nullptr;
        const std::vector<int> pieces(ids, ids + count);
        std::string decoded;
        // sentencepiece itself rejects ids outside [0, pieceCount).
        const auto status = model->processor.Decode(pieces, &decoded);
        if (!status.ok())
            return fail(error, status.ToString());
        *text = copyString(decoded, length);
        if (!*text)
            throw std::bad_alloc();
        return LADDER_SPM_OK;
    });
}

int32_t pieceCount(const LadderSpmModel *model)
{
    return model ? model->processor.GetPieceSize() : 0;
}

int32_t pieceToId(const LadderSpmModel *model, const char *piece, size_t length)
{
    try {
        if (!model || (!piece && length > 0))
            return -1;
        const std::string wanted(piece ? piece : "", length);
        const int id = model->processor.PieceToId(wanted);
        // sentencepiece answers unknown pieces with the unk id; tell them apart.
        return model->processor.IdToPiece(id) == wanted ? id : -1;
    } catch (...) {
        return -1;
    }
}

int32_t idToPiece(const LadderSpmModel *model, int32_t id, char **piece, size_t *length,
                  char **error)
{
    return guarded(error, [&]() -> int32_t {
        if (!model || !piece)
            return fail(error, "idToPiece: null argument");
        *piece = nullptr;
        if (id < 0 || id >= model->processor.GetPieceSize())
            return fail(error, "id " + std::to_string(id) + " is outside [0, "
                                   + std::to_string(model->processor.GetPieceSize()) + ")");
        *piece = copyString(model->processor.IdToPiece(id), length);
        if (!*piece)
            throw std::bad_alloc();
        return LADDER_SPM_OK;
    });
}

void specialIds(const LadderSpmModel *model, LadderSpmSpecialIds *ids)
{
    if (!ids)
        return;
    *ids = LadderSpmSpecialIds{-1, -1, -1, -1};
    if (!model)
        return;
    ids->pad = model->processor.pad_id();
    ids->eos = model->processor.eos_id();
    ids->unk = model->processor.unk_id();
    ids->bos = model->processor.bos_id();
}

std::string joinInputs(const LadderSpmTrainOptions &options)
{
    std::string joined;
    for (size_t i = 0; i < options.inputFileCount; ++i) {
        const char *file = options.inputFiles[i];
        if (!file || !*file)
            throw std::invalid_argument("input file " + std::to_string(i) + " has an empty path");
        // sentencepiece splits its --input flag at commas.
        if (std::strchr(file, ','))
            throw std::invalid_argument(std::string(file)
                                        + ": sentencepiece cannot read a path that contains a comma");
        if (!joined.empty())
            joined += ',';
        joined += file;
    }
    return joined;
}

int32_t train(const LadderSpmTrainOptions *options, char **error)
{
    // The random seed and the log level are sentencepiece globals: one training at a time.
    static std::mutex trainingMutex;
    return guarded(error, [&]() -> int32_t {
        if (!options || !options->modelPrefix || !options->modelType
            || (!options->inputFiles && options->inputFileCount > 0))
            return fail(error, "train: null argument");
        if (options->inputFileCount == 0)
            return fail(error, "train: no input files");
        const std::unordered_map<std::string, std::string> flags{
            {"input", joinInputs(*options)},
            {"model_prefix", options->modelPrefix},
            {"vocab_size", std::to_string(options->vocabSize)},
            {"model_type", options->modelType},
            {"character_coverage", std::to_string(options->characterCoverage)},
            {"hard_vocab_limit", options->hardVocabLimit ? "true" : "false"},
            {"input_sentence_size", std::to_string(options->inputSentenceSize)},
            {"num_threads", std::to_string(options->numThreads)},
            // Quiet means silent, warnings included: sentencepiece logs through std::cerr, and under
            // RTLD_DEEPBIND its std::cerr binds to libstdc++'s own, never-constructed object rather
            // than the executable's copy-relocated one, so the first warning (the BPE trainer's "No
            // valid symbol found" when a small text runs out of merges) crashes the process.
            {"minloglevel", options->quiet ? "3" : "0"},
            // T5's layout: pad 0, eos 1, unk 2 and no bos.
            {"pad_id", "0"},
            {"eos_id", "1"},
            {"unk_id", "2"},
            {"bos_id", "-1"},
            {"pad_piece", "<pad>"},
            {"eos_piece", "</s>"},
            {"unk_piece", "<unk>"},
        };
        std::lock_guard<std::mutex> lock(trainingMutex);
        // 0.1.97 has no --random_seed flag; its generator (sentence sampling and shuffling) is
        // seeded here. UINT_MAX is reserved by sentencepiece for "seed from random_device".
        const unsigned int maxSeed = std::numeric_limits<unsigned int>::max();
        sentencepiece::SetRandomGeneratorSeed(options->seed == maxSeed ? maxSeed - 1 : options->seed);
        const auto status = sentencepiece::SentencePieceTrainer::Train(flags);
        if (!status.ok())
            return fail(error, status.ToString());
        return LADDER_SPM_OK;
    });
}

void freeIds(int32_t *ids)
{
    std::free(ids);
}

void freeString(char *text)
{
    std::free(text);
}

const LadderSpmApi api = {
    LADDER_SPM_ABI_VERSION,
    sizeof(LadderSpmApi),
    load,
    freeModel,
    encode,
    decode,
    pieceCount,
    pieceToId,
    idToPiece,
    specialIds,
    train,
    freeIds,
    freeString,
};

} // namespace

LADDER_SPM_EXPORT const LadderSpmApi *ladder_spm_api(void)
{
    return &api;
}
