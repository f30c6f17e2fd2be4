// Daily inventory report panel (GET /api/report[?location=X]): the latest closed day's figures.
'use strict';

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
    tr.onclick = () => { location.hash = skuHref(item.sku, item.locationId); };
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

refreshReport();
setInterval(refreshReport, REFRESH_MS);
