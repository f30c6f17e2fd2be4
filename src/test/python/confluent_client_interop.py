#!/usr/bin/env python3
"""A warehouse system that nobody on the StockPulse team wrote: Confluent's own Python client.

Publishes sales, shipments and stock changes with confluent_kafka's AvroSerializer (schemas
registered by the client itself through its SchemaRegistryClient), evolves SaleEvent to a version 2
with a new optional field half-way through, and reads StockPulse's reorder triggers and stockout
alerts back with AvroDeserializer. Exits 0 only when it saw what StockPulse must produce; writes what
it read to --out (JSON) so the Java side (ConfluentPythonClientIT) can compare.

Run by ConfluentPythonClientIT; needs python3-confluent-kafka (Debian) plus fastavro and requests
(src/test/python/requirements.txt). Works with confluent-kafka 1.7 and 2.x (keyword arguments only).
"""
import argparse
import json
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext, StringSerializer

LOCATION = "WH1"
# A field the warehouse added to its sales in version 2: optional, with a default, so BACKWARD compatible.
CHANNEL_FIELD = {"name": "channel", "type": ["null", "string"], "default": None,
                 "doc": "Sales channel, added by the producer in version 2."}


def day(day_of_march, hour):
    return datetime(2011, 3, day_of_march, hour, tzinfo=timezone.utc)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bootstrap-servers", required=True)
    p.add_argument("--registry", required=True, help="Confluent-compatible registry URL")
    p.add_argument("--topic-suffix", default="", help="appended to every inventory.* topic name")
    p.add_argument("--schemas", required=True, type=Path, help="StockPulse's schemas/ directory")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for each expected output")
    return p.parse_args()


class Warehouse:
    """Publishes events the way any Confluent-client application does."""

    def __init__(self, args, registry):
        self.suffix = args.topic_suffix
        self.registry = registry
        self.producer = Producer({
            "bootstrap.servers": args.bootstrap_servers,
            "enable.idempotence": True,
            "acks": "all",
            # Java clients hash keys with murmur2; librdkafka's default (consistent_random, CRC32) would put
            # a SKU on another partition than events of the same SKU from Java producers (README, interop).
            "partitioner": "murmur2_random",
        })
        self.keys = StringSerializer("utf_8")
        self.sale_v1 = (args.schemas / "SaleEvent.avsc").read_text()
        self.serializers = {
            "sales": self.serializer(self.sale_v1),
            "shipments": self.serializer((args.schemas / "ShipmentEvent.avsc").read_text()),
            "stock-changes": self.serializer((args.schemas / "StockChangeEvent.avsc").read_text()),
        }
        self.sent = {"sales": 0, "shipments": 0, "stock-changes": 0}

    def serializer(self, schema_str):
        return AvroSerializer(schema_registry_client=self.registry, schema_str=schema_str)

    def topic(self, name):
        return "inventory." + name + self.suffix

    def send(self, name, sku, value):
        topic = self.topic(name)
        self.producer.produce(
            topic,
            key=self.keys(sku, SerializationContext(topic, MessageField.KEY)),
            value=self.serializers[name](value, SerializationContext(topic, MessageField.VALUE)),
            on_delivery=self.delivered)
        self.sent[name] += 1
        self.producer.poll(0)

    @staticmethod
    def delivered(err, msg):
        if err is not None:
            raise RuntimeError("delivery failed: %s" % err)

    def flush(self):
        remaining = self.producer.flush(30)
        if remaining:
            raise RuntimeError("%d events not delivered" % remaining)

    def count(self, sku, quantity, at):
        self.send("stock-changes", sku, {"eventId": "py-" + str(uuid.uuid4()), "sku": sku, "locationId": LOCATION,
                                         "kind": "COUNT", "quantity": quantity, "reason": "opening count",
                                         "occurredAt": at})

    def sale(self, sku, quantity, at, **extra):
        event = {"eventId": "py-" + str(uuid.uuid4()), "sku": sku, "locationId": LOCATION, "quantity": quantity,
                 "unitPrice": 2.5, "orderId": None, "occurredAt": at}
        event.update(extra)
        self.send("sales", sku, event)

    def shipment(self, sku, po, status, quantity, at):
        self.send("shipments", sku, {"eventId": "py-" + str(uuid.uuid4()), "sku": sku, "locationId": LOCATION,
                                     "quantity": quantity, "status": status, "purchaseOrderId": po,
                                     "expectedAt": None, "occurredAt": at})

    def evolve_sales_to_v2(self):
        """Registers SaleEvent v2 under BACKWARD compatibility, checked by the registry first."""
        subject = self.topic("sales") + "-value"
        self.registry.set_compatibility(subject_name=subject, level="BACKWARD")
        v2 = json.loads(self.sale_v1)
        v2["fields"].append(CHANNEL_FIELD)
        v2_str = json.dumps(v2)
        if not self.registry.test_compatibility(subject_name=subject, schema=Schema(v2_str, "AVRO")):
            raise AssertionError("the registry rejects SaleEvent v2 as not BACKWARD compatible")
        required = json.loads(self.sale_v1)
        required["fields"].append({"name": "channel", "type": "string"})
        if self.registry.test_compatibility(subject_name=subject, schema=Schema(json.dumps(required), "AVRO")):
            raise AssertionError("the registry accepts a new required field under BACKWARD")
        self.serializers["sales"] = self.serializer(v2_str)


