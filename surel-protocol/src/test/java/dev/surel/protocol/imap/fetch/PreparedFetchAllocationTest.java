package dev.surel.protocol.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.StructureCodec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What one {@code * n FETCH (ENVELOPE FLAGS)} line costs in allocated bytes (counted by the JVM per
 * thread, not timed): from the stored structure (the bytes read from the database, decoded, the
 * envelope rendered) against from the stored rendered items (the bytes read from the database,
 * written as they are). Prints both per message; the stored items must cost less than a third.
 */
class PreparedFetchAllocationTest {

    /** A message like the benchmark kit's (ordinary headers, one text part). */
    private static final String MESSAGE = """
            Return-Path: <load@bench.test>
            Received: from client.bench.test (client.bench.test [127.0.0.2])
            \tby mx.bench.test (Surel) with ESMTP id 4f1c2a; Mon, 7 Dec 2026 10:00:00 +0000
            Date: Mon, 7 Dec 2026 10:00:00 +0000
            From: Bench Load <load@bench.test>
            To: Fetch User <fetch@bench.test>
            Cc: "Doe, Jane" <jane@example.org>, bob@example.org
            Subject: bench message 1234 about the quarterly figures
            Message-ID: <1234.5678@bench.test>
            In-Reply-To: <1233.5678@bench.test>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            body
            """;

    private static final int N = 2000;

    @Test
    void storedItemsAllocateAFractionOfDecodeAndRender() throws IOException {
        MessageStructure st = Wire.parse(Wire.crlf(MESSAGE));
        byte[] structure = StructureCodec.encode(st);
        PreparedFetch p = PreparedFetch.of(st);
        fromStructure(structure);
        fromItems(p); // warm up both paths
        long a = allocated();
        for (int i = 0; i < N; i++) fromStructure(structure);
        long decodeAndRender = (allocated() - a) / N;
        a = allocated();
        for (int i = 0; i < N; i++) fromItems(p);
        long items = (allocated() - a) / N;
        System.out.printf("FETCH (ENVELOPE FLAGS) per message: %d bytes allocated from the structure (%d-byte column), "
                + "%d from the stored items (%d+%d+%d bytes)%n", decodeAndRender, structure.length, items,
                p.envelope().length, p.body().length, p.bodyStructure().length);
        assertThat(items * 3).isLessThan(decodeAndRender);
    }

    /** Before V15: the structure column read, decoded, the envelope rendered. */
    private static int fromStructure(byte[] column) throws IOException {
        MessageStructure s = StructureCodec.decode(column.clone());
        return new ResponseBuilder().raw("* 1 FETCH (ENVELOPE ")
                .value(EnvelopeValue.of(s.envelope(), HeaderTextMode.ENCODED_WORDS))
                .raw(" FLAGS (\\Seen))").crlf().toByteArray().length;
    }

    /** V15: the item columns read (as the store reads them), the envelope written as it is. */
    private static int fromItems(PreparedFetch p) {
        PreparedFetch read = new PreparedFetch(p.envelope().clone(), null, p.body().clone(), p.bodyStructure().clone());
        return new ResponseBuilder().raw("* 1 FETCH (ENVELOPE ").rendered(read.envelope(false))
                .raw(" FLAGS (\\Seen))").crlf().toByteArray().length;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
