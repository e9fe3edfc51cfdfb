package io.sluice.log.server;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A blocking Kafka-protocol client on a plain socket, for what real clients never do: raw bytes, pipelining
 * without waiting, and reading exactly what the server wrote. Serializes with kafka-clients.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(15_000); // a hung test fails instead of hanging the build
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code request} with a header for {@code correlationId}; returns the header used. */
    RequestHeader send(AbstractRequest request, int correlationId) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "raw-client", correlationId);
        ByteBuffer bytes = request.serializeWithHeader(header);
        writeFrame(bytes);
        return header;
    }

    void writeFrame(ByteBuffer body) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + body.remaining()).putInt(body.remaining()).put(body.duplicate());
        writeRaw(frame.array());
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one whole response frame (without the size prefix). */
    ByteBuffer readFrame() throws IOException {
        int size = in.readInt();
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        return ByteBuffer.wrap(bytes);
    }

    Response receive(ApiKeys apiKey, short version) throws IOException {
        return receive(apiKey, version, apiKey.responseHeaderVersion(version));
    }

    Response receive(ApiKeys apiKey, short version, short headerVersion) throws IOException {
        ByteBuffer frame = readFrame();
        ResponseHeader header = ResponseHeader.parse(frame, headerVersion);
        AbstractResponse body = AbstractResponse.parseResponse(apiKey, new ByteBufferAccessor(frame), version);
        return new Response(header.correlationId(), body, frame.remaining());
    }

    /** True once the server has closed the connection (EOF or reset); blocks up to the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int correlationId, AbstractResponse body, int trailingBytes) {
    }
}
