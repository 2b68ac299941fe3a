"""GitHub-flavoured Markdown to HTML through cmark-gfm, with every allocation freed.

cmarkgfm ships GitHub's cmark-gfm compiled, but its `github_flavored_markdown_to_html` never
frees the document tree or the HTML it copies out: about 25 KB a call, which grew a 10,000-record
build by 500 MB. Its compiled module exports cmark-gfm's whole C API, so this module declares
the few functions a conversion needs (cffi's ABI mode, over the same library file) and calls
them in cmark-gfm's own order: parse, render, free the tree, free the parser, free the HTML.
"""

from __future__ import annotations

import cffi
from cmarkgfm import _cmark

# What cmarkgfm's github_flavored_markdown_to_html attaches and sets, so the HTML is the same.
EXTENSIONS = (b"table", b"autolink", b"tagfilter", b"strikethrough", b"tasklist")
GITHUB_PRE_LANG = _cmark.lib.CMARK_OPT_GITHUB_PRE_LANG
UNSAFE = _cmark.lib.CMARK_OPT_UNSAFE

_ffi = cffi.FFI()
_ffi.cdef("""
typedef struct cmark_node cmark_node;
typedef struct cmark_parser cmark_parser;
typedef struct cmark_syntax_extension cmark_syntax_extension;
typedef struct cmark_llist cmark_llist;
typedef struct cmark_mem {
  void *(*calloc)(size_t, size_t);
  void *(*realloc)(void *, size_t);
  void (*free)(void *);
} cmark_mem;
cmark_mem *cmark_get_default_mem_allocator(void);
void cmark_gfm_core_extensions_ensure_registered(void);
cmark_syntax_extension *cmark_find_syntax_extension(const char *name);
cmark_parser *cmark_parser_new(int options);
int cmark_parser_attach_syntax_extension(cmark_parser *parser, cmark_syntax_extension *extension);
void cmark_parser_feed(cmark_parser *parser, const char *buffer, size_t len);
cmark_node *cmark_parser_finish(cmark_parser *parser);
cmark_llist *cmark_parser_get_syntax_extensions(cmark_parser *parser);
char *cmark_render_html(cmark_node *root, int options, cmark_llist *extensions);
void cmark_node_free(cmark_node *node);
void cmark_parser_free(cmark_parser *parser);
""")
_lib = _ffi.dlopen(_cmark.__file__)
_lib.cmark_gfm_core_extensions_ensure_registered()
_EXTENSIONS = [_lib.cmark_find_syntax_extension(name) for name in EXTENSIONS]
_MEMORY = _lib.cmark_get_default_mem_allocator()


def to_html(text: str, options: int = 0) -> str:
    """`text` as HTML, as GitHub renders it; `options` are cmark's (safe mode unless UNSAFE)."""
    options |= GITHUB_PRE_LANG
    source = text.encode("utf-8")
    parser = _lib.cmark_parser_new(options)
    try:
        for extension in _EXTENSIONS:
            _lib.cmark_parser_attach_syntax_extension(parser, extension)
        _lib.cmark_parser_feed(parser, source, len(source))
        root = _lib.cmark_parser_finish(parser)
        try:
            rendered = _lib.cmark_render_html(root, options, _lib.cmark_parser_get_syntax_extensions(parser))
        finally:
            _lib.cmark_node_free(root)
    finally:
        _lib.cmark_parser_free(parser)
    try:
        return _ffi.string(rendered).decode("utf-8")
    finally:
        _MEMORY.free(rendered)
