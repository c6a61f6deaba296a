// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/ForwardRunner.h"

#include "io/Safetensors.h"
#include "model/T5Checkpoint.h"
#include "model/T5Init.h"
#include "util/Error.h"

namespace ladder {

namespace {

/// Checks one I64 matrix of the inputs file; `allowIgnored` admits −100 (labels).
const torch::Tensor *readIds(const SafetensorsContents &inputs, const std::string &name,
                             int64_t vocabSize, bool allowIgnored)
{
    const torch::Tensor *tensor = inputs.find(name);
    if (!tensor)
        return nullptr;
    const auto fail = [&](const std::string &what) {
        throw Error::inFile(inputs.path, "tensor \"" + name + "\": " + what);
    };
    if (tensor->scalar_type() != torch::kLong)
        fail("expected dtype I64, got " + std::string(c10::toString(tensor->scalar_type())));
    if (tensor->dim() != 2 || tensor->size(0) == 0 || tensor->size(1) == 0)
        fail("expected a non-empty [batch, length] matrix");
    if (name == "attention_mask") {
        if (((*tensor != 0) & (*tensor != 1)).any().item<bool>())
            fail("expected only 0 and 1");
        return tensor;
    }
    torch::Tensor outside = (*tensor < 0) | (*tensor >= vocabSize);
    if (allowIgnored)
        outside &= *tensor != -100;
    if (outside.any().item<bool>())
        fail("token id " + std::to_string(tensor->masked_select(outside)[0].item<int64_t>())
             + " is outside the vocabulary [0, " + std::to_string(vocabSize) + ")"
             + (allowIgnored ? " (and is not -100)" : ""));
    return tensor;
}

void requireShape(const SafetensorsContents &inputs, const std::string &name,
                  const torch::Tensor &tensor, c10::IntArrayRef expected, const std::string &like)
{
    if (tensor.sizes() != expected)
        throw Error::inFile(inputs.path, "tensor \"" + name + "\" has shape "
                                             + c10::str(tensor.sizes()) + ", expected "
                                             + c10::str(expected) + " like \"" + like + "\"");
}

T5ForConditionalGeneration loadModel(const ForwardRequest &request)
{
    if (!request.modelDir.empty())
        return loadT5(request.modelDir).model;
    if (request.preset.empty())
        throw Error("forward: give a model folder or a preset name");
    return createRandomT5(T5Config::preset(request.preset), request.seed);
}

} // namespace

void runForward(const ForwardRequest &request)
{
    if (request.maxNewTokens < 0)
        throw Error("forward: max new tokens must be ≥ 0, got " + std::to_string(request.maxNewTokens));
    T5ForConditionalGeneration model = loadModel(request);
    model->eval();
    torch::NoGradGuard noGrad;
    const int64_t vocab = model->config().vocabSize;

    const SafetensorsContents inputs = readSafetensors(request.inputsPath);
    const torch::Tensor *inputIds = readIds(inputs, "input_ids", vocab, false);
    if (!inputIds)
        throw Error::inFile(inputs.path, "no tensor named \"input_ids\" (I64 [batch, length])");
    const torch::Tensor *mask = readIds(inputs, "attention_mask", vocab, false);
    const torch::Tensor *decoderIds = readIds(inputs, "decoder_input_ids", vocab, false);
    const torch::Tensor *labels = readIds(inputs, "labels", vocab, true);
    if (mask)
        requireShape(inputs, "attention_mask", *mask, inputIds->sizes(), "input_ids");
    if (decoderIds && decoderIds->size(0) != inputIds->size(0))
        throw Error::inFile(inputs.path, "tensor \"decoder_input_ids\" has batch size "
                                             + std::to_string(decoderIds->size(0)) + ", expected "
                                             + std::to_string(inputIds->size(0)) + " like \"input_ids\"");
    if (labels && decoderIds)
        requireShape(inputs, "labels", *labels, decoderIds->sizes(), "decoder_input_ids");
    else if (labels && labels->size(0) != inputIds->size(0))
        throw Error::inFile(inputs.path, "tensor \"labels\" has batch size "
                                             + std::to_string(labels->size(0)) + ", expected "
                                             + std::to_string(inputIds->size(0)) + " like \"input_ids\"");

    const torch::Tensor attentionMask = mask ? *mask : torch::Tensor();
    std::vector<NamedTensor> outputs;
    const T5StackOutput encoded = model->encode(*inputIds, attentionMask, true);
    outputs.push_back({"encoder_last_hidden_state", encoded.lastHiddenState});
    outputs.push_back({"encoder_hidden_states", torch::stack(encoded.hiddenStates())});

    if (decoderIds || labels) {
        const torch::Tensor decoderInputIds = decoderIds ? *decoderIds : model->shiftRight(*labels);
        const T5StackOutput decoded =
            model->decode(decoderInputIds, encoded.lastHiddenState, attentionMask, {}, true);
        const torch::Tensor logits = model->computeLogits(decoded.lastHiddenState);
        outputs.push_back({"decoder_last_hidden_state", decoded.lastHiddenState});
        outputs.push_back({"decoder_hidden_states", torch::stack(decoded.hiddenStates())});
        outputs.push_back({"logits", logits});
        if (labels)
            outputs.push_back({"loss", model->computeLoss(logits, *labels)});
    }
    if (request.maxNewTokens > 0)
        outputs.push_back({"generated_ids", model->generate(*inputIds, attentionMask, request.maxNewTokens)});
    writeSafetensors(request.outputPath, outputs);
}

} // namespace ladder
