#!/usr/bin/env bash
# Installs the tools the tests need beyond the JDK and Maven, from Debian: chromium, used headless by
# DatasetReportTest to render the HTML report, and prometheus (the server and promtool), into which
# PrometheusBackfillTest backfills a dataset's OpenMetrics file. Idempotent and quiet: does nothing
# when every tool is there, and installs only the missing packages otherwise.
set -euo pipefail
packages=()
if ! command -v chromium >/dev/null 2>&1; then
    packages+=(chromium)
fi
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
    packages+=(prometheus)
fi
if [ "${#packages[@]}" -eq 0 ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
command -v chromium >/dev/null
command -v promtool >/dev/null
command -v prometheus >/dev/null
