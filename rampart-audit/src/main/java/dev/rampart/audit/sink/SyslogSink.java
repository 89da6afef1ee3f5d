package dev.rampart.audit.sink;

import dev.rampart.audit.AuditJson;
import dev.rampart.audit.AuditSink;
import dev.rampart.audit.StoredEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sends each entry as an RFC 5424 syslog message: facility 13 (log audit), severity notice (5)
 * for denials and failures, informational (6) otherwise; MSGID is the event type, MSG the entry's
 * JSON line after a UTF-8 BOM (RFC 5424 section 6.4). Over UDP one datagram per message (RFC
 * 5426); over TCP with octet-counting framing (RFC 6587 section 3.4.1), reconnecting after a failure.
 */
public final class SyslogSink implements AuditSink {

    /** The network transport. */
    public enum Transport {
        UDP,
        TCP
    }

    private static final int FACILITY_LOG_AUDIT = 13;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
            .withZone(ZoneOffset.UTC);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Transport transport;
    private final InetSocketAddress target;
    private final String hostname;
    private final String appName;
    private final String procId;
    private DatagramSocket udp;
    private Socket tcp;

    public SyslogSink(Transport transport, String host, int port, String hostname, String appName) {
        this.transport = transport;
        this.target = new InetSocketAddress(host, port);
        this.hostname = header(hostname);
        this.appName = header(appName);
        this.procId = Long.toString(ProcessHandle.current().pid());
    }

    /** The RFC 5424 message of an entry, without transport framing. */
    public byte[] format(StoredEntry stored) {
        String result = stored.entry().result();
        boolean adverse = result != null && (result.startsWith("denied") || result.startsWith("fail"));
        int pri = FACILITY_LOG_AUDIT * 8 + (adverse ? 5 : 6);
        String head = "<" + pri + ">1 " + TIMESTAMP.format(stored.entry().time()) + " " + hostname + " " + appName + " "
                + procId + " " + header(stored.entry().eventType()) + " - ";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] msg = AuditJson.toLine(stored).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + BOM.length + msg.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(BOM, 0, all, headBytes.length, BOM.length);
        System.arraycopy(msg, 0, all, headBytes.length + BOM.length, msg.length);
        return all;
    }

    /** A header field: printable US-ASCII without spaces, at most 32 characters (MSGID's limit), or "-". */
    private static String header(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (b.length() == 32) {
                break;
            }
            b.append(c > 32 && c < 127 ? c : '_');
        }
        return b.toString();
    }

    @Override
    public synchronized void accept(StoredEntry entry) {
        byte[] message = format(entry);
        try {
            if (transport == Transport.UDP) {
                if (udp == null) {
                    udp = new DatagramSocket();
                }
                udp.send(new DatagramPacket(message, message.length, target));
            } else {
                if (tcp == null) {
                    tcp = new Socket();
                    tcp.connect(target, 5_000);
                }
                OutputStream out = tcp.getOutputStream();
                out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(message);
                out.flush();
            }
        } catch (IOException e) {
            close();
            throw new IllegalStateException("cannot send the audit entry to syslog " + transport + " " + target + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (udp != null) {
            udp.close();
            udp = null;
        }
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException ignored) {
                // closing after a failure: nothing more to do with this connection
            }
            tcp = null;
        }
    }

    @Override
    public String toString() {
        return "syslog " + transport + " " + target;
    }
}
