"""What `mkdocs serve` must watch beyond what its own watcher sees."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from watchdog.events import FileSystemEvent, FileSystemEventHandler

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer


def rebuild_on_folder_changes(server: LiveReloadServer, folder: Path) -> None:
    """MkDocs' watcher polls with os.stat and ignores folder events, so a link that leads nowhere
    (invisible to stat) and a new folder ('foo.yaml/') never start a rebuild. Both change the
    records folder itself: this asks for a rebuild then, the way MkDocs' own watcher does."""

    def on_event(event: FileSystemEvent) -> None:
        if event.is_directory:
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = on_event  # type: ignore[method-assign]
    if folder.is_dir():
        server.observer.schedule(handler, str(folder), recursive=False)
