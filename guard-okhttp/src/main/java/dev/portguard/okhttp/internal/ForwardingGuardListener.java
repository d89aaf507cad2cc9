package dev.portguard.okhttp.internal;

import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;

/**
 * For OkHttp 4.12, which cannot compose listeners: the user's listener first, then the guard's, for each of
 * 4.12's events. (OkHttp 5 uses its own composition, which also carries the events 5 added.)
 */
final class ForwardingGuardListener extends EventListener {
    private final EventListener user;
    private final GuardEventListener guard;

    ForwardingGuardListener(EventListener user, GuardEventListener guard) {
        this.user = user;
        this.guard = guard;
    }

    @Override
    public void callStart(Call call) {
        user.callStart(call);
        guard.callStart(call);
    }

    @Override
    public void proxySelectStart(Call call, HttpUrl url) {
        user.proxySelectStart(call, url);
    }

    @Override
    public void proxySelectEnd(Call call, HttpUrl url, List<Proxy> proxies) {
        user.proxySelectEnd(call, url, proxies);
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        user.dnsStart(call, domainName);
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<InetAddress> inetAddressList) {
        user.dnsEnd(call, domainName, inetAddressList);
    }

    @Override
    public void connectStart(Call call, InetSocketAddress inetSocketAddress, Proxy proxy) {
        user.connectStart(call, inetSocketAddress, proxy);
        guard.connectStart(call, inetSocketAddress, proxy);
    }

    @Override
    public void secureConnectStart(Call call) {
        user.secureConnectStart(call);
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        user.secureConnectEnd(call, handshake);
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol) {
        user.connectEnd(call, inetSocketAddress, proxy, protocol);
        guard.connectEnd(call, inetSocketAddress, proxy, protocol);
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol,
                              IOException ioe) {
        user.connectFailed(call, inetSocketAddress, proxy, protocol, ioe);
        guard.connectFailed(call, inetSocketAddress, proxy, protocol, ioe);
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        user.connectionAcquired(call, connection);
        guard.connectionAcquired(call, connection);
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
        user.connectionReleased(call, connection);
        guard.connectionReleased(call, connection);
    }

    @Override
    public void requestHeadersStart(Call call) {
        user.requestHeadersStart(call);
    }

    @Override
    public void requestHeadersEnd(Call call, Request request) {
        user.requestHeadersEnd(call, request);
    }

    @Override
    public void requestBodyStart(Call call) {
        user.requestBodyStart(call);
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) {
        user.requestBodyEnd(call, byteCount);
    }

    @Override
    public void requestFailed(Call call, IOException ioe) {
        user.requestFailed(call, ioe);
    }

    @Override
    public void responseHeadersStart(Call call) {
        user.responseHeadersStart(call);
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        user.responseHeadersEnd(call, response);
        guard.responseHeadersEnd(call, response);
    }

    @Override
    public void responseBodyStart(Call call) {
        user.responseBodyStart(call);
    }

    @Override
    public void responseBodyEnd(Call call, long byteCount) {
        user.responseBodyEnd(call, byteCount);
    }

    @Override
    public void responseFailed(Call call, IOException ioe) {
        user.responseFailed(call, ioe);
    }

    @Override
    public void callEnd(Call call) {
        user.callEnd(call);
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
        user.callFailed(call, ioe);
    }

    @Override
    public void canceled(Call call) {
        user.canceled(call);
    }

    @Override
    public void satisfactionFailure(Call call, Response response) {
        user.satisfactionFailure(call, response);
    }

    @Override
    public void cacheHit(Call call, Response cachedResponse) {
        user.cacheHit(call, cachedResponse);
    }

    @Override
    public void cacheMiss(Call call) {
        user.cacheMiss(call);
    }

    @Override
    public void cacheConditionalHit(Call call, Response cachedResponseWithNullBody) {
        user.cacheConditionalHit(call, cachedResponseWithNullBody);
    }
}
