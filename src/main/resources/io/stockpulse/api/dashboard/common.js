// StockPulse cockpit: helpers shared by the panels (plain scripts, loaded in order by index.html;
// the server's CSP allows same-origin script files only, no inline script).
'use strict';
const hashParams = () => new URLSearchParams(location.hash.slice(1));
const token = hashParams().get('token');
const headers = token ? { Authorization: 'Bearer ' + token } : {};
const REFRESH_MS = 5000;

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

// The link to a SKU's view: the hash keeps the token, so the page needs no reload and no token in a query.
function skuHref(sku, locationId) {
  const params = new URLSearchParams();
  if (token) params.set('token', token);
  params.set('sku', sku);
  if (locationId) params.set('location', locationId);
  return '#' + params.toString();
}

const fixed = (v, digits) => v === null || v === undefined ? '–'
  : Number(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percent = v => v === null ? '–' : (v * 100).toFixed(1) + ' %';
const signedPercent = v => v === null ? '–' : (v > 0 ? '+' : '') + (v * 100).toFixed(1) + ' %';

function emptyRow(columns, message) {
  const tr = document.createElement('tr');
  const td = text('td', message);
  td.colSpan = columns;
  tr.append(td);
  return tr;
}

// Consecutive ISO days from start (YYYY-MM-DD), UTC.
function days(start, count) {
  const out = [];
  const d = new Date(start + 'T00:00:00Z');
  for (let i = 0; i < count; i++) {
    out.push(new Date(d.getTime() + i * 86400000).toISOString().slice(0, 10));
  }
  return out;
}
