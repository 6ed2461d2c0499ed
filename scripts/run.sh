#!/usr/bin/env bash
# Installs what is missing, builds, creates the demo workspace once, and opens Salient Studio on it.
# Pass a workspace folder to open that one instead.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
salient_install_packages "${SALIENT_BUILD_PACKAGES[@]}"
salient_build -DSALIENT_BUILD_TESTS=OFF
if [ $# -eq 0 ]; then
    demo="${SALIENT_DEMO_DIR:-$SALIENT_BUILD/demo-workspace}"
    if [ ! -f "$demo/demo.json" ]; then
        rm -rf "$demo"
        "$SALIENT_BUILD/app/cli/salient" demo "$demo"
    fi
    set -- "$demo"
fi
exec "$SALIENT_BUILD/app/studio/salient-studio" "$@"
