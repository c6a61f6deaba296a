// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/RelativePosition.h"

#include <cmath>

namespace ladder {

torch::Tensor relativePositionBucket(const torch::Tensor &relativePosition, bool bidirectional,
                                     int64_t numBuckets, int64_t maxDistance)
{
    torch::Tensor buckets = torch::zeros_like(relativePosition);
    torch::Tensor distance;
    if (bidirectional) {
        numBuckets /= 2;
        buckets = buckets + (relativePosition > 0).to(torch::kLong) * numBuckets;
        distance = relativePosition.abs();
    } else {
        distance = -torch::clamp_max(relativePosition, 0);
    }
    const int64_t maxExact = numBuckets / 2;
    const torch::Tensor isSmall = distance < maxExact;
    // The same float32 expression HF evaluates; distances below maxExact are clamped to it
    // first so that no log(0) = −inf is ever cast to an integer (the result there is unused).
    const torch::Tensor logDistance =
        torch::log(torch::clamp_min(distance, maxExact).to(torch::kFloat) / maxExact)
        / std::log(static_cast<double>(maxDistance) / static_cast<double>(maxExact))
        * (numBuckets - maxExact);
    torch::Tensor large = maxExact + logDistance.to(torch::kLong);
    large = torch::clamp_max(large, numBuckets - 1);
    return buckets + torch::where(isSmall, distance, large);
}

torch::Tensor relativePositionBuckets(int64_t queryLength, int64_t keyLength, int64_t queryOffset,
                                      bool bidirectional, int64_t numBuckets, int64_t maxDistance,
                                      const torch::Device &device)
{
    const auto options = torch::TensorOptions().dtype(torch::kLong).device(device);
    const torch::Tensor queryPositions =
        torch::arange(queryOffset, queryOffset + queryLength, options).unsqueeze(1);
    const torch::Tensor keyPositions = torch::arange(keyLength, options).unsqueeze(0);
    return relativePositionBucket(keyPositions - queryPositions, bidirectional, numBuckets,
                                  maxDistance);
}

} // namespace ladder
