#!/bin/sh
# Writes the user guide (Markdown) from the README's sections about the lab window, so the two
# never disagree. The build runs it (resources/packaging/CMakeLists.txt):
#   sh userguide.sh README.md OUTPUT.md
# It keeps the README's introduction and the sections named below (with their subsections),
# promotes a kept subsection whose section is left out, and rewrites links into docs/ to the
# files next to the guide (the build copies them there). A missing section fails the build.
set -eu
readme=$1 output=$2
sections='## The lab window|## Recording and export|### The experiments and figures in the window|### Learning on data in the window'

awk -v sections="$sections" '
BEGIN { n = split(sections, wanted, "|"); for (i = 1; i <= n; i++) want[wanted[i]] = 1; keep = 1 }
NR == 1 && /^# / { print "# Prospect user guide"; next }
/^## / { parent = ($0 in want); keep = parent; if (keep) found[$0] = 1 }
/^### / {
    if ($0 in want) { found[$0] = 1; keep = 1; if (!parent) sub(/^###/, "##") }
    else keep = parent
}
keep { gsub(/\]\(docs\//, "]("); gsub(/\[docs\//, "["); print }
END {
    for (h in want) if (!(h in found)) { print "userguide.sh: the README has no \"" h "\"" > "/dev/stderr"; bad = 1 }
    if (bad) exit 1
    print ""
    print "## The command line"
    print ""
    print "Every command and option of `prospect` is listed in its manual page: `man prospect`."
}' "$readme" >"$output.tmp"
mv "$output.tmp" "$output"
