"""The `casebook` commands: argument parsing (cli), the editors' report, and `casebook new`
(questions, answers, interview, scaffold)."""

# Exit statuses: clean, content problems, a usage or I/O error, stopped with Ctrl-C (128 + SIGINT).
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
