#!/usr/bin/env bash
# Runs inside dbus-run-session: unlocks a throwaway login keyring (the password is fed on stdin, as
# gnome-keyring-daemon --unlock expects), then runs the unit and integration tests, then scans what they left behind
# (app data folders, the test log, new temp files) for private key material and the test log for the log canary's
# markers.
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

# This run's own temporary folder: everything the tests put in the OS temp dir lands here, so the scan below sees this
# run's files only, never those of another run on a shared machine (whose networks hold keys by design).
run_tmp="$(mktemp -d "${TMPDIR:-/tmp}/pediledger-run.XXXXXX")"
export TMPDIR="$run_tmp"
# Every app data folder the tests create goes under this root (electron/test/testAppData.ts), and the test output is
# logged there too, so the scan below knows where the app wrote.
tmp_root="$run_tmp"
PEDILEDGER_TEST_APP_ROOT="$(mktemp -d "$tmp_root/pediledger-test-app.XXXXXX")"
export PEDILEDGER_TEST_APP_ROOT
test_log="$PEDILEDGER_TEST_APP_ROOT/logs/tests.log"
mkdir -p "$(dirname "$test_log")"
temp_before="$(find "$tmp_root" -maxdepth 1 -name 'pediledger-*' | sort)"

tests_status=0
{ npm run test:unit && npm run test:integration; } 2>&1 | tee "$test_log" || tests_status=$?

# The scan runs even after failed tests: a leak matters most when something went wrong. Temp entries named
# pediledger-* that appeared during the run are scanned too (tests that clean up after themselves leave none).
# The Fabric network's own data folder holds node and demo-user keys by design; the scanner always excludes it.
mapfile -t new_temp < <(comm -13 <(printf '%s\n' "$temp_before") <(find "$tmp_root" -maxdepth 1 -name 'pediledger-*' | sort))
scan_status=0
node scripts/scan-for-private-keys.ts "$PEDILEDGER_TEST_APP_ROOT" "${new_temp[@]}" || scan_status=$?
# The log canary (electron/test/logCanary.integration.test.ts) planted markers in records; none may be in the test log.
node scripts/check-log-canaries.ts "$test_log" "$PEDILEDGER_TEST_APP_ROOT" || scan_status=$?
if [ "$scan_status" -eq 0 ]; then
  rm -rf "$run_tmp"
else
  echo "Kept $run_tmp for inspection." >&2
fi

if [ "$tests_status" -ne 0 ]; then exit "$tests_status"; fi
exit "$scan_status"
