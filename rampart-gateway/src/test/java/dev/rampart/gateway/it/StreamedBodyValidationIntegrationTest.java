package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code validate} guard checks JSON, XML and multipart bodies while they arrive: a hostile body
 * whose first kilobytes break a limit is refused then, not once the gateway holds it. The route's
 * size limits are far above the bodies sent here (64 MB), so only a chunk-by-chunk check can refuse
 * them before they are complete.
 */
class StreamedBodyValidationIntegrationTest {

    /** More than the client can have in flight when the gateway answers (socket buffers, linger drain). */
    static final long HOSTILE_BODY_BYTES = 48L * 1024 * 1024;
    static final String BOUNDARY = "----rampartStreamed7MA4YWxk";

    @TempDir
    static Path dir;

    static Vertx upstreamVertx;
    static HttpServer upstream;
    /** Requests that reached the upstream (counted at their head, before any body). */
    static final AtomicInteger upstreamRequests = new AtomicInteger();
    static final List<byte[]> received = new CopyOnWriteArrayList<>();
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstreamVertx = Vertx.vertx();
        upstream = upstreamVertx.createHttpServer().requestHandler(req -> {
            upstreamRequests.incrementAndGet();
            req.body().onSuccess(body -> {
                received.add(body.getBytes());
                req.response().setStatusCode(200).end("stored");
            });
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        gw = GatewayHarness.start(dir, """
                routes:
                  - id: documents
                    match: {path-prefix: /documents}
                    upstream: {urls: ["http://127.0.0.1:%d"]}
                    max-body-size: 200MB
                    validate:
                      accept: [application/json, application/xml, multipart/form-data]
                      json: {max-size: 64MB, max-depth: 32}
                      xml: {max-size: 64MB, max-depth: 32, max-elements: 100000000}
                      multipart: {max-size: 64MB, max-part-size: 64MB, allowed-extensions: [pdf]}
                """.formatted(upstream.actualPort()), false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (upstreamVertx != null) {
            upstreamVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesTenThousandNestedJsonArraysBeforeTheRestOfA48MegabyteBodyIsSent() throws Exception {
        byte[] opening = new byte[10_000];
        Arrays.fill(opening, (byte) '[');
        Streamed r = streamChunked("application/json", opening, "[".getBytes(StandardCharsets.US_ASCII));

        r.assertRefusedWhileSending(400, "max-depth");
        assertThat(r.body()).contains("\"expected\":\"32\"");
    }

    @Test
    void refusesDeeplyNestedXmlBeforeTheRestIsSent() throws Exception {
        byte[] opening = "<a>".repeat(1_000).getBytes(StandardCharsets.US_ASCII);
        Streamed r = streamChunked("application/xml", opening, "<a>".getBytes(StandardCharsets.US_ASCII));

        r.assertRefusedWhileSending(400, "max-depth");
    }

    @Test
    void refusesAnXmlDoctypeOnItsFirstChunk() throws Exception {
        byte[] opening = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;"
                .getBytes(StandardCharsets.US_ASCII);
        Streamed r = streamChunked("application/xml", opening, "<!-- padding -->".getBytes(StandardCharsets.US_ASCII));

        r.assertRefusedWhileSending(400, "dtd");
    }

    @Test
    void refusesATraversingFileNameBeforeTheFileIsSent() throws Exception {
        byte[] opening = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/cron.d/job.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n").getBytes(StandardCharsets.US_ASCII);
        Streamed r = streamChunked("multipart/form-data; boundary=" + BOUNDARY, opening, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

        r.assertRefusedWhileSending(400, "filename");
        assertThat(r.body()).contains("\"name\":\"file\"").doesNotContain("cron");
    }

    @Test
    void passesValidJsonXmlAndMultipartBodiesByteForByte() throws Exception {
        StringBuilder json = new StringBuilder("{\"lines\":[");
        for (int i = 0; i < 5_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"text\":\"line ").append(i).append("\"}");
        }
        String bigJson = json.append("]}").toString();   // ~150 KB: arrives in many chunks
        String xml = "<?xml version=\"1.0\"?><order id=\"7\"><item sku=\"A\">2</item>" + "<note>n</note>".repeat(2_000) + "</order>";
        String multipart = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nInvoice\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.7\r\n" + "x".repeat(100_000) + "\r\n--" + BOUNDARY + "--\r\n";

        for (String[] body : new String[][] {{"application/json", bigJson}, {"application/xml", xml},
                {"multipart/form-data; boundary=" + BOUNDARY, multipart}}) {
            int before = received.size();
            HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/documents"))
                    .header("Content-Type", body[0]).POST(HttpRequest.BodyPublishers.ofString(body[1])));
            assertThat(r.statusCode()).as(body[0]).isEqualTo(200);
            assertThat(received).hasSize(before + 1);
            assertThat(received.get(before)).as(body[0]).isEqualTo(body[1].getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusesAnUnfinishedJsonBodyOnceItEnds() throws Exception {
        int before = upstreamRequests.get();
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/documents"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":[1,2")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("rule")).isEqualTo("syntax");
        assertThat(upstreamRequests.get()).isEqualTo(before);
    }

    /** What a client streaming a hostile body saw: the answer, and how far it had got when the answer came. */
    record Streamed(String answer, long sentWhenAnswered, long sent, int upstreamBefore) {
        String body() {
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }

        void assertRefusedWhileSending(int status, String rule) {
            assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
            assertThat(body()).contains("\"rule\":\"" + rule + "\"");
            // The answer came while the client was still writing: the gateway refused the body on
            // its first chunks instead of holding it, and stopped reading soon after.
            assertThat(sentWhenAnswered).isPositive().isLessThan(HOSTILE_BODY_BYTES / 2);
            assertThat(sent).isLessThan(HOSTILE_BODY_BYTES);
            assertThat(upstreamRequests.get()).isEqualTo(upstreamBefore);
        }
    }

    /**
     * Sends {@code opening} and then {@code filler} over and over as one chunked body of up to
     * {@link #HOSTILE_BODY_BYTES}, reading the answer on another thread while writing.
     */
    static Streamed streamChunked(String contentType, byte[] opening, byte[] filler) throws Exception {
        int upstreamBefore = upstreamRequests.get();
        AtomicLong sent = new AtomicLong();
        AtomicLong sentWhenAnswered = new AtomicLong(-1);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (Socket socket = new Socket("127.0.0.1", gw.gateway.httpPort())) {
            socket.setSoTimeout(30_000);
            Thread reader = new Thread(() -> {
                try {
                    InputStream in = socket.getInputStream();
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        sentWhenAnswered.compareAndSet(-1, sent.get());
                        synchronized (answer) {
                            answer.write(buf, 0, n);
                        }
                    }
                } catch (IOException resetAfterAnswer) {
                    // the gateway closes once the answer is out; what arrived before counts
                }
            });
            reader.start();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] fill = new byte[64 * 1024 - 64 * 1024 % filler.length];
            for (int i = 0; i < fill.length; i += filler.length) {
                System.arraycopy(filler, 0, fill, i, filler.length);
            }
            try {
                writeChunk(out, opening);
                sent.addAndGet(opening.length);
                while (sent.get() < HOSTILE_BODY_BYTES) {
                    writeChunk(out, fill);
                    sent.addAndGet(fill.length);
                }
            } catch (IOException closedByGateway) {
                // expected: the gateway answered, stopped reading and closed the connection
            }
            reader.join(30_000);
        }
        synchronized (answer) {
            return new Streamed(answer.toString(StandardCharsets.UTF_8), sentWhenAnswered.get(), sent.get(), upstreamBefore);
        }
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
