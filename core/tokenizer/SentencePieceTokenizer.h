// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Public header: no LibTorch and no Qt (used by the CLI and the GUI).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ladder {

/// A T5 tokenizer over a sentencepiece model: pad 0, eos 1, unk 2, no bos; `<extra_id_N>`
/// sentinels placed above the sentencepiece pieces exactly as HuggingFace's T5Tokenizer does
/// (extra_id_0 is the largest id: id = pieceCount + extraIds - 1 - N), default 100 extra ids.
/// sentencepiece runs in a plugin (see SentencePiecePlugin.h); copies share one loaded model,
/// and every const member is safe to call from several threads.
class SentencePieceTokenizer
{
public:
    static constexpr int64_t padId = 0;
    static constexpr int64_t eosId = 1;
    static constexpr int64_t unkId = 2;

    /// Loads a sentencepiece model whose pad, eos and unk ids are 0, 1 and 2 (every T5
    /// spiece.model, and every model trainSentencePiece writes). Throws ladder::Error naming the
    /// file when it is missing, not a sentencepiece model or not laid out for T5, or when the
    /// sentencepiece plugin cannot be found.
    static SentencePieceTokenizer load(const std::string &modelPath, int extraIds = 100);

    /// Token ids of text. Like HuggingFace, the special tokens `<extra_id_N>` (N < extraIds),
    /// `</s>`, `<pad>` and `<unk>` written in the text become their ids, and whitespace next to
    /// them is dropped. eos is appended unless the ids already end with it.
    std::vector<int64_t> encode(const std::string &text, bool appendEos = true) const;

    /// Text of ids. skipSpecial drops pad, eos, unk and sentinels (HuggingFace's
    /// skip_special_tokens); otherwise they are written as their tokens ("</s>", "<extra_id_0>").
    /// Throws ladder::Error for an id outside [0, vocabSize()).
    std::string decode(const std::vector<int64_t> &ids, bool skipSpecial = true) const;

    /// Pieces plus extra ids: the smallest embedding that covers every id.
    int64_t vocabSize() const;
    /// The number of pieces in the sentencepiece model.
    int64_t pieceCount() const;
    int extraIdCount() const;
    /// The id of `<extra_id_n>`; throws ladder::Error unless 0 <= n < extraIdCount().
    int64_t sentinelId(int n) const;

    /// The token of an id ("▁the", "</s>", "<extra_id_0>"); throws ladder::Error when out of range.
    std::string idToPiece(int64_t id) const;
    /// The id of a token, sentinels included; -1 when the vocabulary has no such token.
    int64_t pieceToId(const std::string &piece) const;

    std::string modelPath() const;

private:
    struct State;
    explicit SentencePieceTokenizer(std::shared_ptr<const State> state);

    std::shared_ptr<const State> m_state;
};

/// What trainSentencePiece trains.
struct SentencePieceTrainingOptions
{
    std::vector<std::string> inputFiles; ///< text files, one sentence a line
    std::string modelPrefix;             ///< writes <prefix>.model and <prefix>.vocab
    int vocabSize = 8000;
    std::string modelType = "unigram";   ///< unigram, bpe, char or word
    double characterCoverage = 1.0;
    /// sentencepiece refuses vocabularies larger than the text supports otherwise.
    bool hardVocabLimit = false;
    int64_t inputSentenceSize = 0;       ///< sentences sampled from the input; 0: all of them
    uint32_t seed = 0;                   ///< seeds sentencepiece's sampling and shuffling
    int numThreads = 2;
};

/// Trains a model with T5's special ids (pad 0 "<pad>", eos 1 "</s>", unk 2 "<unk>", bos -1).
/// The same options and input give the same model. Throws ladder::Error.
void trainSentencePiece(const SentencePieceTrainingOptions &options);

} // namespace ladder
