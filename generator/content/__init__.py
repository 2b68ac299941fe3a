"""The content layer: reading YAML with positions, the taxonomy, the schema built from it, the
checks on each record and across records, and problems as data. It never imports MkDocs."""
