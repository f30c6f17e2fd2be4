/**
 * What the pipeline counts and signals while it runs — events, dead letters, fallbacks, model loads,
 * registry outages, thread replacements — as plain in-process counters with no metrics library.
 * The stream, the forecasters and the handlers write here; {@code metrics} exposes it to Prometheus
 * and the API reads it for health. It sits below all of them so that none imports the exposition.
 */
package io.stockpulse.signals;
