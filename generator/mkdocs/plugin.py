"""The `casebook` MkDocs plugin: thin glue between MkDocs and the core.

Per build it loads and validates the library once, adds the generated pages and data files as
virtual files (`GeneratedFiles` makes them and holds everything that lives between hooks),
appends generated sections to hand-written pages that ask for them. Under `mkdocs serve` it
keeps going whatever the content's problems: it gives templates the problems for the banner and
the renderer a `Preview` (each broken record's page of problems); a build stops on any error.
"""

from __future__ import annotations

import gettext
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from ..catalogue import Catalogue
from ..content.problems import Problem, summary
from ..content.validate import Library, RecordCache, validate_library
from ..i18n.catalogues import every_language
from ..i18n.environment import install
from ..i18n.formats import Formats
from ..i18n.languages import SOURCE, TRANSLATED, Language
from ..i18n.sites import MARKDOWN_IN_HTML, languages_extra, pages_dir_in, site_url_in
from ..render import (
    PageRenderer,
    Preview,
    RenderOptions,
    build_date_from_environment,
    hand_written_pages,
    render_site,
    site_address,
    urls,
)
from ..render.dates import site_date
from ..render.theme_text import theme_extra
from ..render.urls import edit_base
from ..settings import Settings
from .generated import GeneratedFiles, in_disk_order
from .languages import build_language, translate_nav, with_translated_pages
from .watch import rebuild_on_folder_changes

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

PREVIEW_CACHE = Path(".cache") / "casebook-preview"
_DEFAULTS = Settings()


class CasebookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    content_dir = c.Type(str, default=_DEFAULTS.content_dir)
    templates_dir = c.Type(str, default=_DEFAULTS.templates_dir)
    locale_dir = c.Type(str, default=_DEFAULTS.locale_dir)
    render_ahead = c.Type(bool, default=_DEFAULTS.render_ahead)
    parallel_checks = c.Type(bool, default=_DEFAULTS.parallel_checks)
    proposals_to = c.Type(str, default=_DEFAULTS.proposals_to)
    proposals_reply_within = c.Type(str, default=_DEFAULTS.proposals_reply_within)
    other_languages = c.Type(bool, default=_DEFAULTS.other_languages)


