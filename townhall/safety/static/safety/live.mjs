// The live incident page without reloading: every few seconds the tables are
// fetched again from the server (already translated and formatted there) and
// swapped in; incidents that were not there before are read out through a
// polite live region. Without JavaScript the page's Refresh link does the same.
const root = document.getElementById("safety-live");
const announcer = document.getElementById("safety-live-announcer");
const status = document.getElementById("safety-live-status");

function references(node) {
  return new Set(Array.from(node.querySelectorAll("[data-reference]"), (row) => row.dataset.reference));
}

if (root && announcer && window.fetch) {
  const url = root.dataset.fragmentUrl;
  const interval = Number.parseInt(root.dataset.interval, 10) || 5000;
  let known = references(root);
  let busy = false;
  let timer = null;

  const stop = () => {
    window.clearInterval(timer);
    if (status) status.textContent = status.dataset.stopped;
  };

  const poll = async () => {
    if (busy || document.visibilityState === "hidden") return;
    busy = true;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
      // A redirect means the session ended (sign-in page): stop rather than
      // paste a sign-in form into the table.
      if (!response.ok || response.redirected) {
        stop();
        return;
      }
      const template = document.createElement("template");
      template.innerHTML = await response.text();
      const news = Array.from(template.content.querySelectorAll("[data-reference]"))
        .filter((row) => !known.has(row.dataset.reference))
        .map((row) => row.dataset.announce);
      root.replaceChildren(template.content);
      known = references(root);
      if (news.length) announcer.textContent = news.join(". ");
    } catch {
      // The network blinked: the next round tries again.
    } finally {
      busy = false;
    }
  };

  if (status) status.hidden = false;
  timer = window.setInterval(poll, interval);
}
