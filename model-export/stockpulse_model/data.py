"""Load the Online Retail invoice lines and turn them into a dense daily-units matrix."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

# A product StockCode: five digits and at most two letters (e.g. 85123A, 15056BL), after
# stripping blanks and upper-casing. Everything else (POST, D, M, C2, DOT, BANK CHARGES,
# AMAZONFEE, CRUK, PADS, S, B, ADJUST*, TEST*, DCGS*, SP1002, gift_0001_*, ...) is not a product.
PRODUCT_CODE = re.compile(r"^\d{5}[A-Z]{0,2}$")

EPOCH = dt.date(1970, 1, 1)


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def epoch_day(d: dt.date) -> int:
    return (d - EPOCH).days


def date_of(epoch: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(epoch))


@dataclass
class DailySeries:
    skus: np.ndarray          # [S] str, sorted
    first_day: int            # epoch day of column 0
    units: np.ndarray         # [S, D] float32 daily units, zero-filled
    stats: dict               # what the loader kept / dropped
    price: np.ndarray | None = None   # [S] median unit price of the kept lines (ABC classes by sales value)

    @property
    def n_days(self) -> int:
        return self.units.shape[1]

    def day_index(self, d: dt.date) -> int:
        return epoch_day(d) - self.first_day

    def date_at(self, idx: int) -> dt.date:
        return date_of(self.first_day + idx)


def load_lines(path: str) -> pd.DataFrame:
    return pd.read_csv(
        path,
        dtype={"InvoiceNo": str, "StockCode": str, "Description": str, "CustomerID": str, "Country": str},
        usecols=["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice"],
    )


def build_daily(path: str) -> DailySeries:
    """Demand = units sold per product StockCode per calendar day.

    Kept: lines whose InvoiceNo does not start with "C" (cancellations) or "A" (bad-debt
    adjustments), Quantity > 0, UnitPrice > 0 (zero-priced positive lines are stock
    adjustments such as "found" or "?"), and a product StockCode. The day is the date part
    of InvoiceDate: all lines are stamped 06:00-21:00 UK time, so the UTC date and the
    Europe/London date are the same. Days without sales are zero. The matrix spans every
    calendar day from the first to the last line of the file.
    """
    df = load_lines(path)
    n_lines = len(df)
    code = df["StockCode"].fillna("").str.strip().str.upper()
    inv = df["InvoiceNo"].fillna("").str.strip()
    is_product = code.str.match(PRODUCT_CODE.pattern)
    is_sale_invoice = ~inv.str.startswith(("C", "A"))
    keep = is_product & is_sale_invoice & (df["Quantity"] > 0) & (df["UnitPrice"] > 0)
    day = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S").dt.normalize()
    all_days = pd.date_range(day.min(), day.max(), freq="D")
    kept = pd.DataFrame({"sku": code[keep], "day": day[keep], "q": df.loc[keep, "Quantity"].astype(np.int64)})
    daily = kept.groupby(["sku", "day"], sort=True)["q"].sum()
    mat = daily.unstack("day", fill_value=0).reindex(columns=all_days, fill_value=0)
    mat = mat.sort_index()
    price = pd.Series(df.loc[keep, "UnitPrice"].to_numpy(), index=code[keep].to_numpy()).groupby(level=0).median()
    stats = {
        "lines_in_file": int(n_lines),
        "lines_kept": int(keep.sum()),
        "dropped_non_product_code": int((~is_product).sum()),
        "dropped_cancel_or_adjust_invoice": int((is_product & ~is_sale_invoice).sum()),
        "dropped_non_positive_quantity": int((is_product & is_sale_invoice & (df["Quantity"] <= 0)).sum()),
        "dropped_zero_price": int((is_product & is_sale_invoice & (df["Quantity"] > 0) & (df["UnitPrice"] <= 0)).sum()),
        "units_kept": int(kept["q"].sum()),
        "skus": int(mat.shape[0]),
        "first_day": str(all_days[0].date()),
        "last_day": str(all_days[-1].date()),
    }
    first = epoch_day(all_days[0].date())
    return DailySeries(skus=mat.index.to_numpy(dtype=str), first_day=first,
                       units=mat.to_numpy(dtype=np.float32), stats=stats,
                       price=price.reindex(mat.index).to_numpy(dtype=np.float64))
