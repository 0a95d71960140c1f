# shellcheck shell=sh
# Reads the `sentinela` CLI's own --help (CLI11's layout), so that the man page and the shell
# completions are made from the binary they describe and cannot miss a subcommand or a flag.
# Sourced by make_man_page.sh and make_completions.sh; POSIX sh and awk.

# The programs run here may come from a sanitizer build (preset asan), where a leak report at exit
# (Qt's, fontconfig's) would fail the build over documentation; leaks are the tests' business.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

# One line per subcommand of CLI: NAME, a tab, the first line of its description.
cli_subcommands() {
    "$1" --help | awk '
        /^[A-Za-z]+:$/ { in_list = ($0 == "Subcommands:"); next }
        # A name sits at column 3; the lines of its description and examples are indented deeper.
        in_list && /^  [a-z][a-z0-9-]*( |$)/ {
            name = $1
            description = $0
            sub(/^  [a-z][a-z0-9-]* */, "", description)
            print name "\t" description
        }'
}

# One line per flag of `CLI SUBCOMMAND` (or of CLI itself without SUBCOMMAND): "-h", "--help", ...
cli_flags() {
    program=$1
    shift
    "$program" "$@" --help | awk '
        /^[A-Za-z]+:$/ { in_options = ($0 == "Options:"); next }
        # "  -o,--out TEXT   Write ...": the names are the first word, split at commas.
        in_options && /^  -/ {
            count = split($1, flags, ",")
            for (i = 1; i <= count; ++i) print flags[i]
        }'
}
