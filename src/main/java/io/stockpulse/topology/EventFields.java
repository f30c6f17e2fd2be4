package io.stockpulse.topology;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.StockChangeEvent;

/** The fields every input event has, read once per record whatever its type. */
record EventFields(String kind, String eventId, String sku, String locationId) {

    static EventFields of(Object event) {
        if (event instanceof SaleEvent sale) {
            return new EventFields("sale", sale.getEventId(), sale.getSku(), sale.getLocationId());
        }
        if (event instanceof ShipmentEvent shipment) {
            return new EventFields("shipment", shipment.getEventId(), shipment.getSku(), shipment.getLocationId());
        }
        StockChangeEvent change = (StockChangeEvent) event;
        return new EventFields("stock_change", change.getEventId(), change.getSku(), change.getLocationId());
    }
}
