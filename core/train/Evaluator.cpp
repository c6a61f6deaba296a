// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Evaluator.h"

#include "util/Error.h"

namespace ladder {

torch::Tensor scoreCandidate(FineTuningModel &model, const T5Inputs &sourceBatch, const std::vector<int64_t> &candidate)
{
    const int64_t rows = sourceBatch.inputIds.size(0);
    const auto device = sourceBatch.inputIds.device();
    torch::Tensor labels = torch::tensor(candidate, torch::kLong).to(device).unsqueeze(0).expand({rows, -1}).contiguous();
    // Labels in, so every method derives its decoder inputs as in training (shift right behind
    // decoder_start); the loss it also computes is small next to the logits.
    T5Inputs inputs = sourceBatch;
    inputs.labels = labels;
    const T5Output out = model.forward(inputs);
    const torch::Tensor logProbs = torch::log_softmax(out.logits.to(torch::kFloat), -1);
    return logProbs.gather(-1, labels.unsqueeze(-1)).squeeze(-1).sum(-1);
}

std::optional<std::vector<std::string>> predictTargets(FineTuningModel &model, const TokenizedSplit &split,
    const std::vector<int64_t> &indices, const EvaluationSetup &setup)
{
    const LoadedTask &task = *setup.task;
    const std::vector<std::string> choices = task.choices();
    std::vector<std::vector<int64_t>> choiceIds;
    for (const std::string &choice : choices)
        choiceIds.push_back(setup.tokenizer->encode(choice));

    torch::NoGradGuard noGrad;
    model.module().eval();
    std::vector<std::string> predictions;
    predictions.reserve(indices.size());
    for (std::size_t first = 0; first < indices.size(); first += static_cast<std::size_t>(setup.batchSize)) {
        if (setup.stop != nullptr && setup.stop->load())
            return std::nullopt;
        const std::size_t last = std::min(indices.size(), first + static_cast<std::size_t>(setup.batchSize));
        const std::vector<int64_t> batchIndices(indices.begin() + static_cast<std::ptrdiff_t>(first),
            indices.begin() + static_cast<std::ptrdiff_t>(last));
        Batch batch = collateBatch(split, batchIndices, false);
        batch.inputs.inputIds = batch.inputs.inputIds.to(setup.device);
        batch.inputs.attentionMask = batch.inputs.attentionMask.to(setup.device);
        if (!choices.empty()) {
            std::vector<torch::Tensor> scores;
            for (const auto &ids : choiceIds)
                scores.push_back(scoreCandidate(model, batch.inputs, ids));
            const torch::Tensor best = torch::stack(scores, 1).argmax(1).cpu();
            for (int64_t r = 0; r < best.size(0); ++r)
                predictions.push_back(choices[static_cast<std::size_t>(best[r].item<int64_t>())]);
        } else {
            const torch::Tensor generated =
                model.generate(batch.inputs.inputIds, batch.inputs.attentionMask, setup.maxTargetLength).cpu();
            for (int64_t r = 0; r < generated.size(0); ++r) {
                const torch::Tensor row = generated[r].contiguous();
                const int64_t *data = row.data_ptr<int64_t>();
                predictions.push_back(setup.tokenizer->decode(std::vector<int64_t>(data, data + row.size(0))));
            }
        }
    }
    return predictions;
}

} // namespace ladder
