#!/usr/bin/env python3
"""One fixed multi-topic input for StockPulse, published with Confluent's own Python client.

Run by DeterminismIT, which processes the same input live, as a backlog, with bad records, with 1 and
6 partitions and across a SIGKILL, and compares the outputs. Everything here is a pure function of
the arguments (event ids included), so every run publishes byte-identical events; only what is
published when (--from-day, --to-day, --pace) and whether bad records are mixed in differ.

SKUs (location WH1), day 0 = 2011-03-01:
  STEADY  counted at 180 on day 0, sells 3 or 4 every day (L=7, sigmaL=0, 95 %, K=8, h=0.225, cost 1)
  DUP     counted at 200, sells 1 a day, every sale sent twice under the same eventId (overstocked)
  PO      counted at 60, sells 2 a day; a purchase order of 30 on day 10, received on day 17
  EARLY   its first event is a sale at 07:00 on day 0, its opening COUNT of 12 comes at 08:00
  SPARSE  counted at 5, sells 2 every fifth day: runs out and stays out
  CLS-*   eight SKUs whose ABC class sets their service level (their policy names none): counted at 100,
          2-6 units a day at prices 50 down to 0.25, so the Pareto split over all 13 SKUs gives A, B and C
          and the triggers carry 0.99, 0.98 or 0.95. Named so that on 6 partitions every partition has a
          SKU selling every day: each partition then closes every day and the cut-offs never wait long.
Bad records (--bad-records): the ten of issue 17 on inventory.sales, once on the middle day and once on
the last day, plus (last day) a COUNT and a sale of a SKU seen nowhere else.

Needs python3-confluent-kafka (Debian) plus fastavro and requests (src/test/python/requirements.txt).
"""
import argparse
import struct
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from confluent_kafka import Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

LOCATION = "WH1"
CLASSED = {"CLS-A": 50.0, "CLS-B": 20.0, "CLS-C": 8.0, "CLS-D": 4.0, "CLS-E": 2.0, "CLS-G": 1.0, "CLS-I": 0.5,
           "CLS-K": 0.25}
SKUS = ["STEADY", "DUP", "PO", "EARLY", "SPARSE"] + list(CLASSED)
DAY0 = datetime(2011, 3, 1, tzinfo=timezone.utc)


def at(day, hour, minute=0):
    return DAY0 + timedelta(days=day, hours=hour, minutes=minute)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bootstrap-servers", required=True)
    p.add_argument("--registry", required=True, help="Confluent-compatible registry URL")
    p.add_argument("--topic-suffix", default="")
    p.add_argument("--schemas", required=True, type=Path, help="StockPulse's schemas/ directory")
    p.add_argument("--days", type=int, default=60,
                   help="days of sales (0 .. days-1); day <days> only closes the last one: a RETURN per SKU")
    p.add_argument("--from-day", type=int, default=0, help="first day published by this call")
    p.add_argument("--to-day", type=int, default=None, help="last day published by this call (default: days)")
    p.add_argument("--pace", type=float, default=0.0, help="seconds between days (live); 0 = all at once")
    p.add_argument("--bad-records", action="store_true")
    return p.parse_args()


class Warehouse:
    def __init__(self, args):
        self.suffix = args.topic_suffix
        self.registry = SchemaRegistryClient({"url": args.registry})
        self.producer = Producer({
            "bootstrap.servers": args.bootstrap_servers,
            "enable.idempotence": True,
            "acks": "all",
            "partitioner": "murmur2_random",  # the Java clients' partitioner (README, interop)
        })
        self.serializers = {name: AvroSerializer(schema_registry_client=self.registry,
                                                 schema_str=(args.schemas / (schema + ".avsc")).read_text())
                            for name, schema in [("sales", "SaleEvent"), ("shipments", "ShipmentEvent"),
                                                 ("stock-changes", "StockChangeEvent"), ("sku-policies", "SkuPolicy")]}

    def topic(self, name):
        return "inventory." + name + self.suffix

    def encode(self, name, value):
        return self.serializers[name](value, SerializationContext(self.topic(name), MessageField.VALUE))

    def raw(self, name, key, value):
        self.producer.produce(self.topic(name), key=None if key is None else key.encode("utf-8"), value=value,
                              on_delivery=self.delivered)
        self.producer.poll(0)

    def send(self, name, key, value):
        self.raw(name, key, self.encode(name, value))

    @staticmethod
    def delivered(err, msg):
        if err is not None:
            raise RuntimeError("delivery failed: %s" % err)

    def flush(self):
        if self.producer.flush(30):
            raise RuntimeError("events not delivered")

    def policy(self, sku, **fields):
        value = {"sku": sku, "locationId": None}
        for name in ["leadTimeDays", "leadTimeStdDays", "serviceLevel", "unitCost", "orderCost", "holdingCostRate",
                     "moq", "packSize", "maxDaysOfCover", "policyType", "reviewPeriodDays", "reviewOffsetDays",
                     "minUnits", "maxUnits", "minDemandDays"]:
            value[name] = fields.get(name)
        self.send("sku-policies", sku, value)

    def sale(self, event_id, sku, quantity, when, price=2.0):
        self.send("sales", sku, {"eventId": event_id, "sku": sku, "locationId": LOCATION, "quantity": quantity,
                                 "unitPrice": price, "orderId": None, "occurredAt": when})

    def count(self, sku, quantity, when):
        self.send("stock-changes", sku, {"eventId": "count-%s-%s" % (sku, when.isoformat()), "sku": sku,
                                         "locationId": LOCATION, "kind": "COUNT", "quantity": quantity,
                                         "reason": "opening count", "occurredAt": when})

    def shipment(self, sku, po, status, quantity, when):
        self.send("shipments", sku, {"eventId": "ship-%s-%s" % (po, status), "sku": sku, "locationId": LOCATION,
                                     "quantity": quantity, "status": status, "purchaseOrderId": po,
                                     "expectedAt": None, "occurredAt": when})


