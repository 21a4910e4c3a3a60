package com.tanfang.platform;

import com.tanfang.message.Language;
import com.tanfang.message.Message;
import com.tanfang.message.MessageBundle;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The 1 MB limit of {@link RequestSizeLimit} for bodies that declare no length (Transfer-Encoding: chunked): the
 * filter sees only Content-Length, and Netty's {@code max-request-size} is the upload limit (16 MB) for every
 * route. This handler sits right after Netty's HTTP codec, counts the body bytes of each request that is not an
 * upload, and once they pass 1 MB answers 413 problem+json (in the caller's language) and closes the connection,
 * without reading the rest. Requests with a Content-Length are left to the filter.
 */
@Singleton
public class StreamedBodyLimit implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final JsonMapper json;

    public StreamedBodyLimit(JsonMapper json) {
        this.json = json;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            var codec = channel.pipeline().context(HttpServerCodec.class);
            if (codec != null && channel.pipeline().get("tanfang-streamed-body-limit") == null) {
                channel.pipeline().addAfter(codec.name(), "tanfang-streamed-body-limit", new Counter());
            }
        }
    }

    private final class Counter extends ChannelInboundHandlerAdapter {
        private long received;
        private boolean counted;
        private long limit;
        private boolean refused;
        private Language language = Language.ZH_CN;
        private String path = "";

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                // the raw path: a request line with bad percent-encoding must reach Micronaut (which answers 400)
                String uri = request.uri();
                int query = uri.indexOf('?');
                path = query < 0 ? uri : uri.substring(0, query);
                received = 0;
                refused = false;
                limit = RequestSizeLimit.limitFor(path);
                counted = !HttpUtil.isContentLengthSet(request) && limit >= 0;
                language = language(request);
            }
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (counted && msg instanceof HttpContent content) {
                received += content.content().readableBytes();
                if (received > limit) {
                    refused = true;
                    ReferenceCountUtil.release(msg);
                    ctx.writeAndFlush(tooLarge()).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        private FullHttpResponse tooLarge() {
            Message detail = Message.of("problem.too_large");
            String title = MessageBundle.has(language, "status.413")
                    ? MessageBundle.render(language, Message.of("status.413")) : "Payload Too Large";
            byte[] body;
            try {
                body = json.writeValueAsBytes(new Problem("about:blank", title, 413,
                        MessageBundle.render(language, detail), detail.code(), detail.argsIn(language), path, null, List.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return r;
        }
    }

    /** The same choice as {@link Messages#language}: the remembered cookie, else Accept-Language, else Chinese. */
    static Language language(HttpRequest request) {
        String chosen = null;
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(cookies)) {
                if (Messages.LANGUAGE_COOKIE.equals(c.name()) && Messages.LANGUAGES.contains(c.value())) {
                    chosen = c.value();
                    break;
                }
            }
        }
        return Messages.language(chosen, request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE));
    }
}
