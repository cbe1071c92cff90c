package dev.surel.protocol.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StructureCodecTest {

    @Test
    void roundTripsEverySample() throws IOException {
        for (String sample : Samples.all()) {
            MessageStructure s = Samples.parse(Samples.crlf(sample));
            assertThat(StructureCodec.decode(StructureCodec.encode(s))).isEqualTo(s);
        }
        MessageStructure empty = Samples.parse(new byte[0]);
        assertThat(StructureCodec.decode(StructureCodec.encode(empty))).isEqualTo(empty);
    }

    @Test
    void headerAloneDecodesTheSameFields() throws IOException {
        for (String sample : Samples.all()) {
            MessageStructure s = Samples.parse(Samples.crlf(sample));
            assertThat(StructureCodec.decodeHeader(StructureCodec.encode(s))).isEqualTo(s.header());
        }
        byte[] good = StructureCodec.encode(Samples.parse(Samples.crlf(Samples.MIXED)));
        Random rnd = new Random(11);
        for (int i = 0; i < 500; i++) {
            byte[] bad = Arrays.copyOf(good, rnd.nextInt(good.length));
            if (rnd.nextBoolean() && bad.length > 1) {
                bad[1 + rnd.nextInt(bad.length - 1)] ^= (byte) (1 + rnd.nextInt(255));
            }
            try {
                StructureCodec.decodeHeader(bad);
            } catch (IOException expected) {
                // fine: the caller decodes or parses instead
            }
        }
    }

    @Test
    void corruptOrForeignDataIsAnIOException() {
        byte[] good = StructureCodec.encode(Samples.parse(Samples.crlf(Samples.MIXED)));
        byte[] wrongVersion = good.clone();
        wrongVersion[0] = 99;
        assertThatThrownBy(() -> StructureCodec.decode(wrongVersion)).isInstanceOf(IOException.class);
        Random rnd = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] bad = Arrays.copyOf(good, rnd.nextInt(good.length));
            if (rnd.nextBoolean() && bad.length > 1) {
                bad[1 + rnd.nextInt(bad.length - 1)] ^= (byte) (1 + rnd.nextInt(255));
            }
            try {
                StructureCodec.decode(bad);
            } catch (IOException expected) {
                // fine: the caller re-parses the blob
            }
        }
    }
}