def publish_policies(w):
    steady = dict(leadTimeDays=7.0, leadTimeStdDays=0.0, serviceLevel=0.95, orderCost=8.0, holdingCostRate=0.225,
                  unitCost=1.0)
    for sku in SKUS:
        if sku in CLASSED:
            w.policy(sku, **dict(steady, serviceLevel=None))
        else:
            w.policy(sku, **steady)


def publish_closing_day(w, d):
    """An event per SKU at 02:00, past midnight and the 1 h grace: every task closes the last day."""
    for sku in SKUS:
        w.send("stock-changes", sku, {"eventId": "return-%s-%d" % (sku, d), "sku": sku, "locationId": LOCATION,
                                      "kind": "RETURN", "quantity": 1, "reason": "end of input", "occurredAt": at(d, 2)})


def publish_day(w, d):
    if d == 0:
        w.sale("sale-EARLY-0", "EARLY", 1, at(0, 7))  # before its own opening count, in event time too
        for sku, quantity in [("STEADY", 180), ("DUP", 200), ("PO", 60), ("EARLY", 12), ("SPARSE", 5)]:
            w.count(sku, quantity, at(0, 8))
        for sku in CLASSED:
            w.count(sku, 100, at(0, 8))
    w.sale("sale-STEADY-%d" % d, "STEADY", 3 + (d * 7) % 2, at(d, 12))
    for _ in range(2):  # the same sale twice: an at-least-once retry upstream
        w.sale("sale-DUP-%d" % d, "DUP", 1, at(d, 13))
    w.sale("sale-PO-%d" % d, "PO", 2, at(d, 14))
    if d > 0 and d % 3 == 0:
        w.sale("sale-EARLY-%d" % d, "EARLY", 1, at(d, 15))
    if d % 5 == 2:
        w.sale("sale-SPARSE-%d" % d, "SPARSE", 2, at(d, 16))
    for i, (sku, price) in enumerate(CLASSED.items()):
        w.sale("sale-%s-%d" % (sku, d), sku, 2 + (3 * d + i) % 5, at(d, 17), price)
    if d == 10:
        w.shipment("PO", "PO-1", "ORDERED", 30, at(d, 9))
    if d == 17:
        w.shipment("PO", "PO-1", "RECEIVED", 30, at(d, 9))


def publish_bad_records(w, d):
    """The ten bad records of issue 17, on inventory.sales under the key STEADY (its partition)."""
    good = w.encode("sales", {"eventId": "bad-ok-%d" % d, "sku": "STEADY", "locationId": LOCATION, "quantity": 1,
                              "unitPrice": 2.0, "orderId": None, "occurredAt": at(d, 20)})
    w.raw("sales", "STEADY", b"\x7fgarbage, not Avro at all")
    w.raw("sales", "STEADY", b"")
    w.raw("sales", "STEADY", b"\x01" + good[1:])  # wrong magic byte
    w.raw("sales", "STEADY", b"\x00" + struct.pack(">I", 987654) + good[5:])  # unknown schema id
    w.raw("sales", "STEADY", good[:len(good) // 2])  # truncated Avro
    for i, (quantity, sku, price, when) in enumerate([(-5, "STEADY", 2.0, at(d, 20)), (0, "STEADY", 2.0, at(d, 20)),
                                                     (1, "", 2.0, at(d, 20)), (1, "STEADY", float("nan"), at(d, 20)),
                                                     (1, "STEADY", 2.0, at(d, 20) + timedelta(days=365 * 200))]):
        w.raw("sales", "STEADY", w.encode("sales", {"eventId": "bad-%d-%d" % (d, i), "sku": sku, "locationId": LOCATION,
                                                    "quantity": quantity, "unitPrice": price, "orderId": None,
                                                    "occurredAt": when}))


def main():
    args = parse_args()
    last = args.days if args.to_day is None else args.to_day
    w = Warehouse(args)
    if args.from_day == 0:
        publish_policies(w)
    for d in range(args.from_day, last + 1):
        if d == args.days:
            publish_closing_day(w, d)
            break
        publish_day(w, d)
        if args.bad_records and d in (args.days // 2, args.days - 1):
            publish_bad_records(w, d)
        if args.bad_records and d == args.days - 1:
            w.count("OTHER", 50, at(d, 8))
            w.sale("sale-OTHER-%d" % d, "OTHER", 1, at(d, 12))
        if args.pace > 0:
            w.flush()
            time.sleep(args.pace)
    w.flush()
    print("published days %d..%d%s" % (args.from_day, last, " with bad records" if args.bad_records else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
