"""Writes the held-out synthetic second retailer (stockpulse_model.synthetic.second_retailer, seed 7) as an
Online Retail CSV, so the Java path can be backtested on a retailer the model never saw:

    python model-export/export_second_retailer.py /tmp/second_retailer.csv.gz
    java -jar target/stockpulse.jar evaluate --data /tmp/second_retailer.csv.gz --cutoff 2017-10-02

One line per series and day with demand (noon UTC); StockCode 10000 + series, so the mapper takes it for a
product; unit price 1-20 (the ABC split needs a value).
"""
import datetime as dt
import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stockpulse_model.synthetic import second_retailer  # noqa: E402


def main(out: str) -> None:
    first, units = second_retailer()
    epoch = dt.date(1970, 1, 1)
    line = 0
    with gzip.open(out, "wt") as f:
        f.write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n")
        for d in range(units.shape[1]):
            day = epoch + dt.timedelta(days=first + d)
            for i in range(units.shape[0]):
                quantity = int(units[i, d])
                if quantity > 0:
                    line += 1
                    f.write(f"{500000 + line},{10000 + i},ITEM {i},{quantity},{day} 12:00:00,"
                            f"{1.0 + (i % 20):.2f},1,Synthetic\n")
    print(f"{line} lines, {units.shape[0]} series, {units.shape[1]} days from {epoch + dt.timedelta(days=first)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "second_retailer.csv.gz")
