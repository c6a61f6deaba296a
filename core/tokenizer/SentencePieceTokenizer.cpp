// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenizer/SentencePieceTokenizer.h"

#include "tokenizer/SentencePiecePlugin.h"
#include "util/Error.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>

namespace ladder {

namespace {

constexpr const char *extraIdPrefix = "<extra_id_";
constexpr const char *eosToken = "</s>";
constexpr const char *padToken = "<pad>";
constexpr const char *unkToken = "<unk>";

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trimRight(std::string_view text)
{
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string_view trimLeft(std::string_view text)
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    return text;
}

/// The number of a sentinel token spelled canonically ("<extra_id_12>", not "<extra_id_012>").
std::optional<int> parseSentinel(std::string_view token)
{
    const size_t prefixLength = std::strlen(extraIdPrefix);
    if (token.size() < prefixLength + 2 || token.substr(0, prefixLength) != extraIdPrefix
        || token.back() != '>')
        return std::nullopt;
    const std::string_view digits = token.substr(prefixLength, token.size() - prefixLength - 1);
    if (digits.empty() || digits.size() > 9 || (digits.size() > 1 && digits.front() == '0'))
        return std::nullopt;
    int number = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        number = number * 10 + (c - '0');
    }
    return number;
}

} // namespace

struct SentencePieceTokenizer::State {
    const SentencePiecePlugin *plugin = nullptr;
    std::unique_ptr<LadderSpmModel, void (*)(LadderSpmModel *)> model{nullptr, nullptr};
    std::string path;
    int64_t pieceCount = 0;
    int extraIds = 0;

    /// The special token at the start of text, as (length, id).
    std::optional<std::pair<size_t, int64_t>> specialTokenAt(std::string_view text) const
    {
        for (const auto &[token, id] : {std::pair{eosToken, eosId}, std::pair{padToken, padId},
                                        std::pair{unkToken, unkId}}) {
            if (text.substr(0, std::strlen(token)) == token)
                return std::pair{std::strlen(token), id};
        }
        if (text.substr(0, std::strlen(extraIdPrefix)) != extraIdPrefix)
            return std::nullopt;
        const size_t close = text.find('>');
        if (close == std::string_view::npos)
            return std::nullopt;
        const std::optional<int> number = parseSentinel(text.substr(0, close + 1));
        if (!number || *number >= extraIds)
            return std::nullopt;
        return std::pair{close + 1, pieceCount + extraIds - 1 - *number};
    }

    void encodePieces(std::string_view text, std::vector<int64_t> &ids) const
    {
        if (text.empty())
            return;
        int32_t *pieces = nullptr;
        size_t count = 0;
        char *error = nullptr;
        if (plugin->api().encode(model.get(), text.data(), text.size(), &pieces, &count, &error)
            != LADDER_SPM_OK)
            throw Error::inFile(path, "cannot encode text: " + plugin->takeError(error));
        ids.insert(ids.end(), pieces, pieces + count);
        plugin->api().freeIds(pieces);
    }

    std::string decodePieces(const std::vector<int32_t> &pieces) const
    {
        if (pieces.empty())
            return {};
        char *text = nullptr;
        size_t length = 0;
        char *error = nullptr;
        if (plugin->api().decode(model.get(), pieces.data(), pieces.size(), &text, &length, &error)
            != LADDER_SPM_OK)
            throw Error::inFile(path, "cannot decode ids: " + plugin->takeError(error));
        std::string decoded(text, length);
        plugin->api().freeString(text);
        return decoded;
    }

    bool isSpecial(int64_t id) const
    {
        return id == padId || id == eosId || id == unkId || id >= pieceCount;
    }
};

SentencePieceTokenizer::SentencePieceTokenizer(std::shared_ptr<const State> state)
    : m_state(std::move(state))
{
}

