// Progressive enhancement only: every feature works without this file.
document.addEventListener("click", (event) => {
  const more = event.target.closest("[data-more]");
  if (!more) return;
  more.closest(".facet").querySelectorAll(".extra").forEach((li) => { li.hidden = false; });
  more.remove();
});
