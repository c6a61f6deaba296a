// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): Princeton WordNet 3.0 database files (data.noun, data.verb, data.adj,
// data.adv; format wndb(5)), read for the built-in demo tasks.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace ladder {

/// One synset line of a WordNet data file:
/// `synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] p_cnt [ptr…] [frames…] | gloss`.
struct WordNetSynset
{
    int64_t offset = 0;   ///< synset_offset (8 decimal digits): byte offset of the line in its file
    int lexFile = 0;      ///< lex_filenum: the lexicographer file (see lexFileName())
    char type = 'n';      ///< ss_type: n, v, a, s (adjective satellite) or r
    /// The synset's words as written (underscores for spaces, adjective markers such as "(a)"
    /// removed), in file order.
    std::vector<std::string> words;
    std::string gloss;    ///< the text after " | ", trailing spaces removed
    std::string source;   ///< the file the line came from
    int64_t line = 0;     ///< 1-based line number in that file

    /// The gloss without its quoted usage examples: the text before the first `; "`.
    std::string definition() const;
    /// words[i] with underscores as spaces ("take a breath").
    std::string word(std::size_t i) const;
};

/// The 45 lexicographer file names of WordNet 3.0 (lexnames(5)), indexed by lex_filenum:
/// 0 adj.all, 1 adj.pert, 2 adv.all, 3 noun.Tops, …, 5 noun.animal, …, 44 adj.ppl.
const std::vector<std::string> &lexFileNames();
/// lexFileNames()[number]; throws ladder::Error for a number outside 0 … 44.
const std::string &lexFileName(int number);
/// The number of a lexicographer file name ("noun.animal" → 5), or -1.
int lexFileNumber(const std::string &name);

/// Parses one synset line. Throws ladder::Error "<source>:<line>: …" naming what is wrong
/// (a missing field, a count that is not hexadecimal/decimal, fewer words or pointers than
/// counted, an unknown ss_type or lex_filenum, no " | " before the gloss).
WordNetSynset parseWordNetLine(const std::string &text, const std::string &source, int64_t line);

/// Every synset of one data file; the licence header (lines starting with two spaces) is
/// skipped. Throws ladder::Error naming the file and line.
std::vector<WordNetSynset> readWordNetDataFile(const std::string &path);

/// The synsets of `dir`/data.noun, data.verb, data.adj and data.adv, in that order. Missing
/// files are an error that says how to get WordNet (Debian: `apt install wordnet-base`).
std::vector<WordNetSynset> readWordNet(const std::string &dir);

/// $LADDER_WORDNET_DIR when set, otherwise /usr/share/wordnet (Debian's wordnet-base).
std::string defaultWordNetDir();

} // namespace ladder
