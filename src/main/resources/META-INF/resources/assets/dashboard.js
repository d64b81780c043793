// Draws the dashboard's charts from the numbers the page carries in data-chart attributes
// (the same numbers as the tables beside them, from the reporting API's queries).
(function () {
  "use strict";
  var palette = ["#0b57a4", "#b35900", "#116329", "#a40e26", "#5a3e9b"];
  function data(id) {
    return JSON.parse(document.getElementById(id).getAttribute("data-chart"));
  }
  // the series' names, in the page's language
  function series(id, name) {
    return document.getElementById(id).getAttribute(name || "data-series");
  }
  function draw(id, config) {
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    return new Chart(document.getElementById(id), config);
  }
  var status = data("chart-status");
  draw("chart-status", {
    type: "bar",
    data: { labels: status.labels, datasets: [{ label: series("chart-status"), data: status.values, backgroundColor: palette[0] }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  var days = data("chart-days");
  draw("chart-days", {
    type: "line",
    data: {
      labels: days.labels,
      datasets: [
        { label: series("chart-days"), data: days.signUps, borderColor: palette[0], backgroundColor: palette[0], tension: 0.2 },
        { label: series("chart-days", "data-series2"), data: days.activations, borderColor: palette[1], backgroundColor: palette[1], tension: 0.2, borderDash: [6, 3] }
      ]
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  var seats = data("chart-seats");
  draw("chart-seats", {
    type: "bar",
    data: { labels: seats.labels, datasets: [{ label: series("chart-seats"), data: seats.values, backgroundColor: palette[2] }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
}());
