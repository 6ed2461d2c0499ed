#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite; ends with CTest's summary.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
salient_install_packages "${SALIENT_BUILD_PACKAGES[@]}" "${SALIENT_TEST_PACKAGES[@]}"
salient_build -DSALIENT_BUILD_TESTS=ON
cd "$SALIENT_BUILD"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$(nproc)" -LE "slow|cuda" "$@"
