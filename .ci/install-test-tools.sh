#!/usr/bin/env bash
# Installs the tools the tests need beyond the JDK and Maven: Debian's chromium, used headless by
# DatasetReportTest to render the HTML report. Idempotent and quiet: does nothing when chromium is there.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