class Outputs:
    """Reads StockPulse's triggers and stockout alerts with the Confluent deserializer."""

    def __init__(self, args, registry, suffix):
        self.consumer = Consumer({
            "bootstrap.servers": args.bootstrap_servers,
            "group.id": "python-interop-" + str(uuid.uuid4()),
            "auto.offset.reset": "earliest",
            "isolation.level": "read_committed",  # StockPulse writes in transactions (exactly-once v2)
            "enable.auto.commit": False,
        })
        self.deserializer = AvroDeserializer(schema_registry_client=registry)
        self.triggers_topic = "inventory.reorder-triggers" + suffix
        self.stockouts_topic = "inventory.stockout-alerts" + suffix
        self.consumer.subscribe([self.triggers_topic, self.stockouts_topic])
        self.triggers = []
        self.stockouts = []

    def poll_until(self, condition, what, timeout):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("timed out after %.0f s waiting for %s; triggers %s, stockout alerts %s"
                                     % (timeout, what, [t["triggerId"] for t in self.triggers],
                                        [(a["sku"], a["state"], a["severity"]) for a in self.stockouts]))
            msg = self.consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                raise RuntimeError("consumer error: %s" % msg.error())
            value = self.deserializer(msg.value(), SerializationContext(msg.topic(), MessageField.VALUE))
            (self.triggers if msg.topic() == self.triggers_topic else self.stockouts).append(value)

    def trigger_ids(self):
        return sorted(t["triggerId"] for t in self.triggers)

    def stockouts_of(self, sku):
        return [(a["state"], a["severity"]) for a in self.stockouts if a["sku"] == sku]


def json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def main():
    args = parse_args()
    registry = SchemaRegistryClient({"url": args.registry})
    warehouse = Warehouse(args, registry)
    outputs = Outputs(args, registry, args.topic_suffix)

    # A sells out on day 1; B sells 10 a day from a count of 300 until its position reaches the reorder point.
    # Alerts are a day-close matter: A's count on day 2 closes its day 1 (raising the stockout).
    warehouse.count("A", 5, day(1, 8))
    warehouse.sale("A", 5, day(1, 9))
    warehouse.count("A", 0, day(2, 8))
    warehouse.count("B", 300, day(1, 8))
    for d in range(1, 13):
        warehouse.sale("B", 10, day(d, 12))
    warehouse.flush()
    warehouse.evolve_sales_to_v2()
    for d in range(13, 26):
        warehouse.sale("B", 10, day(d, 12), channel="web")
    warehouse.flush()

    outputs.poll_until(lambda: {"A/WH1/1", "B/WH1/1"} <= set(outputs.trigger_ids())
                       and ("RAISED", "OUT_OF_STOCK") in outputs.stockouts_of("A"),
                       "triggers A/WH1/1, B/WH1/1 and A's OUT_OF_STOCK alert", args.timeout)

    # The purchase order that answers A's trigger, and its receipt: the stockout must resolve.
    warehouse.shipment("A", "PO-A", "ORDERED", 20, day(26, 9))
    warehouse.shipment("A", "PO-A", "RECEIVED", 20, day(26, 13))
    # Published before the next morning's count, as a warehouse system would (19 hours apart): sent in
    # the same moment, the count could be applied first. Kafka Streams waits max.task.idle.ms for an
    # empty input partition only once per dry spell, and the shipments partition has been empty since
    # the start (docs/determinism.md, "What is still not guaranteed").
    warehouse.flush()
    warehouse.count("A", 20, day(27, 8))  # closes day 26, which resolves the stockout
    warehouse.flush()
    outputs.poll_until(lambda: any(state == "RESOLVED" for state, _ in outputs.stockouts_of("A")),
                       "A's stockout to resolve", args.timeout)

    # B may be reordered again when a day close lowers its reorder point below its position and sales
    # bring it back down; A's first trigger and every trigger's SKU are what is certain.
    if "A/WH1/1" not in outputs.trigger_ids() or any(t.split("/")[0] not in ("A", "B") for t in outputs.trigger_ids()):
        raise AssertionError("unexpected triggers %s" % outputs.trigger_ids())
    if [state for state, _ in outputs.stockouts_of("A")] != ["RAISED", "RESOLVED"]:
        raise AssertionError("unexpected stockout alerts of A %s" % outputs.stockouts_of("A"))
    outputs.consumer.close()

    result = {"sent": warehouse.sent, "triggers": outputs.triggers, "stockouts": outputs.stockouts}
    args.out.write_text(json.dumps(result, default=json_default, indent=1))
    print("python interop ok: sent %s, read %d triggers and %d stockout alerts"
          % (warehouse.sent, len(outputs.triggers), len(outputs.stockouts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
