#!/usr/bin/env bash
# The whole test suite: lint, typecheck, unit tests, then integration tests against a real Fabric network.
# Everything runs inside one D-Bus session with an unlocked gnome-keyring, so keychain tests use the real
# Secret Service (never a mock).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run lint
npm run typecheck
# The desktop app's bundles (no Electron binary needed), then Electronegativity on them: HIGH findings fail.
npx electron-vite build
node scripts/check-electron-security.ts
# No bench or test code in the shipped bundles (the bench page, CA registration, the NOT_IMPLEMENTED test seam).
node scripts/check-shipped-code.ts
npm run build:chaincode
# Fabric's binaries, built once from Go modules (minutes on a fresh machine, skipped when cached), before any test
# needs them, so the build's progress shows here rather than inside a test hook.
npm run network:build

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${PEDILEDGER_KEYRING_READY:-}" ]; then
  exec dbus-run-session -- bash scripts/test-in-keyring-session.sh
fi
bash scripts/test-in-keyring-session.sh
