#!/bin/sh
# The Debian packages the tests use, installed with apt-get only when one is missing (so a
# second run does nothing): headless Chromium (/usr/bin/chromium, the browser tests),
# libfaketime (tests/test_machine_clock.py) and the PostgreSQL server binaries (the tests of
# the PostgreSQL engine start a throwaway server from them). Needs root when it installs.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v faketime >/dev/null 2>&1 || missing="$missing faketime"
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$missing postgresql"
if [ -n "$missing" ]; then
    apt-get update -qq
    # Without the recommended packages (a printer dialog, a desktop notifier, Samba and Perl
    # libraries: some 110 packages instead of some 20, 16 s instead of 10); the fonts the
    # pages are measured and pictured with are named, as a machine without them would miss them.
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
        fonts-liberation
fi
