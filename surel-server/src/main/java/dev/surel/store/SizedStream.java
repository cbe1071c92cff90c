package dev.surel.store;

import java.io.InputStream;

/** A message's stored bytes and their exact length. The caller closes the stream. */
public record SizedStream(InputStream in, long size) implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
        in.close();
    }
}
