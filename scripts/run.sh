#!/usr/bin/env bash
# Installs what is missing, builds, and starts Salient Studio.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
salient_install_packages "${SALIENT_BUILD_PACKAGES[@]}"
salient_build -DSALIENT_BUILD_TESTS=OFF
exec "$SALIENT_BUILD/app/studio/salient-studio" "$@"
