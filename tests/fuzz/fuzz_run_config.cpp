// SPDX-License-Identifier: GPL-3.0-or-later
// RunConfig::fromJson on arbitrary text. A bad run configuration is a ladder::Error; one it
// accepts writes back (toJson) to a text that reads in again and writes the same text.
#include "FuzzInput.h"

#include "train/RunConfig.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    ladder::RunConfig config;
    try {
        config = ladder::RunConfig::fromJson(text, "run.json");
    } catch (const ladder::Error &) {
        return 0;
    }
    try {
        config.validate();
        (void)config.effectiveLearningRate();
    } catch (const ladder::Error &) {
    }
    const std::string written = config.toJson();
    try {
        const std::string again = ladder::RunConfig::fromJson(written, "written run.json").toJson();
        if (again != written)
            ladder::fuzz::broken("run configuration changes on a round trip:\n" + written + "\nbecame\n" + again);
    } catch (const ladder::Error &e) {
        ladder::fuzz::broken(std::string("an accepted run configuration writes back unreadable: ") + e.what());
    }
    return 0;
}
