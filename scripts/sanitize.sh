#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the core test suite under AddressSanitizer + UndefinedBehaviorSanitizer (issue 8):
# installs what the build needs when missing, configures and builds the `asan` preset
# (build-asan/, GCC), building only the tests it runs, then runs them through ctest. The fuzz
# targets' seed corpus and regression inputs are replayed under the sanitizers by scripts/fuzz.sh,
# in its clang build, so CI compiles them once.
# Not run here: the GUI tests (ctest label `gui`), and the tests that open the sentencepiece plugin, because ASan
# refuses dlopen(RTLD_DEEPBIND) (the plugin's only safe loading mode, ARCHITECTURE.md hazard 1);
# the plugin is exercised by spm_plugin_unsanitized, a separate process built without sanitizers
# (scripts/fuzz.sh runs it).
# Usage: scripts/sanitize.sh [extra ctest arguments]   (env: JOBS)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-$(nproc)}"
BUILD_DIR="$ROOT/build-asan"

# The sentencepiece plugin (dlopen with RTLD_DEEPBIND): test_tokenizer, the trainer and pretrainer
# tests and test_cli_training / test_cli_pretrain / test_cli_compare (`ladder train`, `ladder
# pretrain`), which train a vocabulary through it, and test_shipped_backbones, which loads one.
# Also not here: the tests that drive the `ladder` executable (test_cli_model, test_cli_options,
# test_bench_memory), so CI does not compile the CLI and the benchmark library a second time under
# ASan (about 3 minutes on the 2-core CI machine); what they call in core is sanitised by the core tests.
NOT_SANITIZED='^(test_tokenizer|test_trainer|test_trainer_learning|test_trainer_stop|test_cli_training|test_pretrainer|test_cli_pretrain|test_cli_compare|test_shipped_backbones|test_cli_model|test_cli_options|test_bench_memory|test_lst_memory_prediction)$'

source "$ROOT/scripts/packages.sh"
install_missing_packages sanitize "${LADDER_BUILD_PACKAGES[@]}"

cd "$ROOT"
# Always (re)configure, so the test list below matches the sources (a few seconds when configured).
cmake --preset asan >/dev/null

# Build only what runs: the selected test executables (their add_dependencies bring helpers
# such as the ladder CLI).
mapfile -t tests < <(ctest --test-dir "$BUILD_DIR" -N -E "$NOT_SANITIZED" -LE gui | sed -n 's/^ *Test *#[0-9]*: \(test_[A-Za-z0-9_]*\)$/\1/p')
cmake --build "$BUILD_DIR" --parallel "$JOBS" --target "${tests[@]}"

# Leaks are checked (no suppressions needed so far); halt_on_error: any UBSan finding fails its test.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

echo "sanitize: skipped: the GUI tests (label gui); test_cli_model, test_cli_options, test_bench_memory (they"
echo "          drive the ladder executable, which is not rebuilt under ASan); test_tokenizer, test_trainer, test_trainer_learning,"
echo "          test_trainer_stop, test_cli_training, test_pretrainer, test_cli_pretrain, test_cli_compare,"
echo "          test_shipped_backbones (they open"
echo "          the sentencepiece plugin, and ASan refuses dlopen(RTLD_DEEPBIND): the plugin is checked by"
echo "          spm_plugin_unsanitized, a separate process built without sanitizers, in scripts/fuzz.sh)"
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$JOBS" -E "$NOT_SANITIZED" -LE gui "$@"
