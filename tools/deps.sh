#!/bin/sh
# Installs what devplan needs to build and test on Debian 12 (as root).
# Does nothing when everything is already there.
#   tools/deps.sh [--ci]
# --ci also installs every tool a test may need (the tests' prerequisites:
# fish, zsh, strace, man, script, python3-yaml, chromium, openssh-server
# for sync over ssh), so that CI skips nothing.
set -e
pkgs="build-essential git meson ninja-build pkg-config python3 scdoc
libgit2-dev libyaml-dev libcmark-gfm-dev libjansson-dev libcsv-dev bash-completion
clang-format cppcheck libcmark-gfm-extensions-dev tidy libical-dev"
if [ "${1-}" = --ci ]; then
	pkgs="$pkgs fish zsh strace man-db bsdutils python3-yaml chromium
openssh-server"
	# sshd run by root (t0551's loopback server) needs its privilege
	# separation folder, which Debian's service would create.
	if [ "$(id -u)" = 0 ]; then mkdir -p /run/sshd; fi
fi
missing=""
for p in $pkgs; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "devplan: missing packages:$missing (run as root, or install them)" >&2
	exit 3
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
