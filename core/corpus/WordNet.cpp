// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpus/WordNet.h"

#include "data/LineReader.h"
#include "util/Error.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <system_error>

namespace ladder {

namespace {

const std::vector<std::string> kLexFileNames = {
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling",
    "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object", "noun.person",
    "noun.phenomenon", "noun.plant", "noun.possession", "noun.process", "noun.quantity", "noun.relation",
    "noun.shape", "noun.state", "noun.substance", "noun.time", "verb.body", "verb.change", "verb.cognition",
    "verb.communication", "verb.competition", "verb.consumption", "verb.contact", "verb.creation",
    "verb.emotion", "verb.motion", "verb.perception", "verb.possession", "verb.social", "verb.stative",
    "verb.weather", "adj.ppl"};

/// Splits the part before the gloss into space-separated fields (WordNet uses single spaces,
/// but tolerate runs of them).
std::vector<std::string> splitFields(const std::string &text)
{
    std::vector<std::string> fields;
    std::istringstream in(text);
    std::string field;
    while (in >> field)
        fields.push_back(field);
    return fields;
}

bool allOf(const std::string &text, bool (*accept)(char))
{
    if (text.empty())
        return false;
    for (char c : text) {
        if (!accept(c))
            return false;
    }
    return true;
}

bool isDecimal(char c) { return c >= '0' && c <= '9'; }
bool isHex(char c) { return isDecimal(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// Adjectives may carry a syntactic marker glued to the word: "(a)", "(p)" or "(ip)".
std::string stripAdjectiveMarker(const std::string &word)
{
    for (const char *marker : {"(a)", "(p)", "(ip)"}) {
        const std::string m(marker);
        if (word.size() > m.size() && word.compare(word.size() - m.size(), m.size(), m) == 0)
            return word.substr(0, word.size() - m.size());
    }
    return word;
}

} // namespace

std::string WordNetSynset::definition() const
{
    const std::size_t example = gloss.find("; \"");
    std::string text = example == std::string::npos ? gloss : gloss.substr(0, example);
    while (!text.empty() && (text.back() == ' ' || text.back() == ';'))
        text.pop_back();
    return text;
}

std::string WordNetSynset::word(std::size_t i) const
{
    std::string text = words.at(i);
    for (char &c : text) {
        if (c == '_')
            c = ' ';
    }
    return text;
}

const std::vector<std::string> &lexFileNames() { return kLexFileNames; }

const std::string &lexFileName(int number)
{
    if (number < 0 || number >= static_cast<int>(kLexFileNames.size()))
        throw Error("WordNet lexicographer file number " + std::to_string(number) + " is not one of 0 … 44");
    return kLexFileNames[static_cast<std::size_t>(number)];
}

int lexFileNumber(const std::string &name)
{
    for (std::size_t i = 0; i < kLexFileNames.size(); ++i) {
        if (kLexFileNames[i] == name)
            return static_cast<int>(i);
    }
    return -1;
}

WordNetSynset parseWordNetLine(const std::string &text, const std::string &source, int64_t line)
{
    const std::string place = filePlace(source, line) + ": ";
    const std::size_t bar = text.find(" | ");
    const std::size_t barAtEnd = text.size() >= 2 && text.compare(text.size() - 2, 2, " |") == 0
        ? text.size() - 2 : std::string::npos;
    const std::size_t split = bar != std::string::npos ? bar : barAtEnd;
    if (split == std::string::npos)
        throw Error(place + "no \" | \" before the gloss (expected a WordNet data line: offset lex_filenum "
                            "ss_type w_cnt words… p_cnt pointers… | gloss)");
    const std::vector<std::string> fields = splitFields(text.substr(0, split));
    auto field = [&](std::size_t i, const char *what) -> const std::string & {
        if (i >= fields.size())
            throw Error(place + "the line ends before its " + what + " (field " + std::to_string(i + 1) + ")");
        return fields[i];
    };

    WordNetSynset synset;
    synset.source = source;
    synset.line = line;
    const std::string &offset = field(0, "synset_offset");
    if (!allOf(offset, isDecimal) || offset.size() > 10)
        throw Error(place + "synset_offset \"" + offset + "\" is not a decimal number");
    synset.offset = std::stoll(offset);
    const std::string &lexFile = field(1, "lex_filenum");
    if (!allOf(lexFile, isDecimal) || lexFile.size() > 2 || std::stoi(lexFile) >= static_cast<int>(kLexFileNames.size()))
        throw Error(place + "lex_filenum \"" + lexFile + "\" is not a lexicographer file number (00 … 44)");
    synset.lexFile = std::stoi(lexFile);
    const std::string &type = field(2, "ss_type");
    if (type.size() != 1 || std::string("nvasr").find(type[0]) == std::string::npos)
        throw Error(place + "ss_type \"" + type + "\" is not one of n, v, a, s, r");
    synset.type = type[0];
    const std::string &wordCount = field(3, "w_cnt");
    if (!allOf(wordCount, isHex) || wordCount.size() > 2)
        throw Error(place + "w_cnt \"" + wordCount + "\" is not a two-digit hexadecimal count");
    const int words = std::stoi(wordCount, nullptr, 16);
    if (words == 0)
        throw Error(place + "w_cnt is 0: a synset has at least one word");
    std::size_t at = 4;
    for (int i = 0; i < words; ++i) {
        synset.words.push_back(stripAdjectiveMarker(field(at, "words (fewer than w_cnt)")));
        const std::string &lexId = field(at + 1, "lex_id (fewer words than w_cnt)");
        if (!allOf(lexId, isHex))
            throw Error(place + "lex_id \"" + lexId + "\" of word \"" + synset.words.back() + "\" is not hexadecimal");
        at += 2;
    }
    const std::string &pointerCount = field(at, "p_cnt");
    if (!allOf(pointerCount, isDecimal) || pointerCount.size() > 4)
        throw Error(place + "p_cnt \"" + pointerCount + "\" is not a three-digit decimal count");
    const std::size_t pointers = std::stoul(pointerCount);
    // Each pointer is four fields: symbol, synset_offset, pos, source/target.
    if (fields.size() < at + 1 + 4 * pointers)
        throw Error(place + "p_cnt says " + std::to_string(pointers) + " pointers but the line has fewer");

    std::string gloss = split == bar ? text.substr(bar + 3) : std::string();
    while (!gloss.empty() && (gloss.back() == ' ' || gloss.back() == '\r'))
        gloss.pop_back();
    synset.gloss = gloss;
    return synset;
}

std::vector<WordNetSynset> readWordNetDataFile(const std::string &path)
{
    LineReader reader(path);
    std::vector<WordNetSynset> synsets;
    std::string line;
    while (reader.next(line)) {
        // The licence header: every line of it starts with two spaces.
        if (line.empty() || line.compare(0, 2, "  ") == 0)
            continue;
        synsets.push_back(parseWordNetLine(line, path, reader.lineNumber()));
    }
    return synsets;
}

std::vector<WordNetSynset> readWordNet(const std::string &dir)
{
    namespace fs = std::filesystem;
    std::vector<WordNetSynset> all;
    for (const char *name : {"data.noun", "data.verb", "data.adj", "data.adv"}) {
        const fs::path path = fs::path(dir) / name;
        // The error_code overload: an unreadable folder is a ladder::Error below, not a
        // std::filesystem_error escaping to the caller.
        std::error_code statError;
        if (!fs::is_regular_file(path, statError))
            throw Error(path.string() + ": WordNet data file not found (the demo tasks read WordNet 3.0; on Debian "
                                        "install it with `apt install wordnet-base`, or point LADDER_WORDNET_DIR "
                                        "or the task's \"wordnet_dir\" at a folder holding data.noun, data.verb, "
                                        "data.adj and data.adv)");
        std::vector<WordNetSynset> part = readWordNetDataFile(path.string());
        all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    return all;
}

std::string defaultWordNetDir()
{
    if (const char *dir = std::getenv("LADDER_WORDNET_DIR"); dir != nullptr && *dir != '\0')
        return dir;
    return "/usr/share/wordnet";
}

} // namespace ladder
