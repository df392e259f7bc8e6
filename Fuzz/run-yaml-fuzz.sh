#!/usr/bin/env bash
# Builds the BoshYAML parser fuzzer (libFuzzer + AddressSanitizer) outside the package and runs it.
#   Fuzz/run-yaml-fuzz.sh [SECONDS] [extra libFuzzer flags...]     (default 600 s)
# Work files go to .build-fuzz/ (the binary, the growing corpus seeded from the test fixtures, crash files).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
out=.build-fuzz
mkdir -p "$out/corpus" "$out/artifacts"

swiftc -parse-as-library -sanitize=fuzzer,address -O -g \
    -module-name YAMLParserFuzz -I Sources/CLibYAML -lyaml \
    $(find Sources/BoshYAML -name '*.swift' | sort) Fuzz/YAMLParserFuzz/main.swift \
    -o "$out/yaml-parser-fuzz"

# Seed once from the fixtures (libFuzzer keeps adding what it finds to the same directory).
if [ -z "$(ls -A "$out/corpus")" ]; then
    i=0
    while IFS= read -r f; do i=$((i + 1)); cp "$f" "$out/corpus/seed-$i.yml"; done \
        < <(find Tests/BoshYAMLTests/Fixtures/corpus Tests/BoshYAMLTests/Fixtures -maxdepth 8 -type f \
            -name '*.yml' -size -64k | sort -u)
fi

# Swift's own crash backtracer and ASan get in each other's way.
export SWIFT_BACKTRACE=enable=no
exec "$out/yaml-parser-fuzz" "$out/corpus" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/" -print_final_stats=1 "$@"
