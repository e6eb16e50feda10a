#!/usr/bin/env bash
# No-op rebuild of a finished experiment against the floor of `dotnet build`: an empty classlib's no-op build, measured
# in the same run (the machine is noisy, so only the ratio is reported). Usage: bench/noop-build.sh [experiment] [runs]
# The experiment must have been built once already (its steps finished); the script builds it once more to be sure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
experiment=${1:-QuickStart}
runs=${2:-7}
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"; dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT

# The baseline: an empty classlib, built once, then timed as a no-op.
mkdir -p "$work/empty"
cat > "$work/empty/Empty.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>
XML
dotnet build "$work/empty" -nr:false >/dev/null
dotnet build "$repo/experiments/$experiment" -nr:false >/dev/null

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_build() {
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    dotnet build "$1" -nr:false >"$work/last.log"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
  done | median
}

# Interleave nothing: each is measured as a block, the baseline first and last to see drift.
base1=$(time_build "$work/empty")
exp=$(time_build "$repo/experiments/$experiment")
steps=$(grep -c "SkillMix: .*: \(running\|restored\)" "$work/last.log" || true)
base2=$(time_build "$work/empty")
base=$(awk -v a="$base1" -v b="$base2" 'BEGIN { print (a + b) / 2 }')
printf 'date: %s\nmachine: %s, %s cores\nempty classlib no-op: %.2f s (median of %d, before %.2f / after %.2f)\n%s no-op: %.2f s (median of %d), steps run or restored in the last build: %s\nratio: %.2f\n' \
  "$(date -u +%Y-%m-%dT%H:%MZ)" "$(uname -m) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(nproc)" \
  "$base" "$runs" "$base1" "$base2" "$experiment" "$exp" "$runs" "$steps" "$(awk -v a="$exp" -v b="$base" 'BEGIN { print a / b }')"
