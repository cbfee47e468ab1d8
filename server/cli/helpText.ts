/** What `replylint --help` prints. Kept beside the options it documents (cliOptions.ts). */
export const HELP_TEXT = `Usage: replylint [options] [paths or globs...]

Lints customer-support replies and macro libraries: scripted phrases, blame,
defensiveness, missing thanks, impersonal greetings, broken placeholders, replies too
long for their channel, and more. With no paths, lints the current folder. A folder gives,
at any depth (skipping node_modules and hidden folders), its .reply files, and its
.json, .yaml, .yml, .csv, .tsv and .txt files that hold a help-desk export or saved
replies. A file named explicitly, or matched by a glob, is linted whatever its extension
(a Markdown handbook of sections, an HTML template); globs support *, ** and ?. In a
library each macro is linted as one reply; messages name the macro.
Each file is linted with the team's rule files (.replylint.yaml) from its folder upward.

Output:
  -f, --format FORMAT      stylish (default), json (ESLint's JSON shape, with "item" on
                           messages from a macro library), sarif (SARIF 2.1.0, for code
                           scanning), github (workflow annotations), junit (JUnit XML), or
                           diff (a unified diff of the safe fixes; computed, not written,
                           unless --fix)
  -o, --output-file FILE   write the report to FILE instead of standard output
      --quiet              report errors only (warning and info rules do not run)
      --max-warnings N     exit 1 when there are more than N warnings

Rule files:
  -c, --config FILE        apply this rule file over the .replylint.yaml files found
      --no-config-lookup   do not look for .replylint.yaml / .yml / .json files
      --print-config FILE  print the configuration FILE is linted with, as JSON
      --init               write a commented .replylint.yaml here (never over one)
      --baseline FILE      leave out the findings FILE accepts; list its stale entries
      --update-baseline    record every finding of the files linted in the baseline
                           (FILE, or .replylint-baseline.json) instead of reporting it
  replylint test-rules [FILE]  run the examples of the rules FILE (or the rule files
                           found from here) defines, and of the built-in rules

Rules:
      --preset NAME          recommended (default), or strict: adds the opt-in rules
                             (no-dead-end, no-push-selling) and milder forms of the others
      --rule 'ID: SEVERITY'  set a rule's severity: off, info, warning or error
                             (repeatable; or 'a: off, b: error')
      --list-rules           list the rules: default severity, preset, fixes, summary

Fixing:
      --fix                apply safe fixes to the files (tone rewrites are never applied)
      --fix-dry-run        compute safe fixes without writing; json output has "output"

Large libraries:
      --cache              keep each file's outcome and reuse it while the file and its
                           rules are unchanged (files with findings too; not with --baseline)
      --cache-location P   the cache file, or a folder to keep .replylintcache in
                           (default: .replylintcache in the current folder)
      --concurrency N      lint on N worker threads; auto: one per core; off or 1: none
      --shard I/N          lint only the I-th of N parts of the files (for a CI job matrix)
A long run on a terminal shows a progress line on stderr; CI logs and pipes get none.

Input:
      --stdin              lint the text piped to standard input
      --stdin-filename F   the file name to report for --stdin

Other:
  -h, --help               show this help
  -v, --version            print the version

Exit codes: 0 no errors (and warnings within --max-warnings); 1 errors, or too many
warnings; 2 a usage mistake, a rule file with a problem (reported as file:line:col), an input not read or skipped as binary, fixes or a
report that could not be written, or an internal error.
`;
