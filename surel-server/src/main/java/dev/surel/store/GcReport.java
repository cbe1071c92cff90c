package dev.surel.store;

/** What one garbage-collector pass removed. */
public record GcReport(long tombstonesPurged, long blobsDeleted, long tempFilesDeleted) {
}
