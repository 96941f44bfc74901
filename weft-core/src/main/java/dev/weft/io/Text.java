package dev.weft.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict decoding of bytes to text, for the readers of this package: malformed input is a
 * {@link CharacterCodingException} (an {@code IOException}), never replacement characters,
 * as in Tokio where invalid UTF-8 is an {@code InvalidData} error.
 */
final class Text {
    private Text() {
    }

    /**
     * @param b the bytes
     * @param off the first byte
     * @param len how many
     * @param cs the charset
     * @return the text
     * @throws CharacterCodingException if the bytes are not valid in {@code cs}
     */
    static String decode(byte[] b, int off, int len, Charset cs) throws CharacterCodingException {
        if (cs == StandardCharsets.UTF_8) {
            // The JDK's lenient decoder is the fast path (vectorised for ASCII). It only puts
            // U+FFFD where input was malformed or where the input itself encoded U+FFFD, so
            // only then is the strict decoder needed, to tell the two apart.
            String s = new String(b, off, len, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') < 0) {
                return s;
            }
        }
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, off, len))
                .toString();
    }
}
