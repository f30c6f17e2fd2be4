// The SKU view (GET /api/skus/{sku}): daily sales, on hand, the forecast's p50–p90 band and today's
// policy lines, all in units on ONE axis — a second axis would let the reorder point (units) look like
// a demand rate. Refreshed every REFRESH_MS in place (no page reload, no chart rebuild).
'use strict';
let skuChart = null;
let shown = null;          // { sku, locationId } on screen
let skuRequest = 0;
// On hand at each day the page has seen (asOf → units), added to the API's end-of-day history
// (history.onHand, which ends the day before the SKU's last event) so today's figure shows too.
const onHandSeen = new Map();

const POLICY_LINES = [
  ['reorderPoint', 'reorder point s', '#b3261e', [2, 3]],
  ['orderUpTo', 'order-up-to S', '#1b5e20', [8, 4]],
  ['overstockLimit', 'overstock limit', '#8a6d00', [12, 4, 2, 4]],
];

function skuDatasets(loc, labels) {
  const at = (dates, values) => labels.map(day => { const i = dates.indexOf(day); return i < 0 ? null : values[i]; });
  const history = days(loc.history.startDay, loc.history.unitsSold.length);
  const f = loc.forecast;
  const forecastDays = f ? days(f.firstDay, f.mean.length) : [];
  const sets = [{ label: 'units sold per day', data: at(history, loc.history.unitsSold), borderColor: '#1d2330',
    backgroundColor: '#1d2330', pointRadius: 0, borderWidth: 1.5 }];
  if (f) {
    sets.push({ label: 'forecast p50 per day', data: at(forecastDays, f.p50 || f.mean), borderColor: '#1565c0',
      pointRadius: 0 });
    if (f.p90) {
      sets.push({ label: 'forecast p90 per day (p50–p90 band)', data: at(forecastDays, f.p90), borderColor: '#5b8fd6',
        backgroundColor: 'rgba(91,143,214,.25)', fill: '-1', pointRadius: 0 });
    }
  }
  const onHand = new Map(loc.history.onHandStartDay
    ? days(loc.history.onHandStartDay, loc.history.onHand.length).map((day, i) => [day, loc.history.onHand[i]]) : []);
  (onHandSeen.get(key(loc)) || new Map()).forEach((units, day) => onHand.set(day, units));
  sets.push({ label: 'on hand at day end', data: labels.map(day => onHand.has(day) ? onHand.get(day) : null),
    borderColor: '#2e7d32', backgroundColor: '#2e7d32', pointRadius: 3, spanGaps: true, stepped: 'before' });
  // Today's plan applies from its day on: drawn over the forecast horizon, not back over the history.
  const from = loc.asOf || (f && f.firstDay);
  for (const [field, label, color, dash] of POLICY_LINES) {
    if (loc[field] === null || loc[field] === undefined) continue;
    sets.push({ label, data: labels.map(day => from && day >= from ? loc[field] : null), borderColor: color,
      borderDash: dash, pointRadius: 0, borderWidth: 1.5 });
  }
  return sets;
}

const key = loc => shown.sku + '@' + loc.locationId;

function drawSku(loc) {
  const history = days(loc.history.startDay, loc.history.unitsSold.length);
  const f = loc.forecast;
  const labels = [...new Set([...history, ...(f ? days(f.firstDay, f.mean.length) : [])])].sort();
  if (loc.asOf) {
    if (!onHandSeen.has(key(loc))) onHandSeen.set(key(loc), new Map());
    onHandSeen.get(key(loc)).set(loc.asOf, loc.onHand);
  }
  const data = { labels, datasets: skuDatasets(loc, labels) };
  if (skuChart) {
    skuChart.data = data;
    skuChart.update('none');
    return;
  }
  skuChart = new Chart(document.getElementById('chart'), {
    type: 'line', data,
    options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
      scales: { y: { title: { display: true, text: 'units' }, beginAtZero: true },
        x: { ticks: { maxTicksLimit: 12 } } },
      plugins: { legend: { labels: { boxWidth: 18 } } } },
  });
}

function describe(loc) {
  const f = loc.forecast;
  const n = v => v === null || v === undefined ? '–' : v.toFixed(1);
  document.getElementById('figures').textContent =
    `on hand ${loc.onHand}, on order ${loc.onOrder}, position ${loc.position}, reorder point ` +
    `${n(loc.reorderPoint)}, order-up-to ${n(loc.orderUpTo)}, overstock limit ${n(loc.overstockLimit)}, safety stock ` +
    `${n(loc.safetyStock)}, days of cover ${n(loc.daysOfCover)}, class ${classOf(loc)} ` +
    `(service level ${loc.serviceLevel}), open alerts ${loc.openAlerts.length}` +
    (f ? `, forecast ${f.model} ${f.version}` : '') + (loc.asOf ? `, as of ${loc.asOf}` : '');
}

async function refreshSku() {
  if (!shown) return;
  const request = ++skuRequest;
  const { sku } = shown;
  const title = document.getElementById('chart-title');
  const status = document.getElementById('sku-status');
  try {
    const response = await fetch('/api/skus/' + encodeURIComponent(sku), { headers });
    const body = await response.json();
    if (request !== skuRequest) return; // a newer request (another SKU) answers instead
    if (!response.ok) {
      status.textContent = `${sku}: ${body.error} (${response.status})`;
      status.dataset.state = 'error';
      return;
    }
    const loc = body.locations.find(l => l.locationId === shown.locationId) || body.locations[0];
    const picker = document.getElementById('sku-location');
    picker.replaceChildren(...body.locations.map(l => {
      const option = text('option', l.locationId);
      option.value = l.locationId;
      option.selected = l === loc;
      return option;
    }));
    drawSku(loc);
    describe(loc);
    title.textContent = `${sku} @ ${loc.locationId} · class ${classOf(loc)}`;
    title.dataset.sku = sku;
    status.textContent = `updated ${new Date().toLocaleTimeString('en-GB')} (every ${REFRESH_MS / 1000} s)`;
    status.dataset.state = 'live';
  } catch (e) {
    if (request === skuRequest) {
      status.textContent = 'SKU view unavailable: ' + e.message;
      status.dataset.state = 'error';
    }
  }
}

function showSku(sku, locationId) {
  if (!sku) return;
  shown = { sku, locationId: locationId || null };
  document.getElementById('sku-input').value = sku;
  refreshSku();
}

document.getElementById('sku-form').onsubmit = event => {
  event.preventDefault();
  location.hash = skuHref(document.getElementById('sku-input').value.trim());
};
document.getElementById('sku-location').onchange = event => {
  if (shown) location.hash = skuHref(shown.sku, event.target.value);
};
setInterval(refreshSku, REFRESH_MS);
