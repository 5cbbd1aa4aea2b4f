#!/bin/sh
# Writes the manual page prospect.1 (section 1) and prospect.1.gz from the program's own help
# texts, so that it lists every command and every experiment and cannot go stale. The build runs
# it (resources/packaging/CMakeLists.txt) after linking prospect:
#   sh manpage.sh PROSPECT OUTPUT.1 VERSION DATE HOMEPAGE
# The commands are the words after "prospect" in the usage text (`prospect --help`), the
# experiments the first words of `prospect experiment --list`; `prospect COMMAND --help` and
# `prospect experiment NAME --help` give their sections. A help text that fails fails the build.
set -eu
prospect=$1 output=$2 version=$3 date=$4 homepage=$5
export QT_QPA_PLATFORM=offscreen LC_ALL=C

helptext() {
    if ! "$prospect" "$@"; then
        echo "manpage.sh: '$prospect $*' failed" >&2
        exit 1
    fi
}

# roff escapes shared by the awk programs: backslash, minus signs, a leading dot or quote.
escape='function esc(s) {
    gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s)
    if (s ~ /^[.'"'"']/) s = "\\&" s
    return s
}'

# The usage block of `prospect --help` as a tagged list: each form (a line starting with
# "prospect", with its continuation lines) and what it does (the text after two spaces).
synopsis() {
    awk "$escape"'
    function flush() {
        if (form != "") { print ".TP"; print "\\fB" esc(form) "\\fR"; print esc(what) }
        form = ""; what = ""
    }
    /^Usage:/ { inside = 1; next }
    inside && /^$/ { flush(); exit }
    inside {
        line = $0; sub(/^ +/, "", line)
        cut = index(line, "  ")
        part = cut ? substr(line, 1, cut - 1) : line
        does = cut ? substr(line, cut) : ""
        sub(/^ +/, "", does)
        if (line ~ /^prospect/) flush()
        form = form (form == "" ? "" : " ") part
        if (does != "") what = what (what == "" ? "" : "; ") does
    }'
}

# One command's help text as a subsection: the synopsis (first paragraph), the description
# (indented lines verbatim) and the options as a tagged list.
section() {
    awk "$escape"'
    NR == 1 { head = $0; sub(/ [[(-<].*/, "", head); print ".SS \"" esc(head) "\"" }
    para == 0 && /^$/ {
        print ".PP"; print "\\fB" esc(head) "\\fR" esc(substr(synopsis, length(head) + 1))
        print ".PP"; para = 1; next
    }
    para == 0 { line = $0; sub(/^ +/, "", line); synopsis = synopsis (synopsis == "" ? "" : " ") line; next }
    /^$/ { if (verbatim) { print ".fi"; print ".RE"; verbatim = 0 } print ".PP"; next }
    /^Options:$/ { options = 1; print "Options:"; next }
    options && /^  -/ {
        line = $0; sub(/^ +/, "", line)
        cut = index(line, "  ")
        name = substr(line, 1, cut - 1); does = substr(line, cut); sub(/^ +/, "", does)
        value = ""
        if (name ~ / /) { value = name; sub(/^[^ ]* /, "", value); sub(/ .*/, "", name) }
        print ".TP"
        print "\\fB" esc(name) "\\fR" (value == "" ? "" : " \\fI" esc(value) "\\fR")
        print esc(does)
        next
    }
    /^  / {
        if (!verbatim) { print ".RS 2"; print ".nf"; verbatim = 1 }
        line = $0; sub(/^  /, "", line); print esc(line); next
    }
    { if (verbatim) { print ".fi"; print ".RE"; verbatim = 0 } print esc($0) }
    END { if (verbatim) { print ".fi"; print ".RE" } }'
}

usage=$(helptext --help)
commands=$(printf '%s\n' "$usage" | sed -n 's/^  prospect \([a-z][a-z-]*\).*/\1/p' | awk '!seen[$0]++')
experiments=$(helptext experiment --list | awk '{ print $1 }')
[ -n "$commands" ] || { echo "manpage.sh: no commands in the usage text" >&2; exit 1; }
[ -n "$experiments" ] || { echo "manpage.sh: no experiments listed" >&2; exit 1; }

{
    printf '.TH PROSPECT 1 "%s" "prospect %s" "User Commands"\n' "$date" "$version"
    echo '.ad l'
    echo '.nh'
    echo '.SH NAME'
    printf '%s\n' "$usage" | head -n 1 | sed 's/ - / \\- /'
    echo '.SH SYNOPSIS'
    printf '%s\n' "$usage" | synopsis
    cat <<'TEXT'
.SH DESCRIPTION
Prospect runs backpropagation (BP) and prospective configuration (PC) on the same small
network, with the same initial weights and the same trials, step by step, and shows them side
by side in the lab window. The commands below run the same engine without a window: scenarios,
recordings and exports, the experiments of Song et al., Nature Neuroscience 27, 348\-358 (2024),
and benchmarks. This page is generated from the program's help texts.
.SH COMMANDS
TEXT
    for command in $commands; do
        [ "$command" = experiment ] && continue
        helptext "$command" --help | section
    done
    cat <<'TEXT'
.SH EXPERIMENTS
.B prospect experiment \-\-list
lists the paper's experiments;
.B prospect experiment
.I NAME
runs one and prints a summary table, and with
.B \-\-csv
writes tidy CSV observations. Each experiment's options and defaults:
TEXT
    for name in $experiments; do
        helptext experiment "$name" --help | section
    done
    cat <<TEXT
.SH EXIT STATUS
0 on success, 1 when a run fails (for example a file cannot be written, or a run diverges),
2 for bad usage or a file that cannot be read, 130 when an experiment is cancelled with Ctrl\\-C.
.SH ENVIRONMENT
.TP
.B QT_QPA_PLATFORM
Qt's platform; \\fB\\-\\-screenshot\\fR uses \\fBoffscreen\\fR unless it is set.
.TP
.B QT_SCALE_FACTOR
scales the whole window, for example 1.5 on a projector.
.SH FILES
.TP
.I /usr/share/prospect/scenarios/
the bundled scenarios (the presets) as scenario files, \\fINAME\\fR.prospect.json
.TP
.I /usr/share/prospect/guide/user\\-guide.md
the user guide of the lab window
.PP
The paths are those of the Debian package; an installation elsewhere has them under its prefix.
.SH SEE ALSO
$homepage
TEXT
} >"$output.tmp"
mv "$output.tmp" "$output"
gzip -9n -c "$output" >"$output.gz.tmp"
mv "$output.gz.tmp" "$output.gz"
