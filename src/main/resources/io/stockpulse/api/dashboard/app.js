// StockPulse cockpit: the exceptions that need action (GET /api/exceptions), sortable and filtered,
// each linking to its SKU view; the live alert feed (server-sent events); the hash routes
// (#sku=X&location=Y, #token=T). Open it with #token=<http.auth.token> when the API requires a token.
'use strict';
const KIND_LABEL = { stockout: 'stockout', reorder_trigger: 'reorder (not ordered)', overstock: 'overstock' };
const COLUMNS = {
  value: r => r.value, kind: r => r.kind, sku: r => r.sku, location: r => r.locationId, class: r => classOf(r),
  onHand: r => r.onHand, units: r => r.unitsAtStake,
};
let exceptionRows = [];
let sortBy = { column: 'value', descending: true };

function connectFeed() {
  const url = '/api/alerts/stream' + (token ? '?access_token=' + encodeURIComponent(token) : '');
  const source = new EventSource(url);
  const status = document.getElementById('feed-status');
  source.onopen = () => { status.textContent = 'live'; status.dataset.state = 'connected'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; status.dataset.state = 'down'; };
  source.addEventListener('alert', event => {
    const a = JSON.parse(event.data);
    const what = a.kind === 'stockout' ? 'stockout ' + (a.severity || '') : a.kind.replace('_', ' ');
    const li = document.createElement('li');
    li.className = a.kind;
    li.dataset.sku = a.sku;
    const link = text('a', `${(a.at || '').slice(0, 10)} ${a.sku}@${a.locationId} [${classOf(a)}] ${what} ${a.state}`);
    link.href = skuHref(a.sku, a.locationId);
    li.append(link);
    const feed = document.getElementById('feed');
    feed.prepend(li);
    while (feed.children.length > 200) feed.lastChild.remove();
    refreshExceptions(); // the table follows the feed rather than waiting for its next poll
  });
}

function setOptions(id, values, allLabel) {
  const select = document.getElementById(id);
  const chosen = select.value;
  select.replaceChildren(new Option(allLabel, ''), ...values.map(v => new Option(v, v)));
  select.value = values.includes(chosen) ? chosen : '';
}

function exceptionRow(r) {
  const tr = document.createElement('tr');
  tr.dataset.sku = r.sku;
  tr.dataset.kind = r.kind;
  const link = text('a', r.sku);
  link.href = skuHref(r.sku, r.locationId);
  const skuCell = document.createElement('td');
  skuCell.append(link);
  const defaultCost = r.unitCostSource === 'default' ? ' *' : '';
  tr.append(text('td', fixed(r.value, 2) + defaultCost, 'num value'),
    text('td', KIND_LABEL[r.kind] + (r.severity ? ' · ' + r.severity.replaceAll('_', ' ').toLowerCase() : ''), r.kind),
    skuCell, text('td', r.locationId), text('td', classOf(r), 'class'), text('td', fixed(r.onHand, 0), 'num'),
    text('td', fixed(r.unitsAtStake, 0), 'num'), text('td', fixed(r.unitCost, 2) + defaultCost, 'num'));
  return tr;
}

function renderExceptions() {
  const abc = document.getElementById('filter-class').value;
  const where = document.getElementById('filter-location').value;
  const kind = document.getElementById('filter-kind').value;
  const pick = COLUMNS[sortBy.column];
  const rows = exceptionRows
    .filter(r => (!abc || (r.abcClass || '–') === abc) && (!where || r.locationId === where) && (!kind || r.kind === kind))
    .sort((x, y) => {
      const a = pick(x), b = pick(y);
      const order = typeof a === 'number' ? a - b : String(a).localeCompare(String(b));
      return (sortBy.descending ? -order : order) || x.sku.localeCompare(y.sku) || x.kind.localeCompare(y.kind);
    });
  document.getElementById('exceptions').replaceChildren(
    ...(rows.length ? rows.map(exceptionRow) : [emptyRow(8, exceptionRows.length ? 'none match the filters' : 'no open exceptions')]));
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  document.getElementById('exceptions-total').textContent =
    `${rows.length} of ${exceptionRows.length} shown, value at stake ${fixed(total, 2)}`;
  for (const th of document.querySelectorAll('#exceptions-table th[data-sort]')) {
    th.setAttribute('aria-sort', th.dataset.sort === sortBy.column ? (sortBy.descending ? 'descending' : 'ascending') : 'none');
  }
}

async function refreshExceptions() {
  const status = document.getElementById('exceptions-status');
  try {
    const response = await fetch('/api/exceptions', { headers });
    const body = await response.json();
    if (!response.ok) {
      status.textContent = `exceptions unavailable (${response.status}): ${body.error || ''}`; // keeps the last rows
      status.dataset.state = 'error';
      return;
    }
    exceptionRows = body.exceptions;
    setOptions('filter-class', [...new Set(exceptionRows.map(r => r.abcClass || '–'))].sort(), 'all classes');
    setOptions('filter-location', [...new Set(exceptionRows.map(r => r.locationId))].sort(), 'all locations');
    status.textContent = `${body.instances.length} instance${body.instances.length === 1 ? '' : 's'}` +
      (body.unreachable ? `, unreachable: ${body.unreachable.join(', ')}` : '');
    status.dataset.state = body.unreachable ? 'partial' : 'shown';
    renderExceptions();
  } catch (e) {
    status.textContent = 'exceptions unavailable: ' + e.message;
    status.dataset.state = 'error';
  }
}

for (const th of document.querySelectorAll('#exceptions-table th[data-sort]')) {
  th.querySelector('button').onclick = () => {
    const column = th.dataset.sort;
    sortBy = { column, descending: sortBy.column === column ? !sortBy.descending : column === 'value' };
    renderExceptions();
  };
}
for (const id of ['filter-class', 'filter-location', 'filter-kind']) {
  document.getElementById(id).onchange = renderExceptions;
}

function route() {
  const params = hashParams();
  if (params.get('sku')) showSku(params.get('sku'), params.get('location'));
}

window.addEventListener('hashchange', route);
connectFeed();
refreshExceptions();
setInterval(refreshExceptions, REFRESH_MS);
route();
