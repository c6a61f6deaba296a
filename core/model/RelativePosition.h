// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace ladder {

/// T5's relative-position buckets (HF `T5Attention._relative_position_bucket`): half of the
/// buckets hold exact small distances, the rest log-spaced distances up to `maxDistance`;
/// bidirectional buckets also split by sign. `relativePosition` = key_pos − query_pos (I64).
/// Returns I64 buckets of the same shape, evaluated in float32 as HF does.
torch::Tensor relativePositionBucket(const torch::Tensor &relativePosition, bool bidirectional,
                                     int64_t numBuckets, int64_t maxDistance);

/// Buckets for query positions [queryOffset, queryOffset + queryLength) against key positions
/// [0, keyLength): an I64 [queryLength, keyLength] table on `device`.
torch::Tensor relativePositionBuckets(int64_t queryLength, int64_t keyLength, int64_t queryOffset,
                                      bool bidirectional, int64_t numBuckets, int64_t maxDistance,
                                      const torch::Device &device);

} // namespace ladder
