// Progressive enhancement only: every feature works without this file.
"use strict";

document.documentElement.classList.add("js");

// Folds: open on a wide screen, one line on a phone (the hits and the text come first).
// Without this script every fold stays open.
const FOLDS = [[".tools.fold", "(max-width: 720px)"], [".doc-info.fold", "(max-width: 860px)"]];
FOLDS.forEach(([selector, narrow]) => {
  const fold = document.querySelector(selector);
  if (!fold) return;
  const query = window.matchMedia(narrow);
  const apply = () => { fold.open = !query.matches; };
  apply();
  query.addEventListener("change", apply);
});
// Printing shows every fold (the document's header data above its text).
let foldedBeforePrint = [];
window.addEventListener("beforeprint", () => {
  foldedBeforePrint = Array.from(document.querySelectorAll("details.fold:not([open])"));
  foldedBeforePrint.forEach((d) => { d.open = true; });
});
window.addEventListener("afterprint", () => {
  foldedBeforePrint.forEach((d) => { d.open = false; });
  foldedBeforePrint = [];
});

// A tap (or click) on a restored word shows its OCR form beside it; another hides it.
document.addEventListener("click", (event) => {
  const word = event.target.closest("pre.reading .restored[data-ocr]");
  if (!word || event.target.closest("a, mark[id]:focus")) return;
  if (String(window.getSelection()).length) return;  // selecting text, not asking
  word.classList.toggle("open");
});

// "Xem thêm": show the rest of a long facet.
document.addEventListener("click", (event) => {
  const more = event.target.closest("[data-more]");
  if (!more) return;
  const facet = more.closest(".facet");
  facet.querySelectorAll(".extra").forEach((el) => { el.hidden = false; });
  more.remove();
  const first = facet.querySelector(".extra a");
  if (first) first.focus();
});

// Changing the sort order applies it at once (the "Áp dụng" button does without JS).
document.querySelectorAll("[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

// Autocomplete: the ARIA 1.2 combobox pattern with a listbox popup.
function setupSuggest(input) {
  const list = document.getElementById(input.getAttribute("aria-controls"));
  if (!list) return;
  let items = [];
  let active = -1;
  let timer = null;
  let seq = 0;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function highlight(i) {
    items.forEach((li, j) => li.setAttribute("aria-selected", j === i ? "true" : "false"));
    active = i;
    if (i >= 0) input.setAttribute("aria-activedescendant", items[i].id);
    else input.removeAttribute("aria-activedescendant");
  }
  function choose(i) {
    input.value = items[i].dataset.value;
    close();
    input.form.submit();
  }
  function show(suggestions) {
    close();
    suggestions.forEach((s, i) => {
      const li = document.createElement("li");
      li.id = `${list.id}-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.value = s.value;
      li.className = `opt opt-${s.kind}`;
      li.textContent = s.value;
      if (s.kind === "number") {
        const tag = document.createElement("span");
        tag.className = "kind";
        tag.textContent = " số ký hiệu";
        li.append(tag);
      }
      li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
      list.append(li);
      items.push(li);
    });
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }
  async function fetchSuggestions() {
    const mine = ++seq;
    const q = input.value;
    if (!q.trim()) { close(); return; }
    try {
      const resp = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`);
      const data = await resp.json();
      if (mine === seq && input.value === q) show(data.suggestions || []);
    } catch (err) {
      close();
    }
  }
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 120);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && items.length) {
      e.preventDefault();
      highlight((active + 1) % items.length);
    } else if (e.key === "ArrowUp" && items.length) {
      e.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}
document.querySelectorAll("input[data-suggest]").forEach(setupSuggest);

// Document page: next/previous hit, by the links or the n / p keys.
const hitnav = document.querySelector(".hitnav");
if (hitnav) {
  const marks = Array.from(document.querySelectorAll("pre.text mark[id]"));
  const position = hitnav.querySelector(".position");
  const prev = hitnav.querySelector(".prev");
  const next = hitnav.querySelector(".next");
  let current = -1;

  function go(i) {
    // Past the first or last match of this section: the nearest section with matches.
    if (i >= marks.length && current === marks.length - 1 && hitnav.dataset.nextPart) {
      location.href = hitnav.dataset.nextPart;
      return;
    }
    if (i < 0 && current === 0 && hitnav.dataset.prevPart) {
      location.href = hitnav.dataset.prevPart;
      return;
    }
    if (!marks.length) return;
    if (current >= 0) marks[current].classList.remove("current");
    current = (i + marks.length) % marks.length;
    const mark = marks[current];
    mark.classList.add("current");
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    history.replaceState(null, "", `#${mark.id}`);
    position.textContent = `Chỗ khớp ${current + 1} / ${marks.length}`;
    prev.href = `#${marks[(current - 1 + marks.length) % marks.length].id}`;
    next.href = `#${marks[(current + 1) % marks.length].id}`;
  }
  hitnav.addEventListener("click", (e) => {
    const link = e.target.closest("[data-step]");
    if (!link) return;
    e.preventDefault();
    go(current + Number(link.dataset.step));
  });
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest("input, select, textarea")) return;
    if (e.key === "n") go(current + 1);
    else if (e.key === "p") go(current - 1);
  });
  const fromHash = location.hash === "#hit-end" ? marks.length - 1 : marks.findIndex((m) => `#${m.id}` === location.hash);
  if (fromHash >= 0) go(fromHash);
}
