#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target of tests/fuzz for a bounded time from its seed corpus (issue 8):
# installs clang-14 and libFuzzer when missing, configures and builds the `fuzz` preset
# (build-fuzz/), then
#   1. through ctest: writes the seed corpus, replays it and every regression input through each
#      target under ASan + UBSan, and feeds the sentencepiece inputs to the plugin in its own
#      unsanitized process (spm_plugin_unsanitized: ASan cannot load the plugin);
#   2. fuzzes each target for the given time, two at a time (each fuzzer is single-threaded).
# Fails when any replay fails or any target crashes, leaks, times out or runs out of memory; the
# input lands in build-fuzz/tests/fuzz/artifacts/<target>/ (keep it in
# tests/fuzz/regressions/<target>/ once fixed).
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
# Always (re)configure, so the preset's flags and the regression folders are current.
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --parallel "$JOBS"

# halt_on_error: a UBSan finding is a crash, as in the asan preset.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Seeds are regenerated every time (the fixture tests fuzz_corpus_*): they are made by the writers
# the fuzzers read back.
ctest --test-dir "$FUZZ_DIR" --output-on-failure --parallel "$JOBS"

# fuzz_one <target>: fuzzes it and writes its exit status to logs/<target>.status.
fuzz_one() {
    local target=$1
    local work="$FUZZ_DIR/work/$target"          # what this run discovers; kept between runs
    local artifacts="$FUZZ_DIR/artifacts/$target"
    local log="$FUZZ_DIR/logs/$target.log"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    local inputs=("$work" "$FUZZ_DIR/corpus/$target")
    [ -d "$ROOT/tests/fuzz/regressions/$target" ] && inputs+=("$ROOT/tests/fuzz/regressions/$target")
    local status=0
    # The first folder receives new inputs; seeds and regressions are only read.
    "$BUILD_DIR/bin/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${inputs[@]}" >"$log" 2>&1 || status=$?
    echo "$status" >"$FUZZ_DIR/logs/$target.status"
}

running=0
for target in "${TARGETS[@]}"; do
    if ((running >= JOBS)); then
        wait -n || true
        running=$((running - 1))
    fi
    echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
    rm -f "$FUZZ_DIR/logs/$target.status"
    fuzz_one "$target" &
    running=$((running + 1))
done
wait || true

failed=()
summary=()
for target in "${TARGETS[@]}"; do
    log="$FUZZ_DIR/logs/$target.log"
    status=$(cat "$FUZZ_DIR/logs/$target.status" 2>/dev/null || echo 99)
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
