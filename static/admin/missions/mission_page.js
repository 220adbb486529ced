// The mission page: which language's text fields show, and the error summary's links.
"use strict";
(function () {
  const KEY = "missions.showLanguage";

  function form() {
    return document.getElementById("mission_form");
  }

  function show(language) {
    form().dataset.showLanguage = language;
    for (const radio of document.querySelectorAll("input[name=_show_language]")) {
      radio.checked = radio.value === language;
    }
  }

  function hiddenByLanguage(element) {
    return element && element.closest("[data-show-language]") && !element.checkVisibility();
  }

  function reveal(element) {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (parent.tagName === "DETAILS") parent.open = true;
    }
    if (hiddenByLanguage(element)) show("both");
  }

  function target(link) {
    return document.getElementById(decodeURIComponent(link.hash.slice(1)));
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!form()) return;
    const chosen = document.querySelector("input[name=_show_language]:checked");
    show(window.localStorage.getItem(KEY) || (chosen ? chosen.value : "both"));
    document.getElementById("language-switch").addEventListener("change", function (event) {
      window.localStorage.setItem(KEY, event.target.value);
      show(event.target.value);
    });
    // Open every fold that holds an error, and show both languages if one is hidden.
    for (const error of form().querySelectorAll(".errorlist")) reveal(error);
    const summary = document.getElementById("error-summary");
    if (!summary) return;
    summary.addEventListener("click", function (event) {
      const link = event.target.closest("a");
      const element = link && target(link);
      if (!element) return;
      event.preventDefault();
      reveal(element);
      element.scrollIntoView({block: "center"});
      element.focus({preventScroll: true});
    });
    summary.focus();
  });
})();
