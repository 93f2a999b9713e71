package org.behalf.kernel;

import java.io.ByteArrayInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body already held in memory, served again as the servlet's input stream: for a body
 * read once before the handler runs (the enforcement filter) and for a request made inside the
 * server (an MCP tool call forwarded to the API). Blocking only: the bytes are all there.
 */
public final class BytesInput extends ServletInputStream {

    private final ByteArrayInputStream in;

    public BytesInput(byte[] bytes) {
        this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
    }

    @Override
    public boolean isFinished() {
        return in.available() == 0;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("the body is in memory");
    }
}
