#!/bin/sh
# Seeds a model volume with the LSTM bundled in the image, unless it already holds a version, so that
# forecast.model.dir (VOLUME/versions) starts with a model and hot reload has a place to drop new ones.
# Run before the instances (k8s initContainer, compose one-shot). Safe when pods run it at once: each
# copies into its own temporary directory outside versions/ and renames it into place; a rename onto
# an existing version fails and that copy is dropped. The watcher never sees a half-copied version.
set -eu
volume="$1"
mkdir -p "$volume/versions"
if [ -z "$(ls -A "$volume/versions")" ]; then
  tmp="$volume/.seed-$(hostname)-$$"
  cp -r /app/models/demand-lstm "$tmp"
  mv -T "$tmp" "$volume/versions/demand-lstm" 2>/dev/null || rm -rf "$tmp"
fi
