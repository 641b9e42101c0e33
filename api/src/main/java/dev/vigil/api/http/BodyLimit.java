package dev.vigil.api.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.util.function.Consumer;

/**
 * Aggregates a request into one {@link io.netty.handler.codec.http.FullHttpRequest} of at most
 * {@code maxBodyBytes}; a larger body (by {@code Content-Length} up front, or as it arrives
 * chunked) is answered by {@code onTooLarge} (the JSON 413) and the connection closed, without
 * reading the rest.
 */
final class BodyLimit extends HttpObjectAggregator {
    private final Consumer<ChannelHandlerContext> onTooLarge;

    BodyLimit(int maxBodyBytes, Consumer<ChannelHandlerContext> onTooLarge) {
        super(maxBodyBytes);
        this.onTooLarge = onTooLarge;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        onTooLarge.accept(ctx);
    }
}
