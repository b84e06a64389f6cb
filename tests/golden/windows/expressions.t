# The commands of ../expressions.t whose output differs on the Windows build
# (MinGW-w64 under Wine: make windows-blackbox), as it prints them;
# the others match ../expressions.t there. Differences:
# - a command line over 32767 characters cannot start a Windows program
#   (CreateProcess): the command fails with status 1 and prints nothing

$ tests/progs/markers --co -q -k "$(printf 'nomatch or %.0s' $(seq 10000))fast.two"
[1]
