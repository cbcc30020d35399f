// Live countdowns and the filter bar's instant search for `countdown serve`.
// The page works without this file: the server renders every count in words.
"use strict";

(function () {
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function targetOf(el) {
    if (el.dataset.day) {
      // A day's release counts to local midnight in the browser's time zone.
      var p = el.dataset.day.split("-");
      return new Date(+p[0], +p[1] - 1, +p[2], 0, 0, 0);
    }
    if (el.dataset.time) {
      var t = new Date(el.dataset.time);
      return isNaN(t.getTime()) ? null : t;
    }
    return null;
  }

  function words(ms, isDay) {
    if (ms <= 0) {
      if (isDay && ms > -86400000) return "out today";
      return null; // released: keep the server's words
    }
    var s = Math.floor(ms / 1000);
    var days = Math.floor(s / 86400);
    s -= days * 86400;
    var h = Math.floor(s / 3600);
    s -= h * 3600;
    var m = Math.floor(s / 60);
    s -= m * 60;
    return (days ? days + (days === 1 ? " day " : " days ") : "") + pad(h) + ":" + pad(m) + ":" + pad(s);
  }

  var clocks = [];

  function tick() {
    var now = Date.now();
    clocks.forEach(function (c) {
      var text = words(c.target.getTime() - now, !!c.el.dataset.day);
      if (text !== null && c.el.textContent !== text) {
        c.el.textContent = text;
        c.el.classList.add("live");
      }
    });
  }

  function filterCards(input) {
    var wanted = input.value.trim().toLowerCase();
    var cards = document.querySelectorAll("#cards .card");
    var shown = 0;
    cards.forEach(function (card) {
      var hit = !wanted || (card.dataset.search || "").indexOf(wanted) !== -1;
      card.hidden = !hit;
      if (hit) shown += 1;
    });
    var count = document.getElementById("count");
    if (count) count.textContent = shown + " shown" + (wanted ? " matching \u201c" + input.value.trim() + "\u201d" : "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-day], [data-time]").forEach(function (el) {
      var target = targetOf(el);
      if (target) {
        el.title = el.textContent;
        clocks.push({ el: el, target: target });
      }
    });
    if (clocks.length) {
      tick();
      window.setInterval(tick, 1000);
    }
    var search = document.getElementById("search");
    if (search) {
      search.addEventListener("input", function () {
        filterCards(search);
      });
    }
  });
})();
