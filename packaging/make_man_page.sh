#!/bin/sh
# make_man_page.sh PROGRAM VERSION SUMMARY INCLUDE OUT [--commands]: writes PROGRAM's man page,
# gzip -9n as Debian wants it, with help2man from PROGRAM --help plus the sections of INCLUDE
# (help2man's include format). --commands adds a COMMANDS section with each subcommand's own
# --help (the `sentinela` CLI, read with cli_help.sh), so the page documents every flag.
set -eu
program=$1
version=$2
summary=$3
include=$4
out=$5
commands=${6:-}
. "$(dirname "$0")/cli_help.sh"

# Roff for one CLI11 --help text on stdin: the description and its example lines, the usage, then
# each section ("Options:") with one tagged paragraph per entry. With "sections" as $1, only the
# sections, and one line per entry (the top-level subcommand list, whose details follow apart).
help_to_roff() {
    awk -v sections_only="${1:-}" '
        # \& keeps a line that starts with "." or "\047" text; \e is a backslash, \- a minus.
        function text(s) { gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s); return "\\&" s }
        function end_example() { if (example) print ".fi"; example = 0 }
        /^Usage: / { end_example(); listing = 0; if (!sections_only) print ".PP\n" text($0); next }
        /^[A-Z][A-Za-z ]*:$/ { end_example(); listing = 1; print ".PP\n.I " $0; next }
        /^$/ { next }
        listing && /^  [^ ]/ {
            entry = substr($0, 3)
            description = ""
            if (match(entry, /  +/)) {
                description = substr(entry, RSTART + RLENGTH)
                entry = substr(entry, 1, RSTART - 1)
            }
            print ".TP\n\\fB" text(entry) "\\fR"
            if (description != "") print text(description)
            next
        }
        # An entry continues at column 31; in the subcommand list, its examples start at 33.
        listing && /^ / {
            if (!sections_only || index($0, sprintf("%32s", "")) != 1) {
                sub(/^ +/, "")
                print text($0)
            }
            next
        }
        sections_only { next }
        # Before the usage: description lines, and indented example commands kept as typed.
        /^  / { if (!example) print ".PP\n.nf"; example = 1; print text($0); next }
        { end_example(); print ".PP\n" text($0) }
        END { end_example() }
    '
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$include" "$work/sections.h2m"
if [ "$commands" = "--commands" ]; then
    {
        echo "[=OPTIONS]"
        "$program" --help | help_to_roff sections
        echo "[COMMANDS]"
        printf '%s\n' 'Each command'"'"'s own help, as \fBsentinela \fICOMMAND\fB \-\-help\fR prints it.'
        cli_subcommands "$program" | cut -f1 | while read -r command; do
            echo ".SS $command"
            "$program" "$command" --help | help_to_roff
        done
    } >>"$work/sections.h2m"
fi
# Run by name from PATH, so the page says "sentinela-gui", not the build folder's path; the desktop
# application prints its help without a display on Qt's offscreen platform.
PATH="$(cd "$(dirname "$program")" && pwd):$PATH" QT_QPA_PLATFORM=offscreen \
    help2man --no-info --version-string="$version" --name="$summary" \
    --include="$work/sections.h2m" --output="$work/page.1" "$(basename "$program")"
gzip -9n <"$work/page.1" >"$out"
