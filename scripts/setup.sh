#!/usr/bin/env bash
# Installs the system packages BoshKit builds and tests against (Debian).
# Called by both README commands and by .ci/run; safe to run again.
set -euo pipefail
packages=(libyaml-dev libssl-dev zlib1g-dev openssl nats-server ruby ruby-activesupport postgresql)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${packages[@]}"
