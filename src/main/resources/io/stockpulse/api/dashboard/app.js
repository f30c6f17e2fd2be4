// StockPulse dashboard: the live alert feed (server-sent events), the open alerts ranked by risk,
// one SKU's sales history with its forecast band, stock on hand and reorder point, and the latest
// daily inventory report. Open it with #token=<http.auth.token> when the API requires a token.
'use strict';
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const headers = token ? { Authorization: 'Bearer ' + token } : {};
const RISK = { OUT_OF_STOCK: 0, PROJECTED: 1 };
let chart = null;

function text(tag, content, cls) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (cls) el.className = cls;
  return el;
}

// "AX" from abcClass + xyzClass; '–' before the SKU's first classification.
function classOf(a) {
  return a.abcClass ? a.abcClass + (a.xyzClass || '') : '–';
}

function connectFeed() {
  const url = '/api/alerts/stream' + (token ? '?access_token=' + encodeURIComponent(token) : '');
  const source = new EventSource(url);
  const status = document.getElementById('feed-status');
  source.onopen = () => { status.textContent = 'live'; status.dataset.state = 'connected'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; status.dataset.state = 'down'; };
  source.addEventListener('alert', event => {
    const a = JSON.parse(event.data);
    const what = a.kind === 'stockout' ? 'stockout ' + (a.severity || '') : a.kind.replace('_', ' ');
    const li = text('li', `${(a.at || '').slice(0, 10)} ${a.sku}@${a.locationId} [${classOf(a)}] ${what} ${a.state}`,
      a.kind);
    li.dataset.sku = a.sku;
    li.onclick = () => showSku(a.sku);
    const feed = document.getElementById('feed');
    feed.prepend(li);
    while (feed.children.length > 200) feed.lastChild.remove();
  });
}

async function refreshRisk() {
  try {
    const response = await fetch('/api/alerts?state=open', { headers });
    if (!response.ok) return;
    const body = await response.json();
    const rank = a => a.kind === 'stockout' ? RISK[a.severity] ?? 1 : a.kind === 'reorder_trigger' ? 2 : 3;
    const rows = body.alerts.sort((x, y) => rank(x) - rank(y) || x.onHand - y.onHand).slice(0, 15);
    const tbody = document.getElementById('risk');
    tbody.replaceChildren(...rows.map(a => {
      const tr = document.createElement('tr');
      tr.className = 'sku';
      tr.dataset.sku = a.sku;
      tr.append(text('td', a.sku), text('td', a.locationId), text('td', classOf(a), 'class'),
        text('td', a.kind === 'stockout' ? a.severity : a.kind, a.kind), text('td', a.onHand));
      tr.onclick = () => showSku(a.sku);
      return tr;
    }));
  } catch (e) { /* the next refresh tries again */ }
}

function days(start, count) {
  const out = [];
  const d = new Date(start + 'T00:00:00Z');
  for (let i = 0; i < count; i++) {
    out.push(new Date(d.getTime() + i * 86400000).toISOString().slice(0, 10));
  }
  return out;
}

