/** The durable delivery queue: one record per recipient, local delivery, remote delivery (MX, retries, DSN). */
package dev.surel.queue;
