package fr.instruire.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import fr.instruire.system.ApiProblem;

/**
 * Refuses a body over {@code instruire.intake.max-json-bytes} on {@code /api/**} with 413, before it is parsed: at
 * once when its Content-Length says so, or as soon as a body of unknown length (chunked) goes past the limit while
 * being read. Documents (multipart) have their own limits. The refusal is answered by the API's problem handler, as
 * any other.
 */
@Component
class JsonBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final HandlerExceptionResolver problems;

    JsonBodyLimit(IntakeLimits limits, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.maxBytes = limits.maxJsonBytes().toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var type = request.getContentType();
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            problems.resolveException(request, response, null, tooLarge());
            return;
        }
        chain.doFilter(new Capped(request), response);
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Requête trop volumineuse",
                "Le corps de la requête dépasse " + (maxBytes >= 1024 ? maxBytes / 1024 + " Ko" : maxBytes + " octets")
                        + " ; les documents s'envoient à part (POST /api/dossiers/{numéro}/documents).");
    }

    /** The request whose body stops at the limit: one byte more and the reading fails with the 413 problem. */
    private final class Capped extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Capped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            var encoding = getCharacterEncoding();
            var charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private final class CappedStream extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        CappedStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            var b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            var n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge();
            }
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
