#!/bin/bash
# Instructions per decode under callgrind, for each "<decoder> <message>" pair given as
# arguments (see src/bin/instructions.rs): (run of 3000 - run of 1000) / 2000. Exact and
# repeatable, unlike time on a shared machine.
#   ./instructions.sh "ours emv_0210/default_ascii" "i8583 emv_0210/default_ascii"
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --bin instructions -q
bin=target/release/instructions
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" "$3" 2>&1 |
        grep -o 'refs: *[0-9,]*' | tr -dc 0-9
}
for pair in "$@"; do
    read -r decoder message <<<"$pair"
    a=$(count "$decoder" "$message" 1000)
    b=$(count "$decoder" "$message" 3000)
    echo "$(( (b - a) / 2000 )) $decoder $message"
done
