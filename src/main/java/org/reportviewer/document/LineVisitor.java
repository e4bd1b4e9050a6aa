package org.reportviewer.document;

/** Receives one line of the report as raw bytes; the buffer is valid only during the call. */
@FunctionalInterface
public interface LineVisitor {
    /**
     * @param contentEnd end of the text, without its line break
     * @param end        end of the line including its line break (equal to {@code contentEnd} after a
     *                   forced break of a very long line, or for an unterminated last line)
     */
    void line(long index, byte[] buf, int start, int contentEnd, int end);
}
