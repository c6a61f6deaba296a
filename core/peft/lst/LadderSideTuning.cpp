// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/LadderSideTuning.h"

#include "peft/lst/SidePruning.h"
#include "util/Error.h"

#include <mutex>

namespace ladder {

namespace {

/// Seeds LibTorch's global CPU generator for the side network's draws and puts the caller's
/// generator state back afterwards, so applying LST is reproducible from MethodContext::seed
/// without disturbing the caller's random stream.
class ScopedGlobalSeed
{
public:
    explicit ScopedGlobalSeed(uint64_t seed)
        : m_generator(at::detail::getDefaultCPUGenerator())
    {
        std::lock_guard<std::mutex> lock(m_generator.mutex());
        m_state = m_generator.get_state();
        m_generator.set_current_seed(seed);
    }
    ~ScopedGlobalSeed()
    {
        std::lock_guard<std::mutex> lock(m_generator.mutex());
        m_generator.set_state(m_state);
    }
    ScopedGlobalSeed(const ScopedGlobalSeed &) = delete;
    ScopedGlobalSeed &operator=(const ScopedGlobalSeed &) = delete;

private:
    at::Generator m_generator;
    torch::Tensor m_state;
};

} // namespace

LadderSideTuning::LadderSideTuning(T5ForConditionalGeneration backbone, const MethodConfig &method,
                                   const MethodContext &context)
    : m_method(method)
{
    if (method.kind != MethodKind::Lst)
        throw Error("Ladder Side-Tuning: the method is \"" + methodName(method.kind) + "\", expected \"lst\"");
    const LstOptions &options = method.lst;
    if (options.init == SideInit::Fisher && options.fisherSamples < 1)
        throw Error("LST Fisher initialisation: fisher_samples " + std::to_string(options.fisherSamples)
                    + " is impossible, expected at least 1");
    ScopedGlobalSeed seed(context.seed);
    m_network = LadderSideNetwork(std::move(backbone), options);
    initializeSideRandom(*m_network);
    if (options.init != SideInit::Random) {
        const std::set<std::string> ranked = weightsToRank(*m_network);
        const ImportanceMap importance =
            options.init == SideInit::Fisher
                ? fisherImportance(*m_network->backbone, ranked, context.nextFisherBatch, options.fisherSamples)
                : magnitudeImportance(*m_network->backbone, ranked);
        initializeSideByPruning(*m_network, importance);
    }
    // After the side network has taken what it needs from the fp32 weights: from here on the
    // frozen backbone (and so every ladder input it produces) is bf16, the side network fp32.
    if (options.backbonePrecision == BackbonePrecision::Bf16)
        m_network->backbone->to(torch::kBFloat16);
}

T5Output LadderSideTuning::forward(const T5Inputs &inputs)
{
    return m_network->forward(inputs);
}

torch::Tensor LadderSideTuning::generate(const torch::Tensor &inputIds, const torch::Tensor &attentionMask,
                                         int64_t maxNewTokens)
{
    return m_network->generate(inputIds, attentionMask, maxNewTokens);
}

std::vector<double> LadderSideTuning::gateValues() const
{
    torch::NoGradGuard noGrad;
    std::vector<double> values;
    for (const LadderSideStackImpl *stack : {m_network->encoder.get(), m_network->decoder.get()})
        for (int64_t layer : stack->keptLayers())
            values.push_back(stack->gate(layer).item<double>());
    return values;
}

std::unique_ptr<FineTuningModel> createLadderSideTuning(T5ForConditionalGeneration backbone,
                                                       const MethodConfig &method, const MethodContext &context)
{
    return std::make_unique<LadderSideTuning>(std::move(backbone), method, context);
}

} // namespace ladder