SentencePieceTokenizer SentencePieceTokenizer::load(const std::string &modelPath, int extraIds)
{
    std::error_code fileError;
    if (!std::filesystem::is_regular_file(modelPath, fileError))
        throw Error::inFile(modelPath, "no such sentencepiece model file");
    if (extraIds < 0)
        throw Error::inFile(modelPath, "the number of extra ids must not be negative, got "
                                           + std::to_string(extraIds));

    const SentencePiecePlugin &plugin = SentencePiecePlugin::instance();
    LadderSpmModel *model = nullptr;
    char *error = nullptr;
    if (plugin.api().load(modelPath.c_str(), &model, &error) != LADDER_SPM_OK)
        throw Error::inFile(modelPath,
                            "not a readable sentencepiece model (" + plugin.takeError(error) + ")");

    auto state = std::make_shared<State>();
    state->plugin = &plugin;
    state->model = {model, plugin.api().freeModel};
    state->path = modelPath;
    state->pieceCount = plugin.api().pieceCount(model);
    state->extraIds = extraIds;

    LadderSpmSpecialIds special{};
    plugin.api().specialIds(model, &special);
    if (special.pad != padId || special.eos != eosId || special.unk != unkId)
        throw Error::inFile(modelPath, "not a T5 vocabulary: pad, eos and unk have ids "
                                           + std::to_string(special.pad) + ", "
                                           + std::to_string(special.eos) + " and "
                                           + std::to_string(special.unk) + "; T5 needs 0, 1 and 2");
    if (state->pieceCount + extraIds > std::numeric_limits<int32_t>::max())
        throw Error::inFile(modelPath, "too many extra ids: " + std::to_string(extraIds));
    return SentencePieceTokenizer(std::move(state));
}

std::vector<int64_t> SentencePieceTokenizer::encode(const std::string &text, bool appendEos) const
{
    // Split at special tokens like HuggingFace's slow tokenizer: each stretch between them is
    // encoded on its own, with the whitespace touching a special token stripped.
    std::vector<int64_t> ids;
    const std::string_view all(text);
    size_t chunkStart = 0;
    size_t search = 0;
    while ((search = all.find('<', search)) != std::string_view::npos) {
        const auto special = m_state->specialTokenAt(all.substr(search));
        if (!special) {
            ++search;
            continue;
        }
        m_state->encodePieces(trimRight(all.substr(chunkStart, search - chunkStart)), ids);
        ids.push_back(special->second);
        search += special->first;
        chunkStart = search;
        while (chunkStart < all.size() && isSpace(all[chunkStart]))
            ++chunkStart;
    }
    m_state->encodePieces(trimLeft(all.substr(std::min(chunkStart, all.size()))), ids);
    // HuggingFace's T5Tokenizer does not add a second eos either.
    if (appendEos && (ids.empty() || ids.back() != eosId))
        ids.push_back(eosId);
    return ids;
}

std::string SentencePieceTokenizer::decode(const std::vector<int64_t> &ids, bool skipSpecial) const
{
    for (size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] < 0 || ids[i] >= vocabSize())
            throw Error("cannot decode token id " + std::to_string(ids[i]) + " at position "
                        + std::to_string(i) + ": outside the vocabulary [0, "
                        + std::to_string(vocabSize()) + ") of " + m_state->path);
    }
    // The shape of HuggingFace's T5Tokenizer.convert_tokens_to_string: stretches of ordinary
    // pieces decoded by sentencepiece, special tokens written out, a space before a special
    // token that follows ordinary text, the result stripped.
    std::string out;
    std::vector<int32_t> pieces;
    bool previousSpecial = false;
    for (int64_t id : ids) {
        if (!m_state->isSpecial(id)) {
            pieces.push_back(static_cast<int32_t>(id));
            previousSpecial = false;
            continue;
        }
        if (skipSpecial)
            continue;
        if (!previousSpecial)
            out += ' ';
        out += m_state->decodePieces(pieces) + idToPiece(id);
        pieces.clear();
        previousSpecial = true;
    }
    out += m_state->decodePieces(pieces);
    return std::string(trimLeft(trimRight(out)));
}

int64_t SentencePieceTokenizer::vocabSize() const
{
    return m_state->pieceCount + m_state->extraIds;
}

int64_t SentencePieceTokenizer::pieceCount() const
{
    return m_state->pieceCount;
}

int SentencePieceTokenizer::extraIdCount() const
{
    return m_state->extraIds;
}

