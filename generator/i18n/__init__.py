"""The site's languages: message catalogues (gettext PO files read with Babel), dates and numbers
formatted for each language, and the Jinja environment that uses them. The core never imports
MkDocs, and neither does this package."""
