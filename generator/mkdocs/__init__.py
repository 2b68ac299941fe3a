"""The MkDocs layer: the plugin and what only makes sense inside an MkDocs build (files made
when MkDocs asks for them, in a helper process; HTML held back from Python-Markdown)."""
