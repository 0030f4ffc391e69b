# Sourced by every release build (scripts/build-site.sh, `make build`, `make size`,
# `make bench`): the toolchain and flags that make the WebAssembly download small.
# A pinned nightly rebuilds the standard library with the app (-Zbuild-std), so a panic
# aborts at once instead of carrying the code that formats panic messages, and Debug
# formatting and panic locations are left out: about 7 % less to download (see
# docs/performance.md). scripts/setup.sh installs this toolchain. Tests, lints and
# `make serve` use the stable toolchain.
RELEASE_TOOLCHAIN=nightly-2026-05-20
export RUSTUP_TOOLCHAIN=$RELEASE_TOOLCHAIN
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
# Replaces the rustflags of .cargo/config.toml, so it repeats erase_components.
export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none --cfg erase_components"
