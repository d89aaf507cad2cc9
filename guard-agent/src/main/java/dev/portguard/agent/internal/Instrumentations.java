package dev.portguard.agent.internal;

import dev.portguard.agent.internal.advice.AsyncConnectAdvice;
import dev.portguard.agent.internal.advice.ConnectEndpointAdvice;
import dev.portguard.agent.internal.advice.ConnectRouteAdvice;
import dev.portguard.agent.internal.advice.Hc4CreatedAdvice;
import dev.portguard.agent.internal.advice.Hc5AsyncCreatedAdvice;
import dev.portguard.agent.internal.advice.Hc5ClassicCreatedAdvice;
import dev.portguard.agent.internal.advice.JdkConnectionAdvice;
import dev.portguard.agent.internal.advice.JdkHttpClientCreatedAdvice;
import dev.portguard.agent.internal.advice.JdkSendAdvice;
import dev.portguard.agent.internal.advice.LeaseRouteAdvice;
import dev.portguard.agent.internal.advice.OkHttpClientAdvice;
import dev.portguard.agent.internal.advice.ReleaseAdvice;
import dev.portguard.agent.internal.advice.RequestConnectionAdvice;
import dev.portguard.agent.internal.advice.SelfTestAdvice;
import dev.portguard.agent.internal.advice.SocketConnectAdvice;
import dev.portguard.agent.internal.advice.UrlCloseServerAdvice;
import dev.portguard.agent.internal.advice.UrlHttpsNewAdvice;
import dev.portguard.agent.internal.advice.UrlNewAdvice;
import dev.portguard.agent.internal.advice.UrlOpenServerAdvice;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.ClassFileTransformer;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketAddress;
import java.net.URL;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

/**
 * Every seam the agent advises, as one ByteBuddy transformer. Built only when the first target class is loaded
 * (see {@link TargetGate}). Advice is inlined and adds no member, so it also works when retransforming classes
 * that were loaded before the agent (the JDK's sockets). A target that lacks a seam (another version of the
 * library) is left alone with one log line.
 */
final class Instrumentations {
    private final ClassFileLocator adviceLocator;
    private final Set<String> skippedTypes = ConcurrentHashMap.newKeySet();
    private final Set<String> instrumentedLibraries = ConcurrentHashMap.newKeySet();

    private Instrumentations(ClassLoader agentLoader) {
        this.adviceLocator = ClassFileLocator.ForClassLoader.of(agentLoader);
    }

    static Instrumentations create() {
        // ByteBuddy's safe mode keeps it off sun.misc.Unsafe (JDK 25 warns about it); the property is relocated
        // with ByteBuddy, so take its name from ByteBuddy's own (relocated) package.
        String safe = ByteBuddy.class.getPackageName() + ".safe";
        if (System.getProperty(safe) == null) {
            System.setProperty(safe, "true");
        }
        return new Instrumentations(Instrumentations.class.getClassLoader());
    }

    Set<String> instrumentedLibraries() {
        return instrumentedLibraries;
    }

