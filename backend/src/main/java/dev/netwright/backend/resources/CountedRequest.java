package dev.netwright.backend.resources;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body tells an {@link Observer} how many bytes of it have been read after every read, as bytes or as
 * text; the observer stops the body by throwing. For bodies of unknown length (chunked), whose size is only known as
 * they arrive.
 */
final class CountedRequest extends HttpServletRequestWrapper {
    /** Told the bytes read so far; throws to stop the body there. */
    interface Observer {
        void read(long total) throws IOException;
    }

    private final Observer observer;
    private ServletInputStream counted;

    CountedRequest(HttpServletRequest request, Observer observer) {
        super(request);
        this.observer = observer;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (counted == null) {
            counted = new CountedStream(super.getInputStream(), observer);
        }
        return counted;
    }

    /** The counted stream as text (the container's own reader would read around it). */
    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        return new BufferedReader(new InputStreamReader(getInputStream(),
                encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }

    private static final class CountedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final Observer observer;
        private long read;

        CountedStream(ServletInputStream in, Observer observer) {
            this.in = in;
            this.observer = observer;
        }

        private int count(int n) throws IOException {
            if (n > 0) {
                read += n;
                observer.read(read);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return count(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
