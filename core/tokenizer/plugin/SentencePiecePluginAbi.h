// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/*
 * The C ABI between ladder_core_tokenizer and the sentencepiece plugin (libladder_spm.so).
 *
 * Why a plugin: Debian's libsentencepiece embeds protobuf 3.14 and exports its symbols, while
 * LibTorch links libprotobuf 3.21; linked into one process they crash during static
 * initialisation (ARCHITECTURE.md, hazard 1). The plugin links sentencepiece only and is opened
 * with dlopen(RTLD_LOCAL | RTLD_DEEPBIND), so only plain C types may cross this boundary.
 *
 * Rules of the ABI:
 * - The plugin exports one symbol, LADDER_SPM_ENTRY_POINT, returning a table of functions whose
 *   first field is the ABI version; a loader refuses a table of another version.
 * - Functions that can fail return LADDER_SPM_OK (0) or LADDER_SPM_FAILED, and on failure store a
 *   message in *error (allocated by the plugin; release it with freeString). No exception ever
 *   crosses the boundary.
 * - Memory the plugin hands out (ids, strings, models) is released by the plugin's own free
 *   functions, never by the caller's allocator.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LADDER_SPM_ABI_VERSION 1u
#define LADDER_SPM_ENTRY_POINT "ladder_spm_api"

#define LADDER_SPM_OK 0
#define LADDER_SPM_FAILED 1

/** A loaded sentencepiece model; opaque to the caller, immutable once loaded (thread-safe reads). */
typedef struct LadderSpmModel LadderSpmModel;

/** The ids a model reserves for its special pieces; -1 where the model has none. */
typedef struct LadderSpmSpecialIds {
    int32_t pad;
    int32_t eos;
    int32_t unk;
    int32_t bos;
} LadderSpmSpecialIds;

/** What to train; strings are UTF-8 and owned by the caller. */
typedef struct LadderSpmTrainOptions {
    const char *const *inputFiles; /**< text files, one sentence a line */
    size_t inputFileCount;
    const char *modelPrefix;       /**< writes <prefix>.model and <prefix>.vocab */
    int32_t vocabSize;
    const char *modelType;         /**< unigram, bpe, char or word */
    double characterCoverage;
    int32_t hardVocabLimit;        /**< 0: a smaller vocabulary than asked is acceptable */
    int64_t inputSentenceSize;     /**< 0: use every sentence */
    uint32_t seed;                 /**< seeds sentencepiece's random generator */
    int32_t numThreads;
    int32_t quiet;                 /**< non-zero: keep sentencepiece's progress log off stderr */
} LadderSpmTrainOptions;

typedef struct LadderSpmApi {
    uint32_t abiVersion; /**< LADDER_SPM_ABI_VERSION of the plugin */
    uint32_t apiSize;    /**< sizeof(LadderSpmApi) in the plugin */

    int32_t (*load)(const char *path, LadderSpmModel **model, char **error);
    void (*freeModel)(LadderSpmModel *model);

    /** Encodes UTF-8 text; *ids is released with freeIds. */
    int32_t (*encode)(const LadderSpmModel *model, const char *text, size_t length, int32_t **ids,
                      size_t *count, char **error);
    /** Decodes ids (each in [0, pieceCount)); *text (NUL-terminated) is released with freeString. */
    int32_t (*decode)(const LadderSpmModel *model, const int32_t *ids, size_t count, char **text,
                      size_t *length, char **error);

    int32_t (*pieceCount)(const LadderSpmModel *model);
    /** The id of a piece, or -1 where the model has no such piece. */
    int32_t (*pieceToId)(const LadderSpmModel *model, const char *piece, size_t length);
    /** The piece of an id; *piece is released with freeString. */
    int32_t (*idToPiece)(const LadderSpmModel *model, int32_t id, char **piece, size_t *length,
                         char **error);
    void (*specialIds)(const LadderSpmModel *model, LadderSpmSpecialIds *ids);

    /** Trains a model with T5's special ids (pad 0, eos 1, unk 2, no bos). */
    int32_t (*train)(const LadderSpmTrainOptions *options, char **error);

    void (*freeIds)(int32_t *ids);
    void (*freeString)(char *text);
} LadderSpmApi;

/** The type of the one exported function, found with dlsym(LADDER_SPM_ENTRY_POINT). */
typedef const LadderSpmApi *(*LadderSpmApiEntry)(void);

#ifdef __cplusplus
}
#endif
