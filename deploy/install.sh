#!/bin/sh
# Install the bot into a virtualenv from the pinned dependencies: what the Dockerfile runs,
# and what a server for the systemd unit runs. From the project's root (the folder with
# requirements.lock and pyproject.toml):
#   deploy/install.sh deps VENV   the dependencies from requirements.lock (hashes checked)
#   deploy/install.sh bot VENV    the bot itself, built with the pinned setuptools
#   deploy/install.sh all VENV    both
# $PYTHON (default python3, 3.12 or 3.13) makes the virtualenv if VENV has none yet.
set -eu
usage="usage: deploy/install.sh deps|bot|all VENV"
step=${1:?$usage}
venv=${2:?$usage}
case $step in deps|bot|all) ;; *) echo "$usage" >&2; exit 2 ;; esac
[ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
pip() { "$venv/bin/python" -m pip --disable-pip-version-check "$@"; }
if [ "$step" != bot ]; then
  # the pinned setuptools first: packages published only as source (flashtext) are then
  # built with it, so nothing unpinned is fetched to build them either
  pinned=$(mktemp)
  awk '/^setuptools==/ { keep = 1; print; next } keep && /^ / { print; next } { keep = 0 }' requirements.lock >"$pinned"
  pip install --require-hashes --no-deps -r "$pinned"
  rm -f "$pinned"
  pip install --require-hashes --no-deps --no-build-isolation -r requirements.lock
fi
if [ "$step" != deps ]; then
  pip install --no-deps --no-build-isolation .
  pip check
fi
