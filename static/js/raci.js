/* The RACI matrix by keyboard: arrow keys move between cells, R, A, C or I sets the role,
   Delete, Backspace or Space clears it. A change fires the cell's `change` event, which htmx
   posts (hx-post on the select, only that cell's field); the answer updates the row's check,
   the columns' flags and the live status out of band, so the cells and the focus stay put.
   The cells' requests are queued on the table (hx-sync), so fast typing arrives in order.
   One cell at a time is in the tab order (a roving tabindex); without this script every cell
   is a plain select and each row has its own Save button. */
(function () {
  "use strict";

  var table = document.getElementById("raci-table");
  if (!table || table.dataset.editable !== "true") {
    return;
  }
  var ROLES = { r: "R", a: "A", c: "C", i: "I" };
  var CLEAR = { Delete: true, Backspace: true, " ": true, Spacebar: true };
  var MOVES = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };

  function cells() {
    return Array.prototype.slice.call(table.querySelectorAll("select.raci-cell"));
  }

  function position(select) {
    var td = select.closest("td");
    var tr = td.parentElement;
    return { row: tr.sectionRowIndex, col: td.cellIndex };
  }

  function cellAt(row, col) {
    var tr = table.tBodies[0].rows[row];
    if (!tr || !tr.cells[col]) {
      return null;
    }
    return tr.cells[col].querySelector("select.raci-cell");
  }

  function makeCurrent(select) {
    cells().forEach(function (other) {
      other.tabIndex = other === select ? 0 : -1;
    });
  }

  function label(select) {
    var option = select.options[select.selectedIndex];
    select.setAttribute("aria-label", select.dataset.base + ": " + option.dataset.label);
  }

  function set(select, role) {
    if (select.value === role) {
      return;
    }
    select.value = role;
    label(select);
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  table.addEventListener("keydown", function (event) {
    var select = event.target;
    if (!select.classList || !select.classList.contains("raci-cell")) {
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      var here = position(select);
      var next = cellAt(here.row + move[0], here.col + move[1]);
      if (next) {
        makeCurrent(next);
        next.focus();
      }
      return;
    }
    var role = ROLES[event.key.toLowerCase()];
    if (role) {
      event.preventDefault();
      set(select, role);
      return;
    }
    if (CLEAR[event.key]) {
      event.preventDefault();
      set(select, "");
    }
  });

  table.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("raci-cell")) {
      makeCurrent(event.target);
    }
  });

  // A choice made with the mouse (or the select's own list) is posted the same way.
  table.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("raci-cell")) {
      label(event.target);
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var select = event.detail.elt;
    if (!select.classList || !select.classList.contains("raci-cell")) {
      return;
    }
    if (event.detail.successful) {
      select.dataset.saved = select.value;
      return;
    }
    // Refused or not reached: show the saved role again and say why.
    select.value = select.dataset.saved || "";
    label(select);
    var status = document.getElementById("raci-status");
    var xhr = event.detail.xhr;
    if (status) {
      status.textContent =
        (table.dataset.notSaved || "Not saved.") +
        (xhr && xhr.status === 400 && xhr.responseText ? " " + xhr.responseText : "");
    }
  });

  // The script saves each change at once: the rows' Save buttons are for pages without it.
  table.querySelectorAll(".raci-save-col").forEach(function (cell) {
    cell.hidden = true;
  });
  var all = cells();
  if (all.length) {
    makeCurrent(all[0]);
  }
})();
