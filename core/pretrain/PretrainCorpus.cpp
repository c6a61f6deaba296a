// SPDX-License-Identifier: GPL-3.0-or-later
#include "pretrain/PretrainCorpus.h"

#include "corpus/WordNet.h"
#include "corpus/WordNetCorpus.h"
#include "data/LineReader.h"
#include "tokenizer/SentencePieceTokenizer.h"
#include "util/Error.h"
#include "util/Text.h"

#include <numeric>

namespace ladder {

uint64_t mixSeeds(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t x = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL) * 0xbf58476d1ce4e5b9ULL ^ c * 0x94d049bb133111ebULL;
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

CorpusLines readCorpus(const PretrainCorpusConfig &corpus)
{
    std::vector<std::string> lines;
    if (corpus.kind == "wordnet") {
        WordNetCorpusOptions options;
        options.includeWords = corpus.includeWords;
        options.includeExamples = corpus.includeExamples;
        lines = wordNetCorpusLines(readWordNet(corpus.wordnetDir.empty() ? defaultWordNetDir() : corpus.wordnetDir), options);
    }
    for (const std::string &file : corpus.files) {
        LineReader reader(file);
        std::string line;
        while (reader.next(line)) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (line.find_first_not_of(" \t") != std::string::npos)
                lines.push_back(line);
        }
    }
    CorpusLines split;
    const auto threshold = static_cast<uint64_t>(corpus.validationShare * 1e6);
    for (std::string &line : lines)
        (fnv1a(line) % 1000000 < threshold ? split.validation : split.train).push_back(std::move(line));
    if (split.train.empty())
        throw Error("the pretraining corpus has no training lines");
    return split;
}

std::vector<std::vector<int64_t>> packSequences(const std::vector<std::string> &lines,
    const SentencePieceTokenizer &tokenizer, int64_t length, uint64_t seed, int64_t *tokenCount)
{
    std::vector<std::size_t> order(lines.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 random(seed);
    shuffleWith(order, random);
    std::vector<std::vector<int64_t>> sequences;
    std::vector<int64_t> current;
    int64_t tokens = 0;
    for (std::size_t index : order) {
        for (int64_t id : tokenizer.encode(lines[index], false)) {
            current.push_back(id);
            ++tokens;
            if (static_cast<int64_t>(current.size()) == length) {
                sequences.push_back(std::move(current));
                current.clear();
            }
        }
    }
    if (tokenCount != nullptr)
        *tokenCount = tokens;
    return sequences;
}

} // namespace ladder
