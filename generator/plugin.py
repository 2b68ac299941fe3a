"""The `casebook` MkDocs plugin: thin glue between MkDocs and the core.

Per build it loads and validates the library once, adds the generated pages and data files as
virtual files, appends generated sections to hand-written pages that ask for them, and gives
templates the problems to show under `mkdocs serve`.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

from .catalogue import Catalogue
from .indexing import indexable_html
from .passthrough import hold_html_blocks, restore_html_blocks
from .problems import Problem, summary
from .render import OutputFile, PageRenderer, RenderOptions, render_site
from .render.ahead import RenderAhead, RenderInPlace, can_render_ahead
from .validate import Library, RecordCache, validate_library

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

PREVIEW_CACHE = Path(".cache") / "casebook-preview"


class CasebookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="site_theme/casebook")


class CasebookPlugin(BasePlugin[CasebookConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        # Kept across `mkdocs serve` rebuilds (MkDocs keeps a plugin with on_startup alive).
        self.record_cache = RecordCache()
        self.shown_errors: list[Problem] = []
        self.library: Library | None = None
        self.catalogue: Catalogue | None = None
        self.renderer: PageRenderer | None = None
        self.generated_pages: set[str] = set()
        self.held_blocks: dict[str, list[str]] = {}
        self.unmade: dict[str, File] = {}
        self.maker: RenderAhead | RenderInPlace | None = None
        self.full_html: str | None = None
        # Data files wait here between being made and MkDocs copying them into the site.
        self.spool: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.enabled and not config.repo_url:
            # Edit links need a repository; without one MkDocs warns on every page.
            config.edit_uri = None
        return config

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        root = self._root(config)
        self.library = library = validate_library(root, cache=self.record_cache if self.serving else None)
        self._report(library.problems)
        if library.taxonomy is None or library.schema is None:
            self.catalogue = None
            self._refresh_banner(files, library.problems)
            return files
        self.catalogue = Catalogue.published(library.taxonomy, library.records, include_drafts=self.serving)
        options = RenderOptions(directory_urls=config.use_directory_urls, edit_base=self._edit_base(config),
                                repo_url=config.repo_url, include_drafts=self.serving)
        templates = root / self.config.templates_dir
        self.renderer = PageRenderer(self.catalogue, templates, options, library.schema)
        outputs = render_site(self.renderer, site_url=config.site_url or "", title=config.site_name)
        self.generated_pages = {output.path for output in outputs if output.path.endswith(".md")}
        self.unmade = {}
        self._close_maker()
        self._remove_spool()
        if not self.serving:
            # What is alive now (the catalogue, MkDocs' files and config) lives until the build
            # ends; frozen, the cycle collector stops rescanning it in every full collection,
            # here and in the helper forked next (and the helper's copy is not touched, so not
            # copied). Not under serve, which rebuilds in the same process.
            gc.freeze()
        # Forking while `mkdocs serve` runs its server threads is unsafe; previews make in place.
        # Data files go to the spool folder, where MkDocs copies them from.
        spooled = {output.path: self._spool() / output.path for output in outputs
                   if output.path not in self.generated_pages and not (self.serving and self.dirty)}
        self.maker = RenderAhead(outputs, spooled) if can_render_ahead() and not self.serving \
            else RenderInPlace(outputs)
        for output in outputs:
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(f"{output.path} is generated by Casebook, but {config.docs_dir}/{output.path} "
                                  "also exists: rename or remove the hand-written page")
            generated = self._generated_file(config, root, output)
            if output.source:
                generated.edit_uri = os.path.relpath(root / output.source, Path(config.docs_dir)).replace(os.sep, "/")
            files.append(generated)
        self._refresh_banner(files, library.problems)
        return files

    def _generated_file(self, config: MkDocsConfig, root: Path, output: OutputFile) -> File:
        path = output.path
        if not (self.serving and self.dirty):
            # Filled in when MkDocs needs it: a page as MkDocs reaches it (and dropped once read),
            # a data file in the spool folder just before MkDocs copies it.
            if path in self.generated_pages:
                generated = File.generated(config, path, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            else:
                generated = File.generated(config, path, abs_src_path=str(self._spool() / path),
                                           inclusion=InclusionLevel.NOT_IN_NAV)
            self.unmade[path] = generated
            return generated
        # `mkdocs serve --dirty` skips pages whose source is older than their output. In-memory
        # pages always look new, so the preview keeps each page in a file outside every watched
        # folder and rewrites it only when it changed: one saved record re-renders a few pages.
        cached = root / PREVIEW_CACHE / path
        content = output.content
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not cached.is_file() or cached.read_bytes() != data:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(data)
        return File.generated(config, path, abs_src_path=str(cached), inclusion=InclusionLevel.NOT_IN_NAV)

    def _refresh_banner(self, files: Files, problems: list[Problem]) -> None:
        """Under `serve --dirty`, re-render every page when the list of problems changes, so the
        banner appears (and goes) everywhere, not only on the pages that changed."""
        errors = [p for p in problems if p.is_error]
        if self.serving and self.dirty and errors != self.shown_errors:
            for file in files:
                file.is_modified = lambda: True  # type: ignore[method-assign]
        self.shown_errors = errors

    def _report(self, problems: list[Problem]) -> None:
        for problem in problems:
            # Content warnings are advice for editors; as warnings they would fail `--strict`.
            log.log(logging.ERROR if problem.is_error else logging.INFO, problem.text())
        errors = [p for p in problems if p.is_error]
        if errors and not self.serving:
            raise PluginError(f"Casebook content has problems: {summary(problems)}. Fix them and build again.")

    @staticmethod
    def _edit_base(config: MkDocsConfig) -> str | None:
        if not config.repo_url or not config.edit_uri:
            return None
        docs = Path(config.docs_dir).resolve()
        project = Path(config.config_file_path).resolve().parent
        # edit_uri points at the docs folder; records live beside it under the project root.
        up = "../" * len(docs.relative_to(project).parts)
        return urljoin(urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri), up)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri in self.generated_pages:
            markdown, self.held_blocks[page.file.src_uri] = hold_html_blocks(markdown)
            # The page has its text now; the file's copy would stay in memory for the whole build.
            page.file.content_string = ""
            return markdown
        section = page.meta.get("casebook_section")
        if not section or self.renderer is None:
            return None
        return markdown.rstrip() + "\n\n" + self.renderer.section(str(section), page.file.src_uri)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        blocks = self.held_blocks.pop(page.file.src_uri, None)
        return restore_html_blocks(html, blocks) if blocks is not None else None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri in self.generated_pages:
            # MkDocs keeps every page's HTML until the build ends; nothing reads it once written.
            page.content = None
        return output

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.unmade.pop(page.file.src_uri, None) is not None and self.maker is not None:
            page.file.content_string = str(self.maker.content(page.file.src_uri))
        # Dates come from the content, so two builds of the same content are byte-identical.
        page.update_date = self._content_date(page)
        return page

    def _content_date(self, page: Page) -> str:
        catalogue = self.catalogue
        slug = (page.meta.get("casebook") or {}).get("slug") if isinstance(page.meta.get("casebook"), dict) else None
        if catalogue and slug in catalogue.by_slug:
            return catalogue.by_slug[slug].last_reviewed
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%d")
        return (catalogue and catalogue.last_reviewed) or "1970-01-01"

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        # Every page has been read; MkDocs copies the data files next. They wait in the spool
        # folder, not in memory beside every page's HTML (120 MB at 10,000 records).
        for path, file in self.unmade.items() if self.maker is not None else ():
            if file.abs_src_path is not None:
                self.maker.write(path, Path(file.abs_src_path))
        self.unmade = {}
        self._close_maker()
        problems = self.library.problems if self.library else []
        env.globals["casebook_problems"] = [p for p in problems if p.is_error] if self.serving else []
        return env

    # Material's search indexes page.content in on_page_context. Generated pages are handed to it
    # with the tags it ignores already unwrapped (the same index, a fraction of the parsing), and
    # get their full HTML back before the page is laid out.
    @event_priority(100)
    def _before_indexing(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                         nav: Any) -> dict[str, Any] | None:
        excluded = (page.meta.get("search") or {}).get("exclude")
        if page.file.src_uri in self.generated_pages and page.content and not excluded:
            self.full_html = page.content
            page.content = indexable_html(page.content)
        return context

    @event_priority(-100)
    def _after_indexing(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any] | None:
        if self.full_html is not None:
            page.content, self.full_html = self.full_html, None
        return context

    on_page_context = CombinedEvent(_before_indexing, _after_indexing)

    def on_build_error(self, *, error: Exception) -> None:
        self._close_maker()
        self._remove_spool()
        gc.unfreeze()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._remove_spool()
        # A process that builds again (MkDocs' Python API) gets its memory back.
        gc.unfreeze()

    def _spool(self) -> Path:
        if self.spool is None:
            self.spool = Path(tempfile.mkdtemp(prefix="casebook-data-"))
        return self.spool

    def _remove_spool(self) -> None:
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)
            self.spool = None

    def _close_maker(self) -> None:
        if self.maker is not None:
            self.maker.close()
            self.maker = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        root = self._root(config)
        server.watch(str(root / self.config.content_dir))
        server.watch(str(root / self.config.templates_dir))
        return server
