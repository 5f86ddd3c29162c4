/* Pipeline board: move a project from a dialog without reloading the page.
   Without this script, the "Move" link opens the move form on its own page. */
(function () {
  "use strict";

  var board = document.querySelector("[data-pipeline-board]");
  var dialog = document.querySelector("[data-move-dialog]");
  if (!board || !dialog || typeof dialog.showModal !== "function" || !window.fetch) {
    return;
  }
  var form = dialog.querySelector("[data-move-form]");
  var select = form.elements.to_stage;
  var errors = dialog.querySelector("[data-errors]");
  var currentCard = null;

  function announce(text, type) {
    document.dispatchEvent(
      new CustomEvent("w-messages:add", { detail: { clear: true, text: text, type: type } })
    );
  }

  function column(stageId) {
    return board.querySelector('.pipeline-column[data-stage="' + stageId + '"]');
  }

  function addToCount(col, delta) {
    if (!col) return;
    var count = col.querySelector("[data-count]");
    count.textContent = String(parseInt(count.textContent, 10) + delta);
  }

  function showErrors(messages) {
    errors.textContent = "";
    messages.forEach(function (message) {
      var p = document.createElement("p");
      p.textContent = message;
      errors.appendChild(p);
    });
    errors.hidden = messages.length === 0;
  }

  function open(card, link) {
    currentCard = card;
    form.action = link.href;
    form.elements.expected_stage.value = card.dataset.stage;
    form.elements.comment.value = "";
    showErrors([]);
    dialog.querySelector("[data-project-name]").textContent = card.dataset.name;
    dialog.querySelector("[data-current-stage]").textContent =
      dialog.dataset.currentLabel + " " + card.dataset.stageName;
    var current = select.querySelector('option[value="' + card.dataset.stage + '"]');
    var position = current ? parseInt(current.dataset.position, 10) : 0;
    var next = Array.prototype.find.call(select.options, function (option) {
      return parseInt(option.dataset.position, 10) > position;
    });
    select.value = (next || current || select.options[0]).value;
    dialog.showModal();
    form.elements.comment.focus();
  }

  board.addEventListener("click", function (event) {
    var link = event.target.closest("[data-move]");
    if (!link) return;
    event.preventDefault();
    open(link.closest(".pipeline-card"), link);
  });

  dialog.querySelector("[data-close]").addEventListener("click", function () {
    dialog.close();
  });

  dialog.addEventListener("close", function () {
    if (currentCard && document.body.contains(currentCard)) {
      var button = currentCard.querySelector("[data-move]");
      if (button) button.focus();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!form.elements.comment.value.trim()) {
      showErrors([dialog.dataset.commentRequired]);
      form.elements.comment.focus();
      return;
    }
    var submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().catch(function () {
          return { ok: false, errors: { __all__: [response.statusText] } };
        });
      })
      .then(function (data) {
        if (!data.ok) {
          var messages = [];
          Object.keys(data.errors || {}).forEach(function (key) {
            messages = messages.concat(data.errors[key]);
          });
          showErrors(messages);
          return;
        }
        var oldColumn = currentCard.closest(".pipeline-column");
        var template = document.createElement("template");
        template.innerHTML = data.card.trim();
        var card = template.content.firstElementChild;
        var target = column(data.stage);
        currentCard.remove();
        addToCount(oldColumn, -1);
        var oldCards = oldColumn && oldColumn.querySelector("[data-cards]");
        if (oldCards && !oldCards.querySelector(".pipeline-card")) {
          var placeholder = document.createElement("p");
          placeholder.className = "pipeline-empty";
          placeholder.setAttribute("data-empty", "");
          placeholder.textContent = board.dataset.emptyText;
          oldCards.appendChild(placeholder);
        }
        if (target) {
          var cards = target.querySelector("[data-cards]");
          var empty = cards.querySelector("[data-empty]");
          if (empty) empty.remove();
          cards.insertBefore(card, cards.firstChild);
          addToCount(target, 1);
          card.classList.add("is-moved");
          currentCard = card;
        } else {
          currentCard = null;
        }
        dialog.close();
        announce(data.message, "success");
      })
      .catch(function () {
        showErrors([dialog.dataset.networkError || "Network error"]);
      })
      .finally(function () {
        submit.disabled = false;
      });
  });
})();
