// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/RunLoop.h"

#include "util/Error.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>
#include <thread>

namespace ladder {

void stopIfRequested(const RunControl &control)
{
    if (control.stop.load())
        throw RunStopped{};
}

void waitWhilePaused(const RunControl &control, const std::function<void(bool paused)> &pauseChanged)
{
    if (control.pause.load() && !control.stop.load()) {
        if (pauseChanged)
            pauseChanged(true);
        while (control.pause.load() && !control.stop.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (pauseChanged && !control.stop.load())
            pauseChanged(false);
    }
    stopIfRequested(control);
}

std::unique_ptr<torch::optim::AdamW> makeAdamW(const std::vector<torch::Tensor> &parameters, double rate,
    double weightDecay, bool groupPerTensor)
{
    const auto options = torch::optim::AdamWOptions(rate).betas({0.9, 0.999}).eps(1e-8).weight_decay(weightDecay);
    if (!groupPerTensor)
        return std::make_unique<torch::optim::AdamW>(parameters, options);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    for (const torch::Tensor &parameter : parameters)
        groups.emplace_back(std::vector<torch::Tensor>{parameter}, std::make_unique<torch::optim::AdamWOptions>(options));
    return std::make_unique<torch::optim::AdamW>(std::move(groups), options);
}

void setLearningRate(torch::optim::Optimizer &optimizer, double rate,
    const std::function<double(torch::optim::OptimizerParamGroup &)> &scale)
{
    for (auto &group : optimizer.param_groups())
        static_cast<torch::optim::AdamWOptions &>(group.options()).lr(scale ? rate * scale(group) : rate);
}

double clipGradientNorm(const std::vector<torch::Tensor> &parameters, double maxNorm)
{
    // An infinite bound measures the norm without changing the gradients.
    return torch::nn::utils::clip_grad_norm_(parameters,
        maxNorm > 0 ? maxNorm : std::numeric_limits<double>::infinity());
}

void checkLossIsFinite(double loss, int64_t step, double rate, const std::string &advice)
{
    if (std::isfinite(loss))
        return;
    std::ostringstream message;
    message << "the loss became " << (std::isnan(loss) ? "NaN" : "infinite") << " at step " << step
            << " (learning rate " << rate << "): training diverged; " << advice;
    throw Error(message.str());
}

RunEnding runToEnd(const std::function<std::string()> &body, const std::function<std::string()> &stoppedMessage)
{
    try {
        return {TrainerStatus::Finished, body()};
    } catch (const RunStopped &) {
        return {TrainerStatus::Stopped, stoppedMessage()};
    } catch (const Error &e) {
        return {TrainerStatus::Failed, e.what()};
    } catch (const c10::Error &e) {
        return {TrainerStatus::Failed, std::string("LibTorch error: ") + e.what_without_backtrace()};
    } catch (const std::exception &e) {
        return {TrainerStatus::Failed, e.what()};
    }
}

} // namespace ladder
