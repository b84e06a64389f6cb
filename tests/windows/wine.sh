# tests/windows/wine.sh - which command runs a Windows program under Wine.
# Sourced by the scripts that run the Windows build (. tests/windows/wine.sh).
#
# Debian's `wine` starts the 32-bit loader whenever wine32 is installed,
# even for a 64-bit program, and a kernel built without 32-bit support
# (no CONFIG_IA32_EMULATION) cannot exec it: every program then fails
# with "Exec format error". There, 64-bit programs go straight to the
# 64-bit loader, and 32-bit programs cannot run at all; no package
# changes that, so it is said in one line and never counted a skip.

wine_loader32=/usr/lib/wine/wine
wine_loader64=/usr/lib/wine/wine64

# wine_kernel_runs_32bit: 1 when wine32 is installed and this kernel
# cannot exec its loader.
wine_kernel_runs_32bit() {
    [ -x "$wine_loader32" ] || return 0
    "$wine_loader32" --version >/dev/null 2>&1 || [ $? != 126 ]
}

# wine_for BITS (64 or 32): the command for a program of that size.
wine_for() {
    if [ "$1" = 64 ] && [ -x "$wine_loader64" ] && ! wine_kernel_runs_32bit; then
        echo "$wine_loader64"
    else
        echo wine
    fi
}
