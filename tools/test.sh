#!/bin/sh
# Installs dependencies, builds devplan and runs the whole test suite.
#   tools/test.sh [--werror] [--sanitize] [--builddir DIR]
# --sanitize builds with AddressSanitizer and UndefinedBehaviorSanitizer.
set -e
cd "$(dirname "$0")/.."
builddir=build
werror=false
sanitize=none
while [ $# -gt 0 ]; do
	case "$1" in
	--werror) werror=true ;;
	--sanitize) sanitize=address,undefined ;;
	--builddir) builddir=$2; shift ;;
	*) echo "usage: tools/test.sh [--werror] [--sanitize] [--builddir DIR]" >&2; exit 2 ;;
	esac
	shift
done
sh tools/deps.sh
if [ -d "$builddir" ]; then
	meson configure "$builddir" -Dwerror=$werror -Db_sanitize=$sanitize >/dev/null
else
	meson setup "$builddir" -Dwerror=$werror -Db_sanitize=$sanitize >/dev/null
fi
ninja -C "$builddir" >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$(pwd)/tools/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
meson test -C "$builddir" --num-processes 2 --print-errorlogs
