#!/bin/sh
# Install Debian's chromium for the browser tests when it is missing and we are allowed to.
# Without it the browser tests skip locally and fail under CI=true.
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "Note: /usr/bin/chromium is missing; browser tests will skip (install the 'chromium' package)."
fi
