package dev.rampart.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditEntry;
import dev.rampart.audit.AuditJson;
import dev.rampart.audit.StoredEntry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {

    private static final StoredEntry DENIED = new StoredEntry(41, AuditEntry.of(Instant.parse("2026-11-26T10:00:00.123456Z"),
            "request.denied", "alice", "203.0.113.9", "orders", "POST /orders", "denied:waf-blocked", "req-1",
            Map.of("rule", "942100")));
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final String EXPECTED_HEAD = "<109>1 2026-11-26T10:00:00.123456Z gw1 rampart " + PID + " request.denied - \uFEFF";

    @Test
    void syslogOverUdpSendsOneRfc5424DatagramPerEntry() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                SyslogSink sink = new SyslogSink(SyslogSink.Transport.UDP, "127.0.0.1", server.getLocalPort(), "gw1", "rampart")) {
            server.setSoTimeout(10_000);
            sink.accept(DENIED);
            DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
            server.receive(packet);
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            assertThat(message).isEqualTo(EXPECTED_HEAD + AuditJson.toLine(DENIED));
        }
    }

    @Test
    void syslogOverTcpFramesMessagesByOctetCount() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SyslogSink sink = new SyslogSink(SyslogSink.Transport.TCP, "127.0.0.1", server.getLocalPort(), "gw1", "rampart")) {
            server.setSoTimeout(10_000);
            sink.accept(DENIED);
            sink.accept(DENIED);
            try (Socket client = server.accept(); DataInputStream in = new DataInputStream(client.getInputStream())) {
                for (int i = 0; i < 2; i++) {
                    StringBuilder length = new StringBuilder();
                    for (int c = in.read(); c != ' '; c = in.read()) {
                        length.append((char) c);
                    }
                    byte[] message = new byte[Integer.parseInt(length.toString())];
                    in.readFully(message);
                    assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo(EXPECTED_HEAD + AuditJson.toLine(DENIED));
                }
            }
        }
    }

    @Test
    void fileSinkRotatesAndKeepsTheConfiguredNumberOfFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        int lineBytes = (AuditJson.toLine(DENIED) + "\n").getBytes(StandardCharsets.UTF_8).length;
        try (JsonLinesFileSink sink = new JsonLinesFileSink(file, 2L * lineBytes, 2)) {
            for (int i = 0; i < 7; i++) {
                sink.accept(DENIED);
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl.1"))).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl.2"))).hasSize(2);
        assertThat(dir.resolve("audit.jsonl.3")).doesNotExist();
        assertThat(AuditJson.fromLine(Files.readAllLines(file).get(0))).isEqualTo(DENIED);
    }

    @Test
    void stdoutSinkPrintsJsonLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new StdoutSink(new PrintStream(bytes, true, StandardCharsets.UTF_8)).accept(DENIED);
        assertThat(Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n")))
                .containsExactly("{\"seq\":41,\"time\":\"2026-11-26T10:00:00.123456Z\",\"event_type\":\"request.denied\","
                        + "\"principal\":\"alice\",\"client_ip\":\"203.0.113.9\",\"route\":\"orders\",\"action\":\"POST /orders\","
                        + "\"result\":\"denied:waf-blocked\",\"request_id\":\"req-1\",\"details\":{\"rule\":\"942100\"}}");
    }
}
