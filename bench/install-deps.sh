#!/bin/sh
# Installs the peers that bench/ compares ptest with, from Debian's packages:
# Criterion, GoogleTest, pytest with pytest-xdist, and hyperfine (optional:
# run.sh falls back to its own timing loop). Needs root (or sudo).
set -eu
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
    make gcc g++ python3 \
    libcriterion-dev libgtest-dev python3-pytest python3-pytest-xdist \
    hyperfine