async function showSku(sku) {
  const title = document.getElementById('chart-title');
  const response = await fetch('/api/skus/' + encodeURIComponent(sku), { headers });
  const body = await response.json();
  if (!response.ok) { title.textContent = `${sku}: ${body.error}`; return; }
  const loc = body.locations[0];
  const history = days(loc.history.startDay, loc.history.unitsSold.length);
  const f = loc.forecast;
  const forecastDays = f ? days(f.firstDay, f.mean.length) : [];
  const labels = [...new Set([...history, ...forecastDays])].sort();
  const at = (dates, values) => labels.map(day => { const i = dates.indexOf(day); return i < 0 ? null : values[i]; });
  const flat = value => labels.map(() => value);
  const datasets = [
    { label: 'units sold', data: at(history, loc.history.unitsSold), borderColor: '#1d2330', pointRadius: 0 },
  ];
  if (f) {
    datasets.push({ label: 'forecast p50', data: at(forecastDays, f.p50 || f.mean), borderColor: '#1565c0', pointRadius: 0 });
    if (f.p90) {
      datasets.push({ label: 'forecast p90', data: at(forecastDays, f.p90), borderColor: '#90caf9',
        backgroundColor: 'rgba(144,202,249,.35)', fill: '-1', pointRadius: 0 });
    }
  }
  datasets.push({ label: 'on hand', data: flat(loc.onHand), borderColor: '#2e7d32', borderDash: [6, 4], pointRadius: 0, yAxisID: 'stock' });
  if (loc.reorderPoint !== null) {
    datasets.push({ label: 'reorder point', data: flat(loc.reorderPoint), borderColor: '#b3261e', borderDash: [2, 3],
      pointRadius: 0, yAxisID: 'stock' });
  }
  if (chart) chart.destroy();
  chart = new Chart(document.getElementById('chart'), {
    type: 'line', data: { labels, datasets },
    options: { animation: false, interaction: { mode: 'index', intersect: false },
      scales: { y: { title: { display: true, text: 'units per day' }, beginAtZero: true },
        stock: { position: 'right', title: { display: true, text: 'units' }, grid: { drawOnChartArea: false } } } },
  });
  title.textContent = `${sku} @ ${loc.locationId} · class ${classOf(loc)}`;
  title.dataset.sku = sku;
  document.getElementById('figures').textContent =
    `on hand ${loc.onHand}, on order ${loc.onOrder}, position ${loc.position}, reorder point ` +
    `${loc.reorderPoint === null ? '–' : loc.reorderPoint.toFixed(1)}, safety stock ` +
    `${loc.safetyStock === null ? '–' : loc.safetyStock.toFixed(1)}, days of cover ` +
    `${loc.daysOfCover === null ? '–' : loc.daysOfCover.toFixed(1)}, class ${classOf(loc)} ` +
    `(service level ${loc.serviceLevel}), open alerts ${loc.openAlerts.length}` +
    (f ? `, forecast ${f.model} ${f.version}` : '');
}

// ---- Daily inventory report (GET /api/report[?location=X]): the latest closed day's figures ----

let reportLocation = '';
let reportRequest = 0;

// The API sends Avro's own JSON rendering of the report: a union (last7Days, wape, …) is written as its
// plain value, but a {"io.stockpulse.avro.ServiceWindow": {...}} wrapper (Avro's JSON encoding) is
// accepted too, so either rendering shows the same figures.
function unwrap(value) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && /^(io\.stockpulse\.avro\.\w+|double|long|int|string)$/.test(keys[0])) return value[keys[0]];
  }
  return value;
}

