// StockPulse dashboard: the live alert feed (server-sent events), the open alerts ranked by risk, and
// one SKU's sales history with its forecast band, stock on hand and reorder point. Open it with
// #token=<http.auth.token> when the API requires a token.
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

document.getElementById('sku-form').onsubmit = event => {
  event.preventDefault();
  showSku(document.getElementById('sku-input').value.trim());
};
connectFeed();
refreshRisk();
setInterval(refreshRisk, 5000);
