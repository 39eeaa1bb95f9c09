#!/usr/bin/env bash
# Runs inside dbus-run-session: unlocks a throwaway login keyring (the password is fed on stdin, as
# gnome-keyring-daemon --unlock expects), then runs the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PEDILEDGER_KEYRING_READY:-}" ]; then
  # A throwaway keyring folder per run: an existing login keyring from an earlier run would have another password
  # and stay locked, and the tests must never touch the user's real keyring.
  XDG_DATA_HOME="$(mktemp -d)"
  export XDG_DATA_HOME
  trap 'rm -rf "$XDG_DATA_HOME"' EXIT
  keyring_password="pediledger-test-$$"
  eval "$(printf '%s' "$keyring_password" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL PEDILEDGER_KEYRING_READY=1
fi

npm run test:unit
npm run test:integration
