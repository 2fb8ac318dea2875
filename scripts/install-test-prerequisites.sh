#!/usr/bin/env bash
# Installs, idempotently and non-interactively, what the test suite needs that a fresh Debian machine lacks.
# Without root it only reports what is missing (tests that need a missing package say so when they skip).
set -euo pipefail
PACKAGES=(dataset-fashion-mnist python3-sklearn python3-torch python3-torchvision chromium chromium-driver docker-compose)
# kubectl renders deploy/kubernetes (KubernetesManifestsTest). Debian's kubernetes-client provides one; only when no
# kubectl is there already (another kubectl package, e.g. Google's, owns the same /usr/bin/kubectl).
command -v kubectl >/dev/null 2>&1 || PACKAGES+=(kubernetes-client)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test prerequisites: all present (${PACKAGES[*]})"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "test prerequisites: missing ${missing[*]}; run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "test prerequisites: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "test prerequisites: installed"
