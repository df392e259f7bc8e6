#!/usr/bin/env bash
# Builds nats-go-bench offline against Debian's packaged nats.go (apt-get install golang-go
# golang-github-nats-io-go-nats-dev). Not part of CI. Output: ./nats-go-bench (gitignored).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/nats-go-bench"
cp main.go "$work/src/nats-go-bench/"
cd "$work/src/nats-go-bench"
GO111MODULE=off GOPATH="$work:/usr/share/gocode" GOFLAGS= GOCACHE="$work/cache" /usr/bin/go build -o "$OLDPWD/nats-go-bench" .
