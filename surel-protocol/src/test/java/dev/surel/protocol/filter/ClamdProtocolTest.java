package dev.surel.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClamdProtocolTest {

    @Test
    void replies() {
        assertThat(ClamdProtocol.parse("stream: OK\0")).isEqualTo(new ClamdProtocol.Reply.Clean());
        assertThat(ClamdProtocol.parse("stream: Eicar-Test-Signature FOUND\0"))
                .isEqualTo(new ClamdProtocol.Reply.Found("Eicar-Test-Signature"));
        assertThat(ClamdProtocol.parse("INSTREAM size limit exceeded. ERROR\0")).isEqualTo(new ClamdProtocol.Reply.SizeLimit());
        assertThat(ClamdProtocol.parse("stream: Can't allocate memory ERROR\0")).isInstanceOf(ClamdProtocol.Reply.Error.class);
        assertThat(ClamdProtocol.parse("")).isInstanceOf(ClamdProtocol.Reply.Error.class);
        assertThat(ClamdProtocol.parse("stream:  FOUND")).isInstanceOf(ClamdProtocol.Reply.Error.class);
        assertThat(((ClamdProtocol.Reply.Found) ClamdProtocol.parse("stream: a\r\nb FOUND")).signature()).isEqualTo("a??b");
    }

    @Test
    void chunkLengthsAreBigEndian() {
        assertThat(ClamdProtocol.chunkLength(0x01020304)).containsExactly(1, 2, 3, 4);
        assertThat(ClamdProtocol.chunkLength(65536)).containsExactly(0, 1, 0, 0);
        assertThat(ClamdProtocol.chunkLength(0)).containsExactly(0, 0, 0, 0);
    }
}
