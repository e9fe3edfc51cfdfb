package io.sluice.log.server;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A blocking, one-request-at-a-time Kafka connection for tests that must send what real clients never would
 * (corrupted batches, replayed idempotent batches): requests are built and parsed with kafka-clients' classes,
 * bytes can be tampered with between the two.
 */
final class RawKafkaConnection implements AutoCloseable {
    private final Socket socket;
    private int correlationId;

    RawKafkaConnection(String host, int port) throws IOException {
        this.socket = new Socket(host, port);
        this.socket.setSoTimeout(30_000);
    }

    /** The request's bytes after the size prefix: header then body. */
    ByteBuffer serialize(AbstractRequest request) {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "raw-test", ++correlationId);
        return request.serializeWithHeader(header);
    }

    /** Sends a serialized request (possibly tampered with) and parses the response for {@code apiKey}. */
    AbstractResponse send(ByteBuffer requestBytes, ApiKeys apiKey, short version) throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] payload = new byte[requestBytes.remaining()];
        requestBytes.duplicate().get(payload);
        out.write(ByteBuffer.allocate(4).putInt(payload.length).array());
        out.write(payload);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        ByteBuffer buffer = ByteBuffer.wrap(response);
        ResponseHeader.parse(buffer, apiKey.responseHeaderVersion(version));
        return AbstractResponse.parseResponse(apiKey, new org.apache.kafka.common.protocol.ByteBufferAccessor(buffer), version);
    }

    AbstractResponse send(AbstractRequest request) throws IOException {
        return send(serialize(request), request.apiKey(), request.version());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
