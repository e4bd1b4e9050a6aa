package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reportviewer.proto.ReportChunk;

/** The canonical-shape parse against protobuf's generated one, byte sequence by byte sequence. */
class ChunkMarshallerCanonicalTest {

    private static final int[] INTS = {0, 1, -1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Integer.MIN_VALUE};

    @Test
    void theServersShapeTakesTheCanonicalPathAndAgreesWithProtobuf() throws IOException {
        Random random = new Random(12);
        for (int i = 0; i < 5_000; i++) {
            ReportChunk.Builder b = ReportChunk.newBuilder();
            if (random.nextInt(4) > 0) {
                byte[] data = new byte[i == 0 ? 200_000 : random.nextInt(4) == 0 ? 0 : random.nextInt(300)];
                random.nextBytes(data);
                b.setData(ByteString.copyFrom(data));
            }
            if (random.nextInt(4) > 0) {
                b.setChunkNumber(anInt(random));
            }
            if (random.nextInt(4) > 0) {
                b.setTotalChunks(anInt(random));
            }
            byte[] wire = b.build().toByteArray();
            assertThat(ChunkMarshaller.parseCanonical(wire)).as("canonical %s", shown(wire)).isNotNull();
            assertSameAsProtobuf(wire);
        }
    }

    @Test
    void everyOtherByteSequenceGetsProtobufsResultOrError() throws IOException {
        List<byte[]> cases = new ArrayList<>();
        cases.add(new byte[0]);
        cases.add(wire(out -> { out.writeInt32(2, 5); out.writeBytes(1, bytes("ab")); }));       // reordered
        cases.add(wire(out -> { out.writeInt32(3, 9); out.writeInt32(2, 5); }));
        cases.add(wire(out -> { out.writeInt32(2, 5); out.writeInt32(2, 6); }));                // repeated
        cases.add(wire(out -> { out.writeBytes(1, bytes("ab")); out.writeBytes(1, bytes("cd")); }));
        cases.add(wire(out -> { out.writeInt32(3, 1); out.writeInt32(3, 2); }));
        cases.add(wire(out -> { out.writeBytes(1, bytes("ab")); out.writeInt32(4, 7); }));      // unknown fields
        cases.add(wire(out -> { out.writeInt32(4, 7); out.writeBytes(1, bytes("ab")); }));
        cases.add(wire(out -> { out.writeInt32(2, 1); out.writeBytes(9, bytes("x")); out.writeInt32(3, 2); }));
        cases.add(wire(out -> { out.writeInt32(2, 1); out.writeInt32(3, 2); out.writeFixed32(5, 3); }));
        cases.add(wire(out -> out.writeInt32(1, 3)));                                            // wrong wire types
        cases.add(wire(out -> out.writeBytes(2, bytes("ab"))));
        cases.add(wire(out -> out.writeFixed64(3, 1)));
        cases.add(new byte[] {0x10, (byte) 0x80, 0x00});                                          // over-long varints
        cases.add(new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});   // 35 bits: low 32 kept
        cases.add(new byte[] {0x0A, (byte) 0x82, 0x00, 'a', 'b'});
        cases.add(varint10(0x18, 0x7F));                                                          // 10 bytes, any top
        cases.add(varint10(0x10, 0x01));
        byte[] eleven = Arrays.copyOf(varint10(0x10, 0xFF), 12);                                 // 11 bytes: malformed
        eleven[11] = 0x01;
        cases.add(eleven);
        cases.add(new byte[] {0x0A, 0x05, 'a', 'b'});                                             // length past the end
        cases.add(new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 'a'}); // negative length
        cases.add(new byte[] {0x0A, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10, 'a'}); // 2^32: length 0
        cases.add(new byte[] {0x00});                                                             // tag 0
        cases.add(new byte[] {0x10});                                                             // tag without value
        cases.add(new byte[] {0x0A});
        cases.add(new byte[] {(byte) 0x90, 0x00, 0x01});                                          // over-long tag
        byte[] full = ReportChunk.newBuilder().setData(bytes("id,region\n1,north\n"))
                .setChunkNumber(-5).setTotalChunks(300).build().toByteArray();
        for (int n = 0; n < full.length; n++) {
            cases.add(Arrays.copyOf(full, n));                                                    // every truncation
        }
        for (byte[] c : cases) {
            assertSameAsProtobuf(c);
        }
    }

    private static void assertSameAsProtobuf(byte[] wire) throws IOException {
        ReportChunk expected;
        try {
            expected = ReportChunk.parseFrom(wire);
        } catch (IOException e) {
            Class<? extends IOException> type = e.getClass();
            Throwable actual = null;
            try {
                ChunkMarshaller.parse(wire.clone());
            } catch (IOException ours) {
                actual = ours;
            }
            assertThat(actual).as("error for %s", shown(wire)).isExactlyInstanceOf(type);
            return;
        }
        assertThat(ChunkMarshaller.parse(wire.clone())).as("parse of %s", shown(wire)).isEqualTo(expected);
    }

    private static String shown(byte[] wire) {
        return wire.length + " bytes " + Arrays.toString(Arrays.copyOf(wire, Math.min(wire.length, 24)));
    }

    private static int anInt(Random random) {
        return random.nextBoolean() ? INTS[random.nextInt(INTS.length)] : random.nextInt();
    }

    private static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }

    /** A field's tag and a 10-byte varint of 1 whose last byte is {@code last}. */
    private static byte[] varint10(int tag, int last) {
        byte[] b = new byte[11];
        b[0] = (byte) tag;
        b[1] = (byte) 0x81;
        for (int i = 2; i < 10; i++) {
            b[i] = (byte) 0x80;
        }
        b[10] = (byte) last;
        return b;
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] wire(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
