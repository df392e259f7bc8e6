#!/usr/bin/env bash
# Builds BoshKit's libFuzzer + AddressSanitizer targets outside the package's own build (BOSHKIT_FUZZ=1 adds
# them to Package.swift; scratch directory .build-fuzz/) and runs each for a time budget.
#   Fuzz/run-fuzz.sh [SECONDS-EACH] [TARGET...]      (default 600 s each, every target; 2 at a time)
# Targets: OpsFuzz VariablesFuzz DiffFuzz ReleaseFuzz SpecFuzz NatsFuzz CPIFuzz AgentFuzz APIFuzz (the YAML parser has
# its own script, Fuzz/run-yaml-fuzz.sh). Each target's corpus grows in .build-fuzz/corpus/TARGET (seeded once
# from the test fixtures); crashes land in .build-fuzz/artifacts/TARGET/; a summary per target in
# .build-fuzz/logs/TARGET.log. Every crash found becomes a regression test in the package.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
all=(OpsFuzz VariablesFuzz DiffFuzz ReleaseFuzz SpecFuzz NatsFuzz CPIFuzz AgentFuzz APIFuzz)
targets=("${@:-${all[@]}}")
out=.build-fuzz
mkdir -p "$out/logs"

for target in "${targets[@]}"; do
    BOSHKIT_FUZZ=1 swift build -c release --scratch-path "$out/build" --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -parse-as-library >&2
done
bin="$(BOSHKIT_FUZZ=1 swift build -c release --scratch-path "$out/build" --show-bin-path)"

seed() {  # seed TARGET: copies fixtures of the kinds the target reads
    local target="$1" dir="$out/corpus/$1" i=0
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return 0
    case "$target" in
        OpsFuzz|VariablesFuzz|DiffFuzz)
            find Tests/BoshYAMLTests/Fixtures/corpus Tests/ManifestModelTests/Fixtures -type f -name '*.yml' -size -32k ;;
        ReleaseFuzz) find Tests/ReleaseSpecTests/Fixtures/releases -type f -name '*.tgz' -size -64k ;;
        SpecFuzz) find Tests/ReleaseSpecTests/Fixtures Tests/StemcellSpecTests/Fixtures -type f \( -name '*.MF' -o -name spec \) ;;
        NatsFuzz) find Tests/NatsClientTests -type f -name '*.txt' ;;
        CPIFuzz) find Tests/CPIProtocolTests/Fixtures -type f -name '*.json' ;;
        AgentFuzz) find Tests/AgentProtocolTests/Fixtures -type f -name '*.json' ;;
        APIFuzz) ;;
    esac 2>/dev/null | sort | while IFS= read -r f; do i=$((i + 1)); cp "$f" "$dir/seed-$i"; done
    # A few hand-made seeds so no corpus starts empty.
    printf 'INFO {"max_payload":1048576}\r\nMSG a.b 1 5\r\nhello\r\nPING\r\n+OK\r\n-ERR '"'"'x'"'"'\r\n' > "$dir/seed-hand-1"
    printf '{"method":"info","arguments":[],"context":{"director_uuid":"x"}}' > "$dir/seed-hand-2"
    printf 'GET /tasks?state=processing,queued&verbose=2\n' > "$dir/seed-hand-3"
    printf 'POST /deployments\nname: x\n' > "$dir/seed-hand-4"
    printf 'PUT /deployments/x/problems\n{"resolutions":{"1":null}}' > "$dir/seed-hand-5"
    printf 'POST /configs\n{"type":"cloud","name":"a","content":"a: 1"}' > "$dir/seed-hand-6"
    printf 'POST /packages/matches\npackages: [{fingerprint: a}]' > "$dir/seed-hand-7"
}

export SWIFT_BACKTRACE=enable=no
run() {
    local target="$1"
    seed "$target"
    mkdir -p "$out/artifacts/$target"
    # Leak checks are off where the target crosses into async code (CPI, API): a task's frame is freed on
    # another thread just after the input's work is handed back, which LeakSanitizer can catch mid-way (a
    # report that does not reproduce on replay); the API target also keeps a store and NIO's threads.
    local asan="${ASAN_OPTIONS:-}"
    case "$target" in CPIFuzz|APIFuzz) asan="detect_leaks=0" ;; esac
    ASAN_OPTIONS="$asan" "$bin/$target" "$out/corpus/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$out/artifacts/$target/" -print_final_stats=1 > "$out/logs/$target.log" 2>&1 || true
    echo "$target: $(grep -E '^stat::number_of_executed_units' "$out/logs/$target.log" | awk '{print $2}') executions," \
        "$(ls "$out/artifacts/$target" | wc -l) artifacts"
}
# Two at a time (two cores).
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    run "${targets[i]}" &
    if ((i + 1 < ${#targets[@]})); then run "${targets[i + 1]}" & fi
    wait
done
