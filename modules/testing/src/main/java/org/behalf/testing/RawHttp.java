package org.behalf.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte on a socket, the way an attacker's script sends it: the path
 * exactly as given (Java's client would normalise or refuse some), any header bytes, and a body
 * that may be sent slowly. One request per connection ({@code Connection: close}).
 */
public final class RawHttp implements AutoCloseable {

    /** A response as read off the wire: the status, headers (names lower-cased) and body. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** Opens a connection and writes the request line and headers; the body is written after. */
    public static RawHttp open(int port, String method, String path, byte[] extraHeaders, long contentLength) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(extraHeaders);
            if (contentLength >= 0) {
                head.writeBytes(("Content-Length: " + contentLength + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(head.toByteArray());
            socket.getOutputStream().flush();
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One whole request: the path as given, headers as {@code Name: value} lines in UTF-8, a JSON body or none. */
    public static Response send(int port, String method, String path, String token, String json, String... headers) {
        StringBuilder lines = new StringBuilder();
        if (token != null) {
            lines.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (json != null) {
            lines.append("Content-Type: application/json\r\n");
        }
        for (String header : headers) {
            lines.append(header).append("\r\n");
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = open(port, method, path, lines.toString().getBytes(StandardCharsets.UTF_8), json == null ? -1 : body.length)) {
            http.write(body);
            return http.response();
        }
    }

    public void write(byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the response to its end (the server closes the connection). */
    public Response response() {
        try {
            byte[] all = socket.getInputStream().readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            String[] head = new String(all, 0, end < 0 ? all.length : end, StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
                }
            }
            byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(all, end + 4, all.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int line = indexOf(chunked, crlf, at);
            if (line < 0) {
                return body.toByteArray();
            }
            int size = Integer.parseInt(new String(chunked, at, line - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, line + 2, size);
            at = line + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = from; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
