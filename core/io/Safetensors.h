// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal header: includes LibTorch, so never include it from app/ or widgets/.

#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ladder {

/// A tensor and the name it has (or will have) in a safetensors file.
struct NamedTensor
{
    std::string name;
    torch::Tensor tensor;
};

/// Everything a safetensors file holds, read and validated.
struct SafetensorsContents
{
    std::string path; ///< the file, for error messages
    std::vector<NamedTensor> tensors; ///< in the order of the file's header
    std::map<std::string, std::string> metadata; ///< the header's "__metadata__" (string → string)

    /// The tensor called `name`, or nullptr when the file has none.
    const torch::Tensor *find(const std::string &name) const;
    /// The tensor called `name`; throws ladder::Error "<file>: no tensor named X" when absent.
    const torch::Tensor &at(const std::string &name) const;
};

/// The largest header the reader accepts, as the reference reader (100 MB): a bigger length
/// field means a corrupt or hostile file, not a real checkpoint.
constexpr std::uint64_t kSafetensorsMaxHeaderBytes = 100'000'000;

/// Reads and fully validates a .safetensors file. Tensors come back in their stored dtype,
/// contiguous, on the CPU, owning their memory. Any inconsistency (see the format notes in
/// Safetensors.cpp) throws ladder::Error naming the file, the tensor and what was expected.
SafetensorsContents readSafetensors(const std::string &path);

/// Writes a file HuggingFace's safetensors can read: layout of the reference Rust serializer
/// (tensors sorted by dtype alignment descending then name, compact JSON header with
/// __metadata__ first, header padded with spaces to a multiple of 8, data without gaps).
/// An empty `metadata` omits "__metadata__". Written to a temporary file and renamed, so a
/// crash never leaves half a file. Non-contiguous or non-CPU tensors are copied first.
void writeSafetensors(const std::string &path, const std::vector<NamedTensor> &tensors,
    const std::map<std::string, std::string> &metadata = { { "format", "pt" } });

/// The safetensors name of a torch dtype ("F32", "BF16", ...), or "" when the format (as this
/// project supports it) has none.
std::string safetensorsDtypeName(torch::Dtype dtype);

} // namespace ladder
