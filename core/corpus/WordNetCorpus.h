// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): WordNet's definitions and example sentences as plain English text
// lines, the offline corpus `ladder pretrain` trains teaching backbones on.
#pragma once

#include "corpus/WordNet.h"

#include <string>
#include <vector>

namespace ladder {

/// What wordNetCorpusLines() writes.
struct WordNetCorpusOptions
{
    /// Write each definition as "<words>: <definition>" ("dog, domestic dog: a member of …"),
    /// so the text ties words to their meanings; false: the definition alone.
    bool includeWords = true;
    /// Write each quoted usage example of a gloss as a line of its own.
    bool includeExamples = true;
    /// Leave out the synsets the demo tasks evaluate on (isDemoEvaluationSynset()), so no
    /// evaluation definition is ever pretraining text. Only tests should turn this off.
    bool excludeEvaluationSynsets = true;
};

/// The quoted usage examples of a gloss, in order, without their quotes: for
/// `draw air into …; "The patient is respiring"` → {"The patient is respiring"}. An unclosed
/// quote ends at the end of the gloss.
std::vector<std::string> glossExamples(const WordNetSynset &synset);

/// The corpus lines of the synsets, in their order: per synset its definition line (skipped
/// when empty), then its examples. Lines are trimmed; empty ones are dropped.
std::vector<std::string> wordNetCorpusLines(
    const std::vector<WordNetSynset> &synsets, const WordNetCorpusOptions &options = {});

/// The WordNet 3.0 licence (Princeton University), whose notice must travel with every copy of
/// the database and works made from it — such as a backbone pretrained on its text.
const std::string &wordNetLicence();

} // namespace ladder
