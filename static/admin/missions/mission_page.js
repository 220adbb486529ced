// The mission page: which language's text fields show, the error summary's links, and the
// round choices of the election chosen (also before the mission is first saved).
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
    // A folded text in a row's cell: its error sits beside the fold, not in it.
    const cell = element.closest("td");
    for (const fold of cell ? cell.querySelectorAll("details.folded-text") : []) fold.open = true;
    if (hiddenByLanguage(element)) show("both");
  }

  function target(link) {
    return document.getElementById(decodeURIComponent(link.hash.slice(1)));
  }

  function chosenElections() {
    const query = new URLSearchParams();
    const main = document.getElementById("id_election");
    if (main && main.value) query.append("election", main.value);
    const also = document.getElementById("id_also_observed");
    for (const option of also ? also.selectedOptions : []) query.append("also_observed", option.value);
    return query;
  }

  // A round (one, with an empty choice) or a document's rounds (several, without one).
  function offerRounds(select, rounds, none) {
    const chosen = new Set([...select.selectedOptions].map((option) => option.value));
    const options = rounds.map((round) => new Option(round.text, round.id));
    if (!select.multiple) options.unshift(new Option(rounds.length ? "---------" : none, ""));
    else if (!rounds.length) options.push(Object.assign(new Option(none, ""), {disabled: true}));
    select.replaceChildren(...options);
    for (const option of select.options) option.selected = option.value !== "" && chosen.has(option.value);
  }

  // Every round choice on the page, the empty rows new rows are copied from included.
  async function refreshRounds() {
    const source = document.getElementById("mission-rounds");
    if (!source) return;
    const query = chosenElections();
    if (query.toString() === form().dataset.roundsFor) return; // the choices shown are theirs
    form().dataset.roundsFor = query.toString();
    let rounds = [];
    if (query.size) {
      const response = await fetch(`${source.dataset.url}?${query}`, {credentials: "same-origin"});
      if (response.ok) rounds = (await response.json()).rounds;
      if (form().dataset.roundsFor !== query.toString()) return; // chosen again meanwhile
    }
    for (const select of form().querySelectorAll('select[name$="-round"], select[name$="-rounds"]')) {
      offerRounds(select, rounds, source.dataset.none);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!form()) return;
    // Select2 tells of a choice through jQuery's events only.
    django.jQuery(form()).on("change", "#id_election, #id_also_observed", refreshRounds);
    // The page comes with the rounds of the elections it shows, if any.
    if (chosenElections().size) form().dataset.roundsFor = chosenElections().toString();
    else refreshRounds();
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
