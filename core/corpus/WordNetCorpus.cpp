// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpus/WordNetCorpus.h"

#include "corpus/DemoTasks.h"

namespace ladder {

namespace {

std::string trimmed(const std::string &text)
{
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    const std::size_t last = text.find_last_not_of(" \t;");
    return text.substr(first, last - first + 1);
}

} // namespace

std::vector<std::string> glossExamples(const WordNetSynset &synset)
{
    std::vector<std::string> examples;
    const std::string &gloss = synset.gloss;
    // Examples follow the definition, each in double quotes ("…"; "…" - Author).
    std::size_t at = gloss.find("; \"");
    if (at == std::string::npos)
        return examples;
    at += 2;
    while ((at = gloss.find('"', at)) != std::string::npos) {
        const std::size_t close = gloss.find('"', at + 1);
        std::string example = trimmed(gloss.substr(at + 1, close == std::string::npos ? std::string::npos : close - at - 1));
        if (!example.empty())
            examples.push_back(std::move(example));
        if (close == std::string::npos)
            break;
        at = close + 1;
    }
    return examples;
}

std::vector<std::string> wordNetCorpusLines(const std::vector<WordNetSynset> &synsets, const WordNetCorpusOptions &options)
{
    std::vector<std::string> lines;
    for (const WordNetSynset &synset : synsets) {
        if (options.excludeEvaluationSynsets && isDemoEvaluationSynset(synset))
            continue;
        const std::string definition = trimmed(synset.definition());
        if (!definition.empty()) {
            std::string line;
            if (options.includeWords) {
                for (std::size_t i = 0; i < synset.words.size(); ++i)
                    line += (i == 0 ? "" : ", ") + synset.word(i);
                line += ": ";
            }
            lines.push_back(line + definition);
        }
        if (options.includeExamples) {
            for (std::string &example : glossExamples(synset))
                lines.push_back(std::move(example));
        }
    }
    return lines;
}

const std::string &wordNetLicence()
{
    // The licence in the header of WordNet 3.0's data files (Debian's wordnet-base), rewrapped.
    static const std::string text =
        "WordNet Release 3.0\n"
        "\n"
        "This software and database is being provided to you, the LICENSEE, by Princeton University under\n"
        "the following license. By obtaining, using and/or copying this software and database, you agree\n"
        "that you have read, understood, and will comply with these terms and conditions.:\n"
        "\n"
        "Permission to use, copy, modify and distribute this software and database and its documentation\n"
        "for any purpose and without fee or royalty is hereby granted, provided that you agree to comply\n"
        "with the following copyright notice and statements, including the disclaimer, and that the same\n"
        "appear on ALL copies of the software, database and documentation, including modifications that\n"
        "you make for internal use or for distribution.\n"
        "\n"
        "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
        "\n"
        "THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR\n"
        "WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES\n"
        "NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT\n"
        "THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY\n"
        "PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.\n"
        "\n"
        "The name of Princeton University or Princeton may not be used in advertising or publicity\n"
        "pertaining to distribution of the software and/or database. Title to copyright in this software,\n"
        "database and any associated documentation shall at all times remain with Princeton University and\n"
        "LICENSEE agrees to preserve same.\n";
    return text;
}

} // namespace ladder
