// SPDX-License-Identifier: GPL-3.0-or-later
// readHuggingFaceWeights on a sharded checkpoint whose model.safetensors.index.json is
// arbitrary text, next to two valid shards ("a" in the first, "b" and "c" in the second). A bad
// index is a ladder::Error; one it accepts maps every tensor to the shard that holds it.
#include "FuzzInput.h"

#include "io/Safetensors.h"
#include "io/StateDict.h"
#include "util/Error.h"

#include <filesystem>

namespace {

/// The checkpoint folder: shards written once, the index rewritten for each input.
class CheckpointFolder
{
public:
    CheckpointFolder()
        : m_marker("checkpoint")
        , m_dir(m_marker.path() + ".d")
    {
        std::filesystem::create_directories(m_dir);
        ladder::writeSafetensors(m_dir + "/model-00001-of-00002.safetensors",
            { { "a", torch::arange(4, torch::kFloat32) } });
        ladder::writeSafetensors(m_dir + "/model-00002-of-00002.safetensors",
            { { "b", torch::ones({ 2, 2 }) }, { "c", torch::zeros({ 1 }, torch::kInt64) } });
    }
    ~CheckpointFolder()
    {
        std::error_code error;
        std::filesystem::remove_all(m_dir, error);
    }

    const std::string &writeIndex(const std::uint8_t *data, std::size_t size)
    {
        m_index.write(data, size);
        std::filesystem::rename(m_index.path(), m_dir + "/model.safetensors.index.json");
        return m_dir;
    }

private:
    ladder::fuzz::InputFile m_marker; // names the folder; the file itself is never written
    std::string m_dir;
    ladder::fuzz::InputFile m_index { "index.json" };
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static CheckpointFolder folder;
    const std::string &dir = folder.writeIndex(data, size);
    try {
        const ladder::CheckpointTensors weights = ladder::readHuggingFaceWeights(dir);
        for (const auto &[name, tensor] : weights.tensors) {
            if (!weights.sourceFile.count(name))
                ladder::fuzz::broken("tensor " + name + " has no source file");
        }
    } catch (const ladder::Error &) {
    }
    return 0;
}
