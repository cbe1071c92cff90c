/**
 * Fault injection for tests: a small tmpfs that can be filled to the last byte and freed again
 * ({@link dev.surel.faults.SmallDisk}), and the end-to-end fault suite that runs a real
 * {@code surel serve} on it: every write a client sends while the disk is full, read-only or
 * failing must be answered truthfully (a refusal only when nothing was applied, success only
 * when it is durable), and the server must work again without a restart once the fault is gone.
 */
package dev.surel.faults;
