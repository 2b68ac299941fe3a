// Material requests the whole search index as soon as any page loads: at 10,000 case studies that
// is about 6 MB (compressed) that every reader pays for, whether they search or not. Material has
// no setting for this, so that one request is held back until the reader reaches for the search
// box, or arrives with a search (?q=) or a highlight (?h=) in the address. Material makes the
// request with XMLHttpRequest; this runs in the page head, before Material's bundle.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const held = new WeakSet();
  let release;
  const wanted = new Promise((resolve) => { release = resolve; });

  const params = new URLSearchParams(window.location.search);
  if (params.has("q") || params.has("h")) release();
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) release();
  }, true);

  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (INDEX.test(new URL(url, window.location.href).pathname)) held.add(this);
    else held.delete(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!held.has(this)) return send.apply(this, body);
    // Material may abort the request before it is released (the reader leaves the page).
    wanted.then(() => { if (this.readyState === XMLHttpRequest.OPENED) send.apply(this, body); });
  };
})();
