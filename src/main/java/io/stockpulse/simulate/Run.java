package io.stockpulse.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scenarios of one forecaster's closed loop: the configured policy first, then the curve's service levels. */
public record Run(String forecaster, List<Scenario> scenarios, Map<String, Long> sources) {

    public Map<String, Object> figures() {
        return scenarios.get(0).figures.toMap();
    }

    public List<Map<String, Object>> curve() {
        List<Map<String, Object>> curve = new ArrayList<>();
        for (Scenario s : scenarios.subList(1, scenarios.size())) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("serviceLevel", s.serviceLevel);
            point.put("fillRate", Figures.round(s.figures.fillRate(), 5));
            point.put("averageStockValue", Figures.round(s.figures.averageStockValue(), 1));
            point.put("averageStockUnits", Figures.round(s.figures.averageStockUnits(), 1));
            curve.add(point);
        }
        return curve;
    }

    public CurveChart.Series series() {
        List<double[]> points = new ArrayList<>();
        for (Scenario s : scenarios.subList(1, scenarios.size())) {
            points.add(new double[] {s.figures.averageStockValue(), s.figures.fillRate(), s.serviceLevel});
        }
        return new CurveChart.Series(forecaster, points);
    }
}
