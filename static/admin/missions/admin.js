// Every admin page: choosing the admin language submits the choice (an inline handler would
// be refused by the Content-Security-Policy).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const choice = document.getElementById("admin-language-choice");
  if (choice) choice.addEventListener("change", function () { choice.form.submit(); });
});
