"""The `casebook` commands: argument parsing and exit codes (cli), the editors' report, the
new-record scaffold."""
