#!/usr/bin/env bash
# Check the Debian packages briefgen needs at run time; with --install, install the missing ones.
#   scripts/system-deps.sh            report what is missing (exit 1 if anything is)
#   scripts/system-deps.sh --install  apt-get install what is missing (needs root)
set -u
# library file -> Debian package
declare -A NEED=(
  [libpango-1.0.so.0]=libpango-1.0-0
  [libpangoft2-1.0.so.0]=libpangoft2-1.0-0
  [libharfbuzz-subset.so.0]=libharfbuzz-subset0
)
missing=()
for lib in "${!NEED[@]}"; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("${NEED[$lib]}")
done
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ ${1:-} == --install ]]; then
  echo "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  exit $?
fi
echo "warning: missing system packages for PDF output: ${missing[*]}" >&2
echo "install them with: apt-get install -y ${missing[*]}" >&2
exit 1
