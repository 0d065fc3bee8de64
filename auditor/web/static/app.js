// audit serve: drag and drop (files and whole folders) and live filters. The page works
// without it: the form uploads chosen files, the filter form reloads the page.
"use strict";

(function () {
  const form = document.getElementById("upload");
  if (form) {
    const drop = document.getElementById("drop");
    const chosen = document.getElementById("chosen");
    const working = document.getElementById("working");
    const inputs = Array.from(form.querySelectorAll("input[type=file]"));
    inputs.forEach((i) => i.addEventListener("change", () => {
      const n = inputs.reduce((k, x) => k + x.files.length, 0);
      chosen.textContent = n ? n + " …" : "";
    }));
    form.addEventListener("submit", () => { working.hidden = false; });

    const readEntries = (reader) => new Promise((ok, ko) => reader.readEntries(ok, ko));
    async function walk(entry, prefix, out) {
      if (entry.isFile) {
        const file = await new Promise((ok, ko) => entry.file(ok, ko));
        out.push([prefix + file.name, file]);
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        for (;;) {
          const batch = await readEntries(reader);
          if (!batch.length) break;
          for (const e of batch) await walk(e, prefix + entry.name + "/", out);
        }
      }
    }
    ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => {
      e.preventDefault(); drop.classList.add("over");
    }));
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", async (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      const items = Array.from(e.dataTransfer.items || []);
      const files = [];
      const entries = items.map((it) => it.webkitGetAsEntry && it.webkitGetAsEntry()).filter(Boolean);
      if (entries.length) {
        for (const entry of entries) await walk(entry, "", files);
      } else {
        Array.from(e.dataTransfer.files).forEach((f) => files.push([f.name, f]));
      }
      if (!files.length) return;
      const data = new FormData();
      files.forEach(([name, f]) => data.append("files", f, name));
      working.hidden = false;
      const r = await fetch("/upload", { method: "POST", body: data });
      if (r.redirected) { window.location = r.url; return; }
      document.open(); document.write(await r.text()); document.close();
    });
  }

  const filters = document.getElementById("filters");
  if (filters) {
    filters.addEventListener("change", () => filters.submit());
    const button = filters.querySelector("button");
    if (button) button.hidden = true;
  }

  // a mark clicked: its finding is shown at the top of the findings pane
  document.addEventListener("click", (e) => {
    const a = e.target.closest("a.mk, sup.ref a, ul.notes a");
    if (!a) return;
    const id = a.getAttribute("href").slice(1);
    const target = document.getElementById(id);
    if (!target || !target.closest(".findings-pane")) return;
    e.preventDefault();
    document.querySelectorAll("article.finding.current").forEach((x) => x.classList.remove("current"));
    target.classList.add("current");
    target.scrollIntoView({ block: "start" });
    history.replaceState(null, "", "#" + id);
  });
})();
