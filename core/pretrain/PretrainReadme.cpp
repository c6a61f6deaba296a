// SPDX-License-Identifier: GPL-3.0-or-later
// The README a pretrained backbone folder carries, and the loss summary it and pretrain.json show.
#include "pretrain/Pretrainer.h"

#include <iomanip>
#include <sstream>

namespace ladder {

namespace {

std::string fixed(double value, int digits)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(digits) << value;
    return out.str();
}

} // namespace

std::vector<std::pair<int64_t, double>> lossCurveSummary(const std::vector<double> &losses, int parts)
{
    std::vector<std::pair<int64_t, double>> summary;
    const auto n = static_cast<int64_t>(losses.size());
    if (n == 0 || parts < 1)
        return summary;
    int64_t begin = 0;
    for (int part = 1; part <= parts; ++part) {
        const int64_t end = n * part / parts;
        if (end <= begin)
            continue;
        double sum = 0.0;
        for (int64_t i = begin; i < end; ++i)
            sum += losses[static_cast<std::size_t>(i)];
        summary.emplace_back(end, sum / static_cast<double>(end - begin));
        begin = end;
    }
    return summary;
}

std::string pretrainReadme(const PretrainConfig &config, const PretrainResult &result, const std::string &command)
{
    const PretrainPreparation &p = result.preparation;
    std::ostringstream out;
    out << "# " << config.name << "\n\n";
    if (result.steps == 0)
        out << "Not pretrained: a T5 with HuggingFace's random initialisation and the vocabulary trained on the "
               "corpus below, written by `ladder pretrain` with `train.steps` 0 — the random baseline of the same "
               "shape and vocabulary.\n\n";
    else
        out << "A small T5 pretrained from scratch by `ladder pretrain` with T5's span-corruption objective ("
            << config.train.noiseDensity * 100 << "% noise, mean span " << config.train.meanNoiseSpanLength
            << ", sentinels `<extra_id_N>`), for teaching: fine-tuning methods can be compared on it on a laptop.\n\n";
    out
        << "Files: `config.json`, `model.safetensors`, `spiece.model` (a HuggingFace T5 folder), "
        << "`pretrain.json` (the exact configuration, corpus sizes and loss summary)"
        << (config.corpus.kind == "wordnet" ? ", `LICENSE` (WordNet 3.0)" : "") << ".\n\n"
        << "## Corpus\n\n";
    if (config.corpus.kind == "wordnet")
        out << "WordNet 3.0 (Debian's `wordnet-base`): every synset's words and definition as one line, every usage "
               "example as another. The synsets the WordNet demo tasks validate and test on are left out "
               "(`isDemoEvaluationSynset`), so no evaluation definition was pretraining text. WordNet 3.0 Copyright "
               "2006 by Princeton University, used under the WordNet 3.0 licence (see `LICENSE`).\n";
    for (const std::string &file : config.corpus.files)
        out << "Text file: `" << file << "`.\n";
    out << "\n" << p.trainLines << " training lines (" << p.trainTokens << " tokens, " << p.trainSequences
        << " sequences of " << config.train.sequenceLength << " tokens), " << p.validationLines
        << " validation lines.\n\n"
        << "## Model\n\n"
        << p.parameters << " parameters; vocabulary " << p.vocabularyIds << " ids (a " << config.vocab.modelType
        << " sentencepiece model trained on the corpus, plus 100 sentinels); inputs " << p.inputLength
        << " tokens, targets " << p.targetLength << ".\n\n"
        << "## Training\n\n"
        << result.steps << " steps of batch " << config.train.batchSize << ", "
        << (config.train.optimizer == "adamw_scaled" ? "AdamW with steps scaled by each tensor's RMS (nanoT5's AdamWScale)"
                                                    : "AdamW")
        << " at peak learning rate " << config.train.learningRate << " (" << config.train.warmupSteps
        << " warm-up steps, then linear decay), seed " << config.train.seed << ".\n\n"
        << "| steps | mean training loss |\n|---|---|\n";
    int64_t previous = 0;
    for (const auto &[step, mean] : lossCurveSummary(result.losses)) {
        out << "| " << previous + 1 << "–" << step << " | " << fixed(mean, 3) << " |\n";
        previous = step;
    }
    if (!result.validationLosses.empty()) {
        out << "\nValidation loss (held-out lines): ";
        const std::size_t count = result.validationLosses.size();
        for (std::size_t i = 0; i < count; ++i) {
            // At most ten points, always the first and the last.
            if (count > 10 && i != 0 && i + 1 != count && i % ((count + 9) / 10) != 0)
                continue;
            out << (i == 0 ? "" : ", ") << "step " << result.validationLosses[i].first << ": "
                << fixed(result.validationLosses[i].second, 3);
        }
        out << ".\n";
    }
    out << "\n## Reproduce\n\n```sh\n" << command << "\n```\n";
    return out.str();
}

} // namespace ladder
