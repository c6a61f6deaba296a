// SPDX-License-Identifier: GPL-3.0-or-later
// readSafetensors on arbitrary bytes (header length, JSON header and data buffer): a bad file
// is a ladder::Error, and whatever it accepts is a set of tensors whose memory is all there.
#include "FuzzInput.h"

#include "io/Safetensors.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static ladder::fuzz::InputFile file("model.safetensors");
    const std::string &path = file.write(data, size);
    try {
        const ladder::SafetensorsContents contents = ladder::readSafetensors(path);
        // Read every byte of every tensor: ASan checks that the storage holds what was claimed.
        unsigned checksum = 0;
        for (const ladder::NamedTensor &named : contents.tensors) {
            const auto *bytes = static_cast<const unsigned char *>(named.tensor.data_ptr());
            const std::size_t count = named.tensor.numel() * named.tensor.element_size();
            for (std::size_t i = 0; i < count; ++i)
                checksum += bytes[i];
            if (contents.find(named.name) == nullptr)
                ladder::fuzz::broken("tensor " + named.name + " read but not found by name");
        }
        static volatile unsigned sink;
        sink = checksum;
    } catch (const ladder::Error &) {
    }
    return 0;
}
