#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Qt-free configuration (issue 15) and runs the core test suite in it under
# AddressSanitizer + UndefinedBehaviorSanitizer (issue 8): installs what the build needs when
# missing, configures and builds the `asan` preset (build-asan/, GCC, LADDER_WITH_QT=OFF: the
# engine and `ladder` without Qt, the tests with Qt Core and Qt Test only), building only the tests
# it runs and `ladder`, checks that `ladder` loads no Qt library, then runs the tests through ctest.
# The fuzz targets' seed corpus and regression inputs are replayed under the sanitizers by
# scripts/fuzz.sh, in its clang build, so CI compiles them once.
# Not run here: the tests that open the sentencepiece plugin, because ASan refuses
# dlopen(RTLD_DEEPBIND) (the plugin's only safe loading mode, ARCHITECTURE.md hazard 1); the
# plugin is exercised by spm_plugin_unsanitized, a separate process built without sanitizers
# (scripts/fuzz.sh runs it). The GUI tests do not exist in this configuration.
# Usage: scripts/sanitize.sh [extra ctest arguments]   (env: JOBS)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-$(nproc)}"
BUILD_DIR="$ROOT/build-asan"

# The sentencepiece plugin (dlopen with RTLD_DEEPBIND): test_tokenizer, the trainer and pretrainer
# tests and test_cli_training / test_cli_pretrain / test_cli_compare / test_cli_mistakes (`ladder train`, `ladder
# pretrain`), which train a vocabulary through it, and test_shipped_backbones, which loads one.
# test_lst_memory_prediction measures real steps against the predictor, which ASan's shadow
# memory and -O0 would only slow down.
NOT_SANITIZED='^(test_tokenizer|test_trainer|test_trainer_learning|test_trainer_stop|test_cli_training|test_pretrainer|test_cli_pretrain|test_cli_compare|test_cli_mistakes|test_shipped_backbones|test_lst_memory_prediction)$'
source "$ROOT/scripts/packages.sh"
install_missing_packages sanitize "${LADDER_BUILD_PACKAGES[@]}"

cd "$ROOT"
# Always (re)configure, so the test list below matches the sources (a few seconds when configured).
cmake --preset asan >/dev/null

# Build only what runs: the selected test executables (their add_dependencies bring helpers
# such as the ladder CLI).
mapfile -t tests < <(ctest --test-dir "$BUILD_DIR" -N -E "$NOT_SANITIZED" | sed -n 's/^ *Test *#[0-9]*: \(test_[A-Za-z0-9_]*\)$/\1/p')
cmake --build "$BUILD_DIR" --parallel "$JOBS" --target ladder "${tests[@]}"
# The layering rule on the linked executable too: a Qt library among the ones `ladder` itself
# needs fails here. Only its own (NEEDED) entries: Debian's libtorch_cpu needs OpenCV, whose
# highgui needs Qt 5, so `ldd` lists Qt whatever we link; that is LibTorch's packaging, not ours.
needed=$(readelf -d "$BUILD_DIR/bin/ladder" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if qt_libraries=$(grep -E '^libQt[0-9]' <<<"$needed"); then
    echo "sanitize: the Qt-free ladder links Qt:" >&2
    echo "$qt_libraries" >&2
    exit 1
fi
echo "sanitize: $BUILD_DIR/bin/ladder links no Qt (needs: $(tr '\n' ' ' <<<"$needed"))"

# Leaks are checked (no suppressions needed so far); halt_on_error: any UBSan finding fails its test.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

echo "sanitize: skipped: test_tokenizer, test_trainer, test_trainer_learning, test_trainer_stop,"
echo "          test_cli_training, test_pretrainer, test_cli_pretrain, test_cli_compare, test_cli_mistakes,"
echo "          test_shipped_backbones (they open the sentencepiece plugin, and ASan refuses"
echo "          dlopen(RTLD_DEEPBIND): the plugin is checked by spm_plugin_unsanitized, a separate process"
echo "          built without sanitizers, in scripts/fuzz.sh); test_lst_memory_prediction (timing-heavy)"
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$JOBS" -E "$NOT_SANITIZED" "$@"
