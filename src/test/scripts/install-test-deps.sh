#!/usr/bin/env bash
# First part of the test command (README): installs what the tests need, only what is missing: Debian
# packages and two Python venvs under .ci/, where the tests look for them (.ci/.venv for the model-export
# smoke training, .ci/.venv-interop for Confluent's Python client).
set -euo pipefail
cd "$(dirname "$0")/../../.."

java -version
mvn -B -version

# Debian packages: Confluent's Python client with its librdkafka (ConfluentPythonClientIT), the venv
# module of Debian's Python, promtool and prometheus (PromtoolTest, PrometheusScrapeIT: the prometheus
# package), headless Chromium and its driver (DashboardIT, through Selenium).
missing=()
dpkg -s python3-confluent-kafka >/dev/null 2>&1 || missing+=(python3-confluent-kafka)
dpkg -s python3-venv >/dev/null 2>&1 || missing+=(python3-venv)
{ command -v promtool && command -v prometheus; } >/dev/null 2>&1 || missing+=(prometheus)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ "${#missing[@]}" -gt 0 ]; then
  as_root=(env)
  [ "$(id -u)" -eq 0 ] || as_root=(sudo env)
  "${as_root[@]}" apt-get update -q
  "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Python for the model-export smoke training (ModelExportSmokeIT): a venv inside the clone.
if [ ! -x .ci/.venv/bin/python ]; then
  python3 -m venv .ci/.venv
fi
# --retries 0: where PyPI is unreachable and a local index serves the packages, fail over at once
.ci/.venv/bin/pip install --quiet --retries 0 -r model-export/requirements.txt

# Python for the foreign-producer test: Debian's Python, which sees the Debian confluent_kafka,
# plus the pure-Python packages its registry serde imports.
if [ ! -x .ci/.venv-interop/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .ci/.venv-interop
fi
if ! .ci/.venv-interop/bin/python -c 'import fastavro, requests, confluent_kafka.schema_registry.avro' >/dev/null 2>&1; then
  .ci/.venv-interop/bin/pip install --quiet --retries 0 -r src/test/python/requirements.txt
fi
