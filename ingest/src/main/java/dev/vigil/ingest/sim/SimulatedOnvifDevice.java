package dev.vigil.ingest.sim;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.SOAP12;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.IoTransport;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.soap.SafeXml;
import dev.vigil.ingest.onvif.soap.Xml;
import dev.vigil.ingest.rtsp.Credentials;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A simulated ONVIF camera over real HTTP (SOAP 1.2) on Netty, for tests and demos: device service
 * (GetSystemDateAndTime without login, GetDeviceInformation, GetServices, GetCapabilities), Media
 * and optionally Media2 (GetProfiles, GetStreamUri, GetSnapshotUri) and PullPoint events
 * (CreatePullPointSubscription, PullMessages, Renew, Unsubscribe; subscriptions expire when not
 * renewed). Behaves like the cameras of quirks 42-44: a wrong WS-Security login is answered HTTP
 * 400 with {@code ter:NotAuthorized}; its clock may be far off (only GetSystemDateAndTime tells);
 * it may name itself by a LAN address ({@link Options#advertisedHost}); and it may demand HTTP
 * Digest on top ({@link Options#httpDigest}).
 *
 * <p>Threading: one event loop thread; {@link #emit} and the counters are thread-safe.
 */
public final class SimulatedOnvifDevice implements AutoCloseable {
    /**
     * @param credentials the login, or {@code null} for an open device
     * @param clockOffset the device's clock minus the real one
     * @param httpDigest whether HTTP Digest is demanded besides WS-Security
     * @param advertisedHost the host the device names itself by in answers (a LAN address), or
     *     {@code null} for the address it listens on
     * @param media2 whether a Media2 service is offered (else Media only)
     * @param profiles the profiles; stream URIs get {@code advertisedHost} as host when it is set
     * @param subscriptionLifetime the longest lifetime granted to an event subscription
     */
    public record Options(Credentials credentials, Duration clockOffset, boolean httpDigest, String advertisedHost,
            boolean media2, List<Profile> profiles, Duration subscriptionLifetime) {
        public Options {
            clockOffset = clockOffset == null ? Duration.ZERO : clockOffset;
            profiles = List.copyOf(profiles);
            subscriptionLifetime = subscriptionLifetime == null ? Duration.ofSeconds(60) : subscriptionLifetime;
        }

        /** A device with a main and a sub profile whose streams are {@code main} and {@code sub}. */
        public static Options of(Credentials credentials, String main, String sub) {
            return new Options(credentials, Duration.ZERO, false, null, true, List.of(
                    new Profile("profile_main", "mainStream", "H264", 1920, 1080, URI.create(main)),
                    new Profile("profile_sub", "subStream", "H264", 640, 360, URI.create(sub))),
                    null);
        }

        public Options withClockOffset(Duration offset) {
            return new Options(credentials, offset, httpDigest, advertisedHost, media2, profiles, subscriptionLifetime);
        }

        public Options withHttpDigest(boolean on) {
            return new Options(credentials, clockOffset, on, advertisedHost, media2, profiles, subscriptionLifetime);
        }

        public Options withAdvertisedHost(String host) {
            return new Options(credentials, clockOffset, httpDigest, host, media2, profiles, subscriptionLifetime);
        }

        public Options withMedia2(boolean on) {
            return new Options(credentials, clockOffset, httpDigest, advertisedHost, on, profiles, subscriptionLifetime);
        }

        public Options withSubscriptionLifetime(Duration lifetime) {
            return new Options(credentials, clockOffset, httpDigest, advertisedHost, media2, profiles, lifetime);
        }
    }

    /** One profile of the simulated device; {@code stream} is the RTSP URL it hands out. */
    public record Profile(String token, String name, String codec, int width, int height, URI stream) { }

    private record Subscription(List<SimulatedOnvifAnswers.Event> queue, Instant[] termination) { }

    private final Options options;
    private final Clock clock;
    private final EventLoopGroup group;
    private final Channel server;
    private final int port;
    private final String base;
    private final WsSecurityGate security;
    private final DigestGate digest;
    private final Map<Integer, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger nextSubscription = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong renewed = new AtomicLong();
    private final AtomicLong unsubscribed = new AtomicLong();
    private final AtomicLong refusedLogins = new AtomicLong();

    private SimulatedOnvifDevice(Options options, String bind, int listenPort, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = clock;
        this.security = options.credentials() == null ? null : new WsSecurityGate(options.credentials());
        this.digest = options.httpDigest() && options.credentials() != null
                ? new DigestGate(options.credentials(), new SplittableRandom()) : null;
        IoTransport transport = IoTransport.best();
        this.group = transport.newGroup(1, new DefaultThreadFactory("vigil-sim-onvif", true));
        try {
            this.server = new ServerBootstrap().group(group).channel(transport.serverSocketChannel())
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                        }
                    }).bind(bind, listenPort).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw VigilException.unavailable("simulated ONVIF device cannot listen on " + bind + ": " + e, e);
        }
        this.port = ((InetSocketAddress) server.localAddress()).getPort();
        this.base = "http://" + (options.advertisedHost() != null ? options.advertisedHost() : bind) + ":" + port;
    }

    /** Starts a device listening on {@code bind} (e.g. {@code 127.0.0.1}), on a free port. */
    public static SimulatedOnvifDevice start(Options options, String bind) {
        return start(options, bind, 0);
    }

    /** Starts a device listening on {@code bind}:{@code port} (0: a free port). */
    public static SimulatedOnvifDevice start(Options options, String bind, int port) {
        return new SimulatedOnvifDevice(options, bind, port, Clock.systemUTC());
    }

    /** The device service URL to reach it at (the real address, not the advertised one). */
    public URI deviceService() {
        return URI.create("http://" + ((InetSocketAddress) server.localAddress()).getHostString() + ":" + port
                + "/onvif/device_service");
    }

    public int port() {
        return port;
    }

    /**
     * Queues an event for every current subscription.
     *
     * @param topic e.g. {@code tns1:VideoSource/MotionAlarm}
     */
    public void emit(String topic, String dataName, String dataValue) {
        SimulatedOnvifAnswers.Event e = new SimulatedOnvifAnswers.Event(topic, "VideoSourceToken", "vs1", dataName,
                dataValue, now());
        subscriptions.values().forEach(s -> {
            synchronized (s.queue()) {
                s.queue().add(e);
            }
        });
    }

    /** Forgets every subscription, as a rebooted camera does: the next pull of each fails. */
    public void dropSubscriptions() {
        subscriptions.clear();
    }

    public int activeSubscriptions() {
        return subscriptions.size();
    }

    public long subscriptionsCreated() {
        return created.get();
    }

    public long renewals() {
        return renewed.get();
    }

    public long unsubscribes() {
        return unsubscribed.get();
    }

    /** Requests refused for a wrong or missing login. */
    public long refusedLogins() {
        return refusedLogins.get();
    }

    private Instant now() {
        return clock.instant().plus(options.clockOffset());
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** One SOAP request to one answer; the request buffer is released by the superclass. */
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = URI.create(req.uri()).getPath();
            Document doc;
            Element op;
            try {
                doc = SafeXml.parse(ByteBufUtil.getBytes(req.content()), "request");
                op = Xml.firstChild(Xml.child(doc.getDocumentElement(), SOAP12, "Body"));
            } catch (OnvifException | NullPointerException e) {
                send(ctx, HttpResponseStatus.BAD_REQUEST, SimulatedOnvifAnswers.fault("SOAP-ENV:Sender", "bad request"));
                return;
            }
            String name = op == null ? "" : op.getLocalName();
            if (!name.equals("GetSystemDateAndTime")) {
                if (digest != null && !digest.accepts(req.headers().get(HttpHeaderNames.AUTHORIZATION), "POST")) {
                    FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, "");
                    r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, digest.challenge());
                    write(ctx, r);
                    return;
                }
                String refusal = security == null ? null : security.refusal(doc, now());
                if (refusal != null) {
                    refusedLogins.incrementAndGet();
                    // Quirk 42: 400, not 401, with ter:NotAuthorized.
                    send(ctx, HttpResponseStatus.BAD_REQUEST, SimulatedOnvifAnswers.fault("ter:NotAuthorized",
                            "Sender not Authorized: " + refusal));
                    return;
                }
            }
            answer(ctx, path, name, op, doc);
        }

        private void answer(ChannelHandlerContext ctx, String path, String name, Element op, Document doc) {
            boolean media2 = path.equals("/onvif/media2_service");
            switch (path + "#" + name) {
                case "/onvif/device_service#GetSystemDateAndTime" -> ok(ctx, SimulatedOnvifAnswers.systemDateAndTime(now()));
                case "/onvif/device_service#GetDeviceInformation" -> ok(ctx, SimulatedOnvifAnswers.deviceInformation());
                case "/onvif/device_service#GetServices" -> ok(ctx, SimulatedOnvifAnswers.services(base, options.media2()));
                case "/onvif/device_service#GetCapabilities" -> ok(ctx, SimulatedOnvifAnswers.capabilities(base));
                case "/onvif/media_service#GetProfiles", "/onvif/media2_service#GetProfiles" -> {
                    if (media2 && !options.media2()) {
                        notFound(ctx);
                    } else {
                        ok(ctx, SimulatedOnvifAnswers.profiles(options.profiles(), media2));
                    }
                }
                case "/onvif/media_service#GetStreamUri", "/onvif/media2_service#GetStreamUri" ->
                        profileUri(ctx, op, "GetStreamUri", media2);
                case "/onvif/media_service#GetSnapshotUri", "/onvif/media2_service#GetSnapshotUri" ->
                        profileUri(ctx, op, "GetSnapshotUri", media2);
                case "/onvif/events_service#CreatePullPointSubscription" -> {
                    int id = nextSubscription.incrementAndGet();
                    Instant termination = now().plus(options.subscriptionLifetime());
                    subscriptions.put(id, new Subscription(new ArrayList<>(), new Instant[] {termination}));
                    created.incrementAndGet();
                    // One address for every subscription; the reference parameter tells them apart.
                    ok(ctx, SimulatedOnvifAnswers.subscription(base + "/onvif/pullpoint", id, now(), termination));
                }
                default -> {
                    if (path.equals("/onvif/pullpoint")) {
                        pullPoint(ctx, subscriptionIdHeader(doc), name);
                    } else {
                        notFound(ctx);
                    }
                }
            }
        }

        private void profileUri(ChannelHandlerContext ctx, Element op, String operation, boolean media2) {
            String token = Xml.text(Xml.child(op, op.getNamespaceURI(), "ProfileToken"));
            Profile p = options.profiles().stream().filter(x -> x.token().equals(token))
                    .findFirst().orElse(null);
            if (p == null) {
                send(ctx, HttpResponseStatus.BAD_REQUEST, SimulatedOnvifAnswers.fault("ter:InvalidArgVal",
                        "no profile " + token));
                return;
            }
            URI uri = operation.equals("GetStreamUri") ? advertised(p.stream())
                    : URI.create(base + "/snapshot/" + p.token() + ".jpg");
            ok(ctx, SimulatedOnvifAnswers.mediaUri(operation, uri, media2));
        }

        /** The {@code sim:SubscriptionId} reference parameter echoed in the header, or -1. */
        private int subscriptionIdHeader(Document doc) {
            Element header = Xml.child(doc.getDocumentElement(), SOAP12, "Header");
            Element id = header == null ? null : Xml.child(header, SimulatedOnvifAnswers.SIM_NS, "SubscriptionId");
            if (id == null || !"true".equals(id.getAttributeNS(
                    "http://www.w3.org/2005/08/addressing", "IsReferenceParameter"))) {
                return -1;
            }
            return Xml.intOr(Xml.text(id), -1);
        }

        private void pullPoint(ChannelHandlerContext ctx, int id, String name) {
            Subscription s = subscriptions.get(id);
            if (s != null && now().isAfter(s.termination()[0])) {
                subscriptions.remove(id);
                s = null;
            }
            if (s == null) {
                send(ctx, HttpResponseStatus.BAD_REQUEST, SimulatedOnvifAnswers.fault("wsrf-rw:ResourceUnknownFault",
                        "no such subscription"));
                return;
            }
            switch (name) {
                case "PullMessages" -> {
                    List<SimulatedOnvifAnswers.Event> events;
                    synchronized (s.queue()) {
                        events = new ArrayList<>(s.queue());
                        s.queue().clear();
                    }
                    Instant termination = s.termination()[0];
                    if (events.isEmpty()) {
                        // Hold an empty pull a little, as a camera holds it up to the requested timeout.
                        ctx.executor().schedule(() -> ok(ctx, SimulatedOnvifAnswers.pulled(now(), termination,
                                List.of())), 100, TimeUnit.MILLISECONDS);
                    } else {
                        ok(ctx, SimulatedOnvifAnswers.pulled(now(), termination, events));
                    }
                }
                case "Renew" -> {
                    s.termination()[0] = now().plus(options.subscriptionLifetime());
                    renewed.incrementAndGet();
                    ok(ctx, SimulatedOnvifAnswers.renewed(now(), s.termination()[0]));
                }
                case "Unsubscribe" -> {
                    subscriptions.remove(id);
                    unsubscribed.incrementAndGet();
                    ok(ctx, SimulatedOnvifAnswers.unsubscribed());
                }
                default -> notFound(ctx);
            }
        }

        private URI advertised(URI stream) {
            if (options.advertisedHost() == null) {
                return stream;
            }
            try {
                return new URI(stream.getScheme(), null, options.advertisedHost(), stream.getPort(), stream.getPath(),
                        stream.getQuery(), null);
            } catch (URISyntaxException e) {
                return stream;
            }
        }

        private void ok(ChannelHandlerContext ctx, String xml) {
            send(ctx, HttpResponseStatus.OK, xml);
        }

        private void notFound(ChannelHandlerContext ctx) {
            write(ctx, response(HttpResponseStatus.NOT_FOUND, ""));
        }

        private void send(ChannelHandlerContext ctx, HttpResponseStatus status, String xml) {
            FullHttpResponse r = response(status, xml);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/soap+xml; charset=utf-8");
            write(ctx, r);
        }

        private FullHttpResponse response(HttpResponseStatus status, String body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            r.headers().set(HttpHeaderNames.CONNECTION, "close");
            return r;
        }

        private void write(ChannelHandlerContext ctx, FullHttpResponse r) {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