// A finite number, or null: Avro writes NaN and Infinity as the strings "NaN" / "Infinity".
function num(value) {
  const v = unwrap(value);
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

const fixed = (v, digits) => v === null ? '–'
  : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percent = v => v === null ? '–' : (v * 100).toFixed(1) + ' %';
const signedPercent = v => v === null ? '–' : (v > 0 ? '+' : '') + (v * 100).toFixed(1) + ' %';

// The report's date: Avro renders a date as "2011-03-02"; an epoch-day number is converted.
function dayOf(value) {
  const d = unwrap(value);
  return typeof d === 'number' ? new Date(d * 86400000).toISOString().slice(0, 10) : String(d);
}

function figure(key, label, value, detail) {
  const div = document.createElement('div');
  div.className = 'figure';
  div.dataset.figure = key;
  div.append(text('span', label, 'label'), text('span', value, 'value'), text('span', detail || '\u00a0', 'detail'));
  return div;
}

function fillRate(key, w) {
  if (!w) return figure(key, 'fill rate', '–');
  return figure(key, `fill rate ${w.days} d`, percent(num(w.fillRate)),
    `${fixed(num(w.unitsFilled), 0)} of ${fixed(num(w.unitsDemanded), 0)} units from stock`);
}

function emptyRow(columns, message) {
  const tr = document.createElement('tr');
  const td = text('td', message);
  td.colSpan = columns;
  tr.append(td);
  return tr;
}

function showReport(r) {
  const week = unwrap(r.last7Days);
  const month = unwrap(r.last28Days);
  const day = dayOf(r.day);
  const groups = num(r.partitionsReported);
  const status = document.getElementById('report-status');
  status.textContent = `${day} · ${r.locationId === 'ALL' ? 'all locations' : r.locationId} · ` +
    `${groups} partition ${groups === 1 ? 'group' : 'groups'} reported` +
    (r.complete === true ? ' · final' : ' · still filling up');
  status.dataset.state = 'shown';
  status.dataset.day = day;
  document.getElementById('report-summary').textContent = r.summary || '';
  const accounted = week ? num(week.accountedSkuDays) : null;
  const stockoutDays = week ? num(week.stockoutSkuDays) : null;
  document.getElementById('report-figures').replaceChildren(
    figure('stock-value', 'stock value', fixed(num(r.stockValue), 2), `${fixed(num(r.skus), 0)} SKU × locations`),
    fillRate('fill-rate-7', week),
    fillRate('fill-rate-28', month),
    figure('stockout-days-7', 'stockout SKU-days 7 d', fixed(stockoutDays, 0), accounted === null ? '' :
      `of ${fixed(accounted, 0)} (${percent(accounted ? stockoutDays / accounted : 0)})`),
    figure('turns-28', `inventory turns (${month ? month.days : 28} d)`, month ? fixed(num(month.inventoryTurns), 2) : '–',
      'per year'),
    figure('excess-value', 'excess value at risk', fixed(num(r.excessValue), 2), `${fixed(num(r.overstockSkus), 0)} overstocked`),
    figure('open-triggers', 'open reorder triggers', fixed(num(r.openTriggers), 0),
      `${fixed(num(r.stockoutSkus), 0)} out of stock now`));
  const risks = (unwrap(r.topRisks) || []).map(item => {
    const tr = document.createElement('tr');
    tr.className = 'sku';
    tr.dataset.sku = item.sku;
    tr.append(text('td', item.sku), text('td', item.locationId), text('td', item.kind, item.kind),
      text('td', fixed(num(item.value), 2), 'num'), text('td', item.reason));
    tr.onclick = () => showSku(item.sku);
    return tr;
  });
  document.getElementById('report-risks').replaceChildren(...(risks.length ? risks : [emptyRow(5, 'no risks')]));
  const errors = Object.entries(unwrap(r.forecastErrorByClass) || {}).sort(([a], [b]) => a.localeCompare(b))
    .map(([abcClass, e]) => {
      const tr = document.createElement('tr');
      tr.dataset.class = abcClass;
      tr.append(text('td', abcClass), text('td', fixed(num(e.scoredDays), 0), 'num'), text('td', fixed(num(e.mae), 3), 'num'),
        text('td', percent(num(e.wape)), 'num'), text('td', signedPercent(num(e.bias)), 'num'));
      return tr;
    });
  document.getElementById('report-errors').replaceChildren(...(errors.length ? errors : [emptyRow(5, 'nothing scored yet')]));
}

function clearReport(state, message) {
  const status = document.getElementById('report-status');
  status.textContent = message;
  status.dataset.state = state;
  delete status.dataset.day;
  for (const id of ['report-figures', 'report-risks', 'report-errors']) document.getElementById(id).replaceChildren();
  document.getElementById('report-summary').textContent = '';
}

async function refreshReport() {
  const request = ++reportRequest;
  const location = reportLocation;
  const stale = () => request !== reportRequest; // a newer request (another location) answers instead
  try {
    const response = await fetch('/api/report' + (location ? '?location=' + encodeURIComponent(location) : ''),
      { headers });
    if (stale()) return;
    if (response.status === 404) { // no day has closed yet (for that location): not an error
      clearReport('none', location ? `no report yet for ${location}` : 'no report yet');
      return;
    }
    const body = await response.json();
    if (stale()) return;
    if (!response.ok) {
      // keeps the last figures shown: a rebalance (503) passes
      const status = document.getElementById('report-status');
      status.textContent = `report unavailable (${response.status}): ${body.error || ''}`;
      status.dataset.state = 'error';
      return;
    }
    showReport(body);
  } catch (e) {
    if (!stale()) {
      const status = document.getElementById('report-status');
      status.textContent = 'report unavailable: ' + e.message;
      status.dataset.state = 'error';
    }
  }
}

document.getElementById('report-form').onsubmit = event => {
  event.preventDefault();
  reportLocation = document.getElementById('report-location').value.trim();
  refreshReport();
};

document.getElementById('sku-form').onsubmit = event => {
  event.preventDefault();
  showSku(document.getElementById('sku-input').value.trim());
};
connectFeed();
refreshRisk();
setInterval(refreshRisk, 5000);
refreshReport();
setInterval(refreshReport, 5000);