    ClassFileTransformer transformer() {
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new ErrorListener())
                .ignore(none());
        for (Seams type : seams()) {
            builder = builder.type(named(type.typeName)).transform(type);
        }
        return builder.makeRaw();
    }

    private List<Seams> seams() {
        List<Seams> all = new ArrayList<>();
        all.add(new Seams(Targets.OKHTTP_CLIENT, Targets.OKHTTP)
                .advise(isConstructor().and(takesArguments(1)).and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))),
                        OkHttpClientAdvice.class));

        String hc5Route = "org.apache.hc.client5.http.HttpRoute";
        all.add(new Seams(Targets.HC5_CLASSIC_MANAGER, Targets.HTTPCLIENT5)
                .advise(isConstructor(), Hc5ClassicCreatedAdvice.class)
                // lease(id, route, state) delegates to lease(id, route, timeout, state): advise only the latter
                .advise(named("lease").and(takesArguments(4)).and(takesArgument(1, named(hc5Route))),
                        LeaseRouteAdvice.class)
                .advise(named("connect").and(takesArguments(3)), ConnectEndpointAdvice.class)
                .advise(named("release").and(takesArguments(3)), ReleaseAdvice.class));
        all.add(new Seams(Targets.HC5_ASYNC_MANAGER, Targets.HTTPCLIENT5)
                .advise(isConstructor(), Hc5AsyncCreatedAdvice.class)
                .advise(named("lease").and(takesArguments(5)).and(takesArgument(1, named(hc5Route))),
                        LeaseRouteAdvice.class)
                .advise(named("connect").and(takesArguments(6)), AsyncConnectAdvice.class)
                .advise(named("release").and(takesArguments(3)), ReleaseAdvice.class));

        String hc4Route = "org.apache.http.conn.routing.HttpRoute";
        all.add(new Seams(Targets.HC4_MANAGER, Targets.HTTPCLIENT4)
                .advise(isConstructor(), Hc4CreatedAdvice.class)
                .advise(named("requestConnection").and(takesArguments(2)).and(takesArgument(0, named(hc4Route))),
                        RequestConnectionAdvice.class)
                .advise(named("connect").and(takesArguments(4)).and(takesArgument(1, named(hc4Route))),
                        ConnectRouteAdvice.class)
                .advise(named("releaseConnection").and(takesArguments(4)), ReleaseAdvice.class));

        all.add(new Seams(Targets.JDK_CLIENT, Targets.JDK_HTTPCLIENT)
                .advise(isConstructor(), JdkHttpClientCreatedAdvice.class)
                .advise(named("sendAsync").and(takesArguments(4)), JdkSendAdvice.class));
        // JDK 17: (address, client); JDK 21+ adds a label.
        all.add(new Seams(Targets.JDK_CONNECTION, Targets.JDK_HTTPCLIENT)
                .advise(isConstructor().and(takesArgument(0, InetSocketAddress.class)), JdkConnectionAdvice.class));

        all.add(new Seams(Targets.URL_CLIENT, Targets.URL_CONNECTION)
                .advise(named("openServer").and(takesNoArguments()), UrlOpenServerAdvice.class)
                .advise(named("New").and(isStatic()).and(takesArguments(5)).and(takesArgument(0, URL.class))
                        .and(takesArgument(1, Proxy.class)), UrlNewAdvice.class)
                .advise(named("closeServer").and(takesNoArguments()), UrlCloseServerAdvice.class));
        all.add(new Seams(Targets.URL_HTTPS_CLIENT, Targets.URL_CONNECTION)
                .advise(named("New").and(isStatic()).and(takesArguments(7)).and(takesArgument(1, URL.class)),
                        UrlHttpsNewAdvice.class));

        all.add(new Seams(Targets.SOCKET, Targets.SOCKETS)
                .advise(named("connect").and(takesArguments(2)).and(takesArgument(0, SocketAddress.class)),
                        SocketConnectAdvice.class));
        all.add(new Seams(Targets.SOCKET_CHANNEL, Targets.SOCKETS)
                .advise(named("connect").and(takesArguments(1)).and(takesArgument(0, SocketAddress.class)),
                        SocketConnectAdvice.class));

        all.add(new Seams(Targets.PROBE, Targets.SELF_TEST)
                .advise(named("touch"), SelfTestAdvice.class));
        return all;
    }

    /** The advice for one class. A class where none of its seams exists is skipped with one line. */
    private final class Seams implements AgentBuilder.Transformer {
        final String typeName;
        final String library;
        private final List<ElementMatcher<? super MethodDescription>> matchers = new ArrayList<>();
        private AgentBuilder.Transformer.ForAdvice building;

        Seams(String typeName, String library) {
            this.typeName = typeName;
            this.library = library;
            this.building = new AgentBuilder.Transformer.ForAdvice().include(adviceLocator);
        }

        Seams advise(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass) {
            matchers.add(methods);
            building = building.advice(methods, adviceClass.getName());
            return this;
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                                ClassLoader classLoader, JavaModule module,
                                                ProtectionDomain protectionDomain) {
            List<String> missing = new ArrayList<>();
            int found = 0;
            for (ElementMatcher<? super MethodDescription> m : matchers) {
                boolean has = !type.getDeclaredMethods().filter(m).isEmpty();
                found += has ? 1 : 0;
                if (!has) {
                    missing.add(m.toString());
                }
            }
            if (found < matchers.size()) {
                // A partial set of seams would count wrongly (requests without releases): all or nothing.
                if (skippedTypes.add(typeName)) {
                    AgentLog.warn(library + ": " + typeName + " lacks the methods this agent advises (an"
                            + " unsupported version?); not guarding it");
                }
                return builder;
            }
            instrumentedLibraries.add(library);
            return building.transform(builder, type, classLoader, module, protectionDomain);
        }
    }

    /** One line per class ByteBuddy could not transform; the class loads unchanged. */
    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        private final Set<String> reported = ConcurrentHashMap.newKeySet();

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            if (reported.add(typeName)) {
                AgentLog.warn("could not instrument " + typeName + " (" + throwable + "); it runs unguarded");
            }
        }
    }
}
