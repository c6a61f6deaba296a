// SPDX-License-Identifier: GPL-3.0-or-later
// readWordNetDataFile (wndb(5) synset lines) on arbitrary bytes: a bad line is a ladder::Error,
// and every synset it accepts answers its accessors.
#include "FuzzInput.h"

#include "corpus/WordNet.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static ladder::fuzz::InputFile file("data.noun");
    const std::string &path = file.write(data, size);
    try {
        for (const ladder::WordNetSynset &synset : ladder::readWordNetDataFile(path)) {
            (void)synset.definition();
            for (std::size_t i = 0; i < synset.words.size(); ++i)
                (void)synset.word(i);
            (void)ladder::lexFileName(synset.lexFile);
        }
    } catch (const ladder::Error &) {
    }
    return 0;
}