class CasebookPlugin(BasePlugin[CasebookConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        # Kept across `mkdocs serve` rebuilds (MkDocs keeps a plugin with on_startup alive).
        self.record_cache = RecordCache()
        self.shown_problems: list[Problem] = []
        self.problems: list[Problem] = []
        self.renderer: PageRenderer | None = None
        self.generated = GeneratedFiles.none()
        self.site_date = "1970-01-01"
        self.settings = _DEFAULTS
        self.command: Literal["build", "gh-deploy", "serve"] = "build"
        # The language this build makes: the source language's build sets it for each other one.
        self.language = SOURCE
        self.translations: dict[Language, gettext.NullTranslations] = {}
        # The source language's build holds its library until the other languages' are built.
        self.library: Library | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        try:
            self.settings = Settings.from_options(dict(self.config))
        except ValueError as error:
            raise PluginError(f"{config.config_file_path}: {error}") from None
        if not self.config.enabled:
            return config
        self.translations = self._translations(config)
        source_url = config.site_url or ""
        if self.language != SOURCE:
            # Material writes its interface in the theme's language: one build per language.
            config.theme["language"] = self.language.code
            # One 404 page serves the whole site, in every language: the source language's build's.
            config.theme.static_templates.discard("404.html")
            if MARKDOWN_IN_HTML not in config.markdown_extensions:
                config.markdown_extensions.append(MARKDOWN_IN_HTML)
            config.site_url = site_url_in(source_url, self.language) if source_url else source_url
        config.extra.update(languages_extra(source_url, self.language))
        if not config.repo_url:
            # Edit links need a repository; without one MkDocs warns on every page.
            config.edit_uri = None
        config.extra.update(urls.search_extra(urls.Linker(config.use_directory_urls)))
        config.extra.update(theme_extra(self.translations[self.language], self.language))
        return config

    def _translations(self, config: MkDocsConfig) -> dict[Language, gettext.NullTranslations]:
        """Every language's messages: the build's own for its pages, the others for what a
        page says in every language (the 404 page). A catalogue that cannot be used stops the
        build of its own language, and leaves the source language's text in the others."""
        found, problems = every_language(self._root(config) / self.settings.locale_dir, self.settings.locale_dir)
        if found[self.language] is None:
            self._report(problems)
            raise PluginError(f"The {self.language.name} catalogue cannot be used: {summary(problems)}.")
        return {each: translations or gettext.NullTranslations() for each, translations in found.items()}

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.generated.close()
        self.generated, self.renderer = GeneratedFiles.none(), None
        root = self._root(config)
        # Another language's build is given the library its source language's build just read.
        library = self.library if self.language != SOURCE and self.library is not None else validate_library(
            root, cache=self.record_cache if self.serving else None, content_dir=self.config.content_dir,
            parallel=self.config.parallel_checks)
        self.library = library if self.language == SOURCE else None
        if self.language == SOURCE:
            # The other languages' builds read the same content: its problems are told once.
            self._report(library.problems)
        self.problems = library.problems
        self.site_date = site_date(None)
        if library.taxonomy is not None and library.schema is not None:
            catalogue = Catalogue.published(library.taxonomy, library.records, include_drafts=self.serving)
            self.site_date = site_date(catalogue.last_reviewed)
            try:
                site_url = site_address(config.site_url)
            except ValueError as error:
                raise PluginError(f"{config.config_file_path}: site_url: {error} (feeds and data files name "
                                  "absolute addresses)") from None
            options = RenderOptions(directory_urls=config.use_directory_urls, edit_base=self._edit_base(config),
                                    repo_url=config.repo_url, include_drafts=self.serving, site_url=site_url,
                                    site_name=config.site_name, build_date=build_date_from_environment(os.environ),
                                    proposals_to=self.settings.proposals_to,
                                    proposals_reply_within=self.settings.proposals_reply_within,
                                    language=self.language)
            self.renderer = PageRenderer(catalogue, root / self.config.templates_dir, options, library.schema,
                                         Preview.of(library) if self.serving else None,
                                         self.translations[self.language])
            outputs = render_site(self.renderer, hand_written_pages(Path(config.docs_dir), self.language))
            self.generated = GeneratedFiles(
                outputs, ahead=self.config.render_ahead and not self.serving,
                preview_cache=root / PREVIEW_CACHE / self.language.code if self.serving and self.dirty else None)
            self.generated.add_to(files, config, root)
            if self.language != SOURCE:
                files = with_translated_pages(files, config, self.language, set(self.generated.pages))
            files = in_disk_order(files)
        self._refresh_banner(files)
        return files

    def _refresh_banner(self, files: Files) -> None:
        """Under `serve --dirty`, re-render every page when the list of problems changes, so the
        banner appears (and goes) everywhere, not only on the pages that changed."""
        if self.serving and self.dirty and self.problems != self.shown_problems:
            for file in files:
                file.is_modified = lambda: True  # type: ignore[method-assign]
        self.shown_problems = self.problems

    def _report(self, problems: list[Problem]) -> None:
        for problem in problems:
            # Content warnings are advice for editors; as warnings they would fail `--strict`.
            log.log(logging.ERROR if problem.is_error else logging.INFO, problem.text())
        if any(p.is_error for p in problems) and not self.serving:
            raise PluginError(f"Casebook content has problems: {summary(problems)}. Fix them and build again.")

    @staticmethod
    def _edit_base(config: MkDocsConfig) -> str | None:
        docs = Path(config.docs_dir).resolve().relative_to(Path(config.config_file_path).resolve().parent)
        return edit_base(config.repo_url, config.edit_uri, docs.as_posix())

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.config.enabled and self.language != SOURCE:
            translate_nav(nav, self.translations[self.language].gettext)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        self.generated.fill(page)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        # A record's page is as new as its review; the renderer writes that date in its front matter.
        meta = page.meta.get("casebook")
        page.update_date = str(meta.get("updated", self.site_date)) if isinstance(meta, dict) else self.site_date
        held = self.generated.hold(page, markdown)
        if held is not None:
            return held
        section = page.meta.get("casebook_section")
        if not section or self.renderer is None:
            return None
        return markdown.rstrip() + "\n\n" + self.renderer.section(str(section), page.file.src_uri)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.generated.restore(page, html)

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        self.generated.bring_back(page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        self.generated.written(page)
        return output

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        self.generated.write_data_files()
        env.globals["casebook_problems"] = self.problems if self.serving else []
        env.globals["casebook_paths"] = urls
        if self.config.enabled:
            translations = self.translations[self.language]
            install(env, Formats(self.language, translations), translations)
            # A page that speaks every language (the 404 page) asks for each one's messages.
            env.globals["casebook_gettext"] = {each.code: found.gettext for each, found in self.translations.items()}
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self.generated.close()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.generated.close()
        if self.config.enabled and self.language == SOURCE and self.settings.other_languages:
            library = self.library
            for other in TRANSLATED:
                build_language(config, other, library, command=self.command, dirty=self.dirty)
        self.library = None

    def on_shutdown(self) -> None:
        self.generated.close()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if not self.config.enabled:
            return server
        root = self._root(config)
        server.watch(str(root / self.config.content_dir))
        server.watch(str(root / self.config.templates_dir))
        rebuild_on_folder_changes(server, root / self.config.content_dir / "case-studies")
        if self.settings.other_languages:
            # The other languages' hand-written pages, which their builds read.
            docs = Path(config.docs_dir)
            for other in TRANSLATED:
                if Path(pages_dir_in(str(docs), other)).is_dir():
                    server.watch(pages_dir_in(str(docs), other))
        return server
