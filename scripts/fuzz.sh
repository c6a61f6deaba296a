#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target of tests/fuzz for a bounded time from its seed corpus (issue 8):
# installs clang-14 and libFuzzer when missing, configures and builds the `fuzz` preset
# (build-fuzz/), writes the seed corpus, then fuzzes one target after another. Fails when any
# target crashes, leaks, times out or runs out of memory; the input lands in
# build-fuzz/tests/fuzz/artifacts/<target>/ (keep it in tests/fuzz/regressions/<target>/ once fixed).
# Usage: scripts/fuzz.sh [seconds-per-target (default 30)] [target ...]   (env: JOBS)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-30}"
shift $(($# > 0 ? 1 : 0))
JOBS="${JOBS:-$(nproc)}"
BUILD_DIR="$ROOT/build-fuzz"
FUZZ_DIR="$BUILD_DIR/tests/fuzz"
TARGETS=("$@")
if ((${#TARGETS[@]} == 0)); then
    TARGETS=(fuzz_safetensors fuzz_checkpoint_index fuzz_t5_config fuzz_run_config fuzz_pretrain_config fuzz_glue
             fuzz_generic_table fuzz_text_lines fuzz_wordnet fuzz_run_import fuzz_spm_load)
fi

# What the fuzz preset needs (Qt is off there): the compiler and libFuzzer, and core's libraries.
source "$ROOT/scripts/packages.sh"
install_missing_packages fuzz clang-14 libclang-rt-14-dev lld-14 cmake ninja-build pkg-config \
    libtorch-dev libopenblas0-openmp libsentencepiece-dev libsqlite3-dev nlohmann-json3-dev libcli11-dev

cd "$ROOT"
[ -f "$BUILD_DIR/build.ninja" ] || cmake --preset fuzz
cmake --build --preset fuzz --parallel "$JOBS"

# Seeds are regenerated every time: they are made by the writers the fuzzers read back.
"$BUILD_DIR/bin/fuzz_seeds" "$FUZZ_DIR/corpus" "$ROOT/tests/data"
"$BUILD_DIR/bin/fuzz_spm_seeds" "$FUZZ_DIR/corpus"

# halt_on_error: a UBSan finding is a crash, as in the asan preset.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
summary=()
for target in "${TARGETS[@]}"; do
    work="$FUZZ_DIR/work/$target"          # what this run discovers; kept between runs
    artifacts="$FUZZ_DIR/artifacts/$target"
    log="$FUZZ_DIR/logs/$target.log"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    inputs=("$work" "$FUZZ_DIR/corpus/$target")
    [ -d "$ROOT/tests/fuzz/regressions/$target" ] && inputs+=("$ROOT/tests/fuzz/regressions/$target")
    echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
    status=0
    # The first folder receives new inputs; seeds and regressions are only read.
    "$BUILD_DIR/bin/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${inputs[@]}" >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    if ((status != 0)); then
        failed+=("$target")
        summary+=("$(printf '%-20s FAILED (exit %d), see %s' "$target" "$status" "$log")")
        grep -E 'ERROR|SUMMARY|runtime error|invariant|Test unit written' "$log" | head -20 >&2 || true
    else
        summary+=("$(printf '%-20s %10s execs  cov %s' "$target" "${execs:-?}" "${cov:-?}")")
    fi
done

echo
echo "fuzz: ${SECONDS_PER_TARGET}s per target"
printf '  %s\n' "${summary[@]}"
if ((${#failed[@]})); then
    echo "fuzz: FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: no crash, leak or timeout"
