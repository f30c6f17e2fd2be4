// The exchange curve of the last `stockpulse simulate` run (GET /api/simulate, the file named by
// dashboard.simulate.file): fill rate against average stock value, one point per service level, so a
// planner sees what each step of service costs in stock. Without a configured file the panel says how
// to make one (the API's 404 message).
'use strict';
let curveChart = null;

function curveSeries(label, run, color) {
  const points = (run.curve || []).map(p => ({ x: p.averageStockValue, y: p.fillRate * 100, level: p.serviceLevel }));
  return { label: `${label}, one point per service level`, data: points, showLine: true,
    borderColor: color, backgroundColor: color, pointRadius: 4 };
}

function drawCurve(report) {
  const sets = [curveSeries(report.forecaster, report, '#1565c0')];
  if (report.comparison) sets.push(curveSeries(report.comparison.forecaster, report.comparison, '#8a6d00'));
  if (Number.isFinite(report.fillRate) && Number.isFinite(report.averageStockValue)) {
    sets.push({ label: 'configured policy (ABC class levels)', data: [{ x: report.averageStockValue, y: report.fillRate * 100 }],
      borderColor: '#b3261e', backgroundColor: '#b3261e', pointStyle: 'rectRot', pointRadius: 7 });
  }
  if (curveChart) curveChart.destroy();
  curveChart = new Chart(document.getElementById('curve'), {
    type: 'scatter', data: { datasets: sets },
    options: { animation: false, maintainAspectRatio: false,
      scales: { x: { title: { display: true, text: 'average stock value (at unit cost)' } },
        y: { title: { display: true, text: 'fill rate %' } } },
      plugins: { tooltip: { callbacks: { label: c => `service level ${c.raw.level ?? 'by class'}: fill rate `
        + `${c.raw.y.toFixed(1)} %, stock value ${fixed(c.raw.x, 0)}` } } } },
  });
}

async function loadCurve() {
  const status = document.getElementById('curve-status');
  try {
    const response = await fetch('/api/simulate', { headers });
    const body = await response.json();
    if (!response.ok) {
      status.textContent = body.error;
      status.dataset.state = response.status === 404 ? 'none' : 'error';
      return;
    }
    drawCurve(body);
    status.textContent = `${body.data}, ${body.from} .. ${body.to}, seed ${body.seed}, unit cost ${body.costRatio} × median price`;
    status.dataset.state = 'shown';
  } catch (e) {
    status.textContent = 'exchange curve unavailable: ' + e.message;
    status.dataset.state = 'error';
  }
}

loadCurve();
