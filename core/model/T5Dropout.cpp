// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Dropout.h"

namespace ladder {

torch::Tensor t5Dropout(const torch::Tensor &input, double p, bool training)
{
    if (!training || p <= 0.0 || input.numel() == 0)
        return input;
    return std::get<0>(torch::native_dropout(input, p, true));
}

} // namespace ladder
