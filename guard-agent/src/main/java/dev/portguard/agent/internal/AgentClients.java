package dev.portguard.agent.internal;

import dev.portguard.agent.internal.clients.apache.ApacheManagers;
import dev.portguard.agent.internal.clients.apache.SharedManagers;
import dev.portguard.agent.internal.clients.apache5.Http2OnlyPools;
import dev.portguard.agent.internal.clients.apache5.SharedAsyncClients;
import dev.portguard.agent.internal.clients.grpc.GrpcChannels;
import dev.portguard.agent.internal.clients.asynchttp.AsyncHttpClients;
import dev.portguard.agent.internal.clients.jdkhttp.JdkHttpClients;
import dev.portguard.agent.internal.clients.jetty.JettyClients;
import dev.portguard.agent.internal.clients.okhttp.OkHttpClients;
import dev.portguard.agent.internal.clients.reactor.ReactorNettyPools;
import dev.portguard.agent.internal.clients.socket.SocketFailures;
import dev.portguard.agent.internal.clients.urlconnection.UrlConnections;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.httpclient5.internal.ApacheKinds;

import java.util.List;
import java.util.Map;

/** The agent's integration of each client it instruments, one per library, each reporting to one guard. */
final class AgentClients {
    final OkHttpClients okHttp = new OkHttpClients();
    final GrpcChannels grpc = new GrpcChannels();
    final ApacheManagers apache;
    final SharedManagers apache5Shared;
    final SharedManagers apache4Shared;
    final SharedAsyncClients apache5Async;
    final Http2OnlyPools apache5H2;
    final JdkHttpClients jdk;
    final ReactorNettyPools reactor;
    final JettyClients jetty;
    final AsyncHttpClients asyncHttp;
    final UrlConnections urlConnections;
    final SocketFailures sockets;
    /** Set by the install self-test's probe: the advice ran. */
    volatile boolean selfTestPassed;

    AgentClients(PortGuard guard) {
        this.apache = new ApacheManagers(guard);
        this.apache5Shared = new SharedManagers(guard, new SharedManagers.Library("Apache HttpClient 5",
                ApacheKinds.CLASSIC, List.of("systemProperties"), List.of()));
        this.apache4Shared = new SharedManagers(guard, new SharedManagers.Library("Apache HttpClient 4",
                ClientKind.of("httpclient4", Map.of()), List.of("systemProperties", "maxConnTotal", "maxConnPerRoute", "connTimeToLive",
                "connTimeToLiveTimeUnit"), List.of("sslSocketFactory", "sslContext", "hostnameVerifier",
                "defaultSocketConfig", "defaultConnectionConfig", "dnsResolver", "publicSuffixMatcher")));
        this.apache5Async = new SharedAsyncClients(guard);
        this.apache5H2 = new Http2OnlyPools(guard);
        this.jdk = new JdkHttpClients(guard);
        this.reactor = new ReactorNettyPools(guard);
        this.jetty = new JettyClients(guard);
        this.asyncHttp = new AsyncHttpClients(guard);
        this.urlConnections = new UrlConnections(guard);
        this.sockets = new SocketFailures(guard);
    }
}