int64_t SentencePieceTokenizer::sentinelId(int n) const
{
    if (n < 0 || n >= m_state->extraIds)
        throw Error("there is no <extra_id_" + std::to_string(n) + ">: the tokenizer of "
                    + m_state->path + " has " + std::to_string(m_state->extraIds) + " extra ids");
    return m_state->pieceCount + m_state->extraIds - 1 - n;
}

std::string SentencePieceTokenizer::idToPiece(int64_t id) const
{
    if (id >= m_state->pieceCount && id < vocabSize())
        return extraIdPrefix + std::to_string(vocabSize() - 1 - id) + ">";
    if (id < 0 || id >= vocabSize())
        throw Error("token id " + std::to_string(id) + " is outside the vocabulary [0, "
                    + std::to_string(vocabSize()) + ") of " + m_state->path);
    const LadderSpmApi &api = m_state->plugin->api();
    char *piece = nullptr;
    size_t length = 0;
    char *error = nullptr;
    if (api.idToPiece(m_state->model.get(), static_cast<int32_t>(id), &piece, &length, &error)
        != LADDER_SPM_OK)
        throw Error::inFile(m_state->path, m_state->plugin->takeError(error));
    std::string result(piece, length);
    api.freeString(piece);
    return result;
}

int64_t SentencePieceTokenizer::pieceToId(const std::string &piece) const
{
    if (const std::optional<int> number = parseSentinel(piece))
        return *number < m_state->extraIds ? sentinelId(*number) : -1;
    return m_state->plugin->api().pieceToId(m_state->model.get(), piece.data(), piece.size());
}

std::string SentencePieceTokenizer::modelPath() const
{
    return m_state->path;
}

void trainSentencePiece(const SentencePieceTrainingOptions &options)
{
    const std::string target = options.modelPrefix + ".model";
    if (options.modelPrefix.empty())
        throw Error("sentencepiece training needs a model prefix (it writes <prefix>.model)");
    if (options.inputFiles.empty())
        throw Error(target + ": sentencepiece training needs at least one input file");
    for (const std::string &file : options.inputFiles) {
        if (!std::ifstream(file))
            throw Error::inFile(file, "cannot read this sentencepiece training input");
    }
    if (options.vocabSize <= 3)
        throw Error(target + ": the vocabulary size must exceed the 3 special pieces, got "
                    + std::to_string(options.vocabSize));
    static const char *const modelTypes[] = {"unigram", "bpe", "char", "word"};
    if (std::find(std::begin(modelTypes), std::end(modelTypes), options.modelType)
        == std::end(modelTypes))
        throw Error(target + ": unknown sentencepiece model type \"" + options.modelType
                    + "\"; expected unigram, bpe, char or word");
    if (!(options.characterCoverage > 0.0 && options.characterCoverage <= 1.0))
        throw Error(target + ": character coverage must lie in (0, 1], got "
                    + std::to_string(options.characterCoverage));
    if (options.numThreads < 1 || options.numThreads > 128)
        throw Error(target + ": sentencepiece trains with 1 to 128 threads, got "
                    + std::to_string(options.numThreads));
    if (options.inputSentenceSize < 0)
        throw Error(target + ": the input sentence size must not be negative");

    std::vector<const char *> inputs;
    for (const std::string &file : options.inputFiles)
        inputs.push_back(file.c_str());
    LadderSpmTrainOptions spmOptions{};
    spmOptions.inputFiles = inputs.data();
    spmOptions.inputFileCount = inputs.size();
    spmOptions.modelPrefix = options.modelPrefix.c_str();
    spmOptions.vocabSize = options.vocabSize;
    spmOptions.modelType = options.modelType.c_str();
    spmOptions.characterCoverage = options.characterCoverage;
    spmOptions.hardVocabLimit = options.hardVocabLimit ? 1 : 0;
    spmOptions.inputSentenceSize = options.inputSentenceSize;
    spmOptions.seed = options.seed;
    spmOptions.numThreads = options.numThreads;
    spmOptions.quiet = 1;

    const SentencePiecePlugin &plugin = SentencePiecePlugin::instance();
    char *error = nullptr;
    if (plugin.api().train(&spmOptions, &error) != LADDER_SPM_OK)
        throw Error(target + ": sentencepiece training failed: " + plugin.takeError(error));
}

} // namespace ladder
